import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError, RandomState } from '@dlkit/core';
import {
  expectNoLeaks,
  expectTensorsClose,
  fc,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { initializeAdam } from './initialize-adam.js';
import { updateParametersWithAdam } from './update-parameters-with-adam.js';

type Dict = Record<string, FixtureTensor>;
interface Step {
  t: number;
  parameters: Dict;
  v: Dict;
  s: Dict;
  v_corrected?: Dict;
  s_corrected?: Dict;
}
interface Fixture {
  learning_rate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  parameters: Dict;
  initial_v: Dict;
  initial_s: Dict;
  grads: Dict[];
  trajectory: Step[];
  other: { learning_rate: number; beta1: number; beta2: number; epsilon: number };
  other_trajectory: Step[];
}

const decode = (d: Dict): Record<string, tf.Tensor> =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, fixtureTensor(v)]));

function expectDictClose(actual: Record<string, tf.Tensor>, expected: Dict, label: string): void {
  expect(Object.keys(actual).sort(), label).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) {
    // float32 against float64 NumPy over three steps; sCorrected/√ amplify relative error a little.
    expectTensorsClose(actual[k]!, fixtureTensor(v), {
      rtol: 1e-5,
      atol: 1e-7,
      label: `${label}.${k}`,
    });
  }
}

describe('initializeAdam', () => {
  it('matches the notebook: zeros keyed dW1, db1, … with the parameters shapes', () => {
    const fx = loadFixture<Fixture>('optimizers_adam');
    tf.tidy(() => {
      const { v, s } = initializeAdam(decode(fx.parameters));
      expectDictClose(v, fx.initial_v, 'v');
      expectDictClose(s, fx.initial_s, 's');
    });
  });

  it('returns two new tensors per parameter and leaks nothing', async () => {
    const parameters = { W1: tf.ones([3, 2]), b1: tf.ones([3, 1]), W2: tf.ones([1, 3]) };
    expect(await expectNoLeaks(() => initializeAdam(parameters))).toBe(6);
    tf.dispose(parameters);
  });

  it('rejects an empty dictionary and disposed tensors', () => {
    expect(() => initializeAdam({})).toThrow('initializeAdam: parameters is empty');
    const W1 = tf.ones([2, 2]);
    W1.dispose();
    expect(() => initializeAdam({ W1 })).toThrow(
      'initializeAdam: parameters.W1 is a disposed tensor',
    );
  });
});

describe('updateParametersWithAdam', () => {
  it('matches the NumPy notebook over three steps (parameters, v, s and the corrected moments)', () => {
    const fx = loadFixture<Fixture>('optimizers_adam');
    tf.tidy(() => {
      let parameters = decode(fx.parameters);
      let { v, s } = initializeAdam(parameters);
      for (const step of fx.trajectory) {
        const out = updateParametersWithAdam(
          parameters,
          decode(fx.grads[step.t - 1]!),
          v,
          s,
          step.t,
          fx.learning_rate,
          fx.beta1,
          fx.beta2,
          fx.epsilon,
        );
        expectDictClose(out.parameters, step.parameters, `t=${step.t} parameters`);
        expectDictClose(out.v, step.v, `t=${step.t} v`);
        expectDictClose(out.s, step.s, `t=${step.t} s`);
        expectDictClose(out.vCorrected, step.v_corrected!, `t=${step.t} vCorrected`);
        expectDictClose(out.sCorrected, step.s_corrected!, `t=${step.t} sCorrected`);
        ({ parameters, v, s } = out);
      }
    });
  });

  it('uses the defaults of the notebook and honours other hyperparameters', () => {
    const fx = loadFixture<Fixture>('optimizers_adam');
    const { learning_rate, beta1, beta2, epsilon } = fx.other;
    tf.tidy(() => {
      // Defaults: the first step with no hyperparameters given equals the fixture's first step.
      const p0 = decode(fx.parameters);
      const init = initializeAdam(p0);
      const first = updateParametersWithAdam(p0, decode(fx.grads[0]!), init.v, init.s, 1);
      expectDictClose(first.parameters, fx.trajectory[0]!.parameters, 'defaults');
      let parameters = p0;
      let { v, s } = init;
      for (const step of fx.other_trajectory) {
        const g = decode(fx.grads[step.t - 1]!);
        const out = updateParametersWithAdam(
          parameters,
          g,
          v,
          s,
          step.t,
          learning_rate,
          beta1,
          beta2,
          epsilon,
        );
        expectDictClose(out.parameters, step.parameters, `other t=${step.t} parameters`);
        expectDictClose(out.v, step.v, `other t=${step.t} v`);
        expectDictClose(out.s, step.s, `other t=${step.t} s`);
        ({ parameters, v, s } = out);
      }
    });
  });

  it('at t = 1 moves every entry with a non-zero gradient by about the learning rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 1e-3, max: 0.5, noNaN: true }),
        (rows, cols, seed, lr) => {
          tf.tidy(() => {
            const rs = new RandomState(seed);
            const parameters = { W1: rs.randn(rows, cols) };
            // |g| >= 0.01, so ε / |g| <= 1e-6 stays below rtol: with randn + 0.01, seed 708 drew
            // |g| = 7.5e-6, whose step is α (1 - 1.3e-3), and the property failed on that draw.
            const r = rs.randn(rows, cols);
            const grads = { dW1: tf.where(r.greaterEqual(0), r.add(0.01), r.sub(0.01)) };
            const { v, s } = initializeAdam(parameters);
            const out = updateParametersWithAdam(parameters, grads, v, s, 1, lr);
            // At t = 1, vCorrected = g and sCorrected = g², so the step is α g / (|g| + ε).
            const step = tf.sub(parameters.W1, out.parameters.W1!);
            const expected = tf.mul(tf.sign(grads.dW1), lr);
            expectTensorsClose(step, expected, { rtol: 1e-4, atol: 1e-6 });
          });
        },
      ),
      { numRuns: 20, examples: [[4, 4, 708, 0.1]] },
    );
  });

  it('leaves its inputs alone and returns five new tensors per parameter', async () => {
    const rs = new RandomState(3);
    const parameters = { W1: rs.randn(3, 2), b1: rs.randn(3, 1) };
    const grads = { dW1: rs.randn(3, 2), db1: rs.randn(3, 1) };
    const { v, s } = initializeAdam(parameters);
    const before = parameters.W1.arraySync();
    expect(await expectNoLeaks(() => updateParametersWithAdam(parameters, grads, v, s, 2))).toBe(
      10,
    );
    expect(parameters.W1.arraySync()).toEqual(before);
    expect(v['dW1']!.arraySync()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    tf.dispose([parameters, grads, v, s]);
  });

  it('names missing or mis-shaped moments and bad hyperparameters', () => {
    tf.tidy(() => {
      const parameters = { W1: tf.ones([3, 2]) };
      const grads = { dW1: tf.ones([3, 2]) };
      const { v, s } = initializeAdam(parameters);
      const call =
        (...args: unknown[]) =>
        () =>
          (updateParametersWithAdam as (...a: unknown[]) => unknown)(...args);
      expect(call(parameters, {}, v, s, 1)).toThrow(
        'updateParametersWithAdam: grads has no dW1 for parameter W1',
      );
      expect(call(parameters, grads, {}, s, 1)).toThrow(
        'updateParametersWithAdam: v has no dW1 for parameter W1',
      );
      expect(call(parameters, grads, v, { dW1: tf.ones([2, 3]) }, 1)).toThrow(
        'updateParametersWithAdam: s.dW1 must have shape [3, 2], got [2, 3]',
      );
      expect(call(parameters, grads, v, s, 0)).toThrow(
        'updateParametersWithAdam: t must be an integer >= 1, got 0',
      );
      expect(call(parameters, grads, v, s, 1.5)).toThrow(
        'updateParametersWithAdam: t must be an integer >= 1, got 1.5',
      );
      expect(call(parameters, grads, v, s, 1, -0.01)).toThrow(
        'updateParametersWithAdam: learningRate must be a finite number > 0, got -0.01',
      );
      expect(call(parameters, grads, v, s, 1, 0.01, 1)).toThrow(
        'updateParametersWithAdam: beta1 must be a finite number >= 0 and < 1, got 1',
      );
      expect(call(parameters, grads, v, s, 1, 0.01, 0.9, -0.1)).toThrow(
        'updateParametersWithAdam: beta2 must be a finite number >= 0 and < 1, got -0.1',
      );
      expect(call(parameters, grads, v, s, 1, 0.01, 0.9, 0.999, -1)).toThrow(
        'updateParametersWithAdam: epsilon must be a finite number >= 0, got -1',
      );
      expect(call({}, grads, v, s, 1)).toThrow('updateParametersWithAdam: parameters is empty');
      expect(call(parameters, grads, v, s, 0)).toThrow(DlkitError);
    });
  });
});
