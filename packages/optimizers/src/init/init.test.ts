import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import {
  expectFixtureDictClose,
  expectNoLeaks,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import {
  initializeParametersHe,
  initializeParametersRandom,
  initializeParametersZeros,
} from './initialize-parameters.js';
import { model } from './model.js';
import {
  backwardPropagation,
  computeLoss,
  forwardPropagation,
  predict,
} from '../three-layer/network.js';

type Dict = Record<string, FixtureTensor>;
interface Fixture {
  zeros_3_2_1: Dict;
  random_3_2_1: Dict;
  he_2_4_1: Dict;
  X: FixtureTensor;
  Y: FixtureTensor;
  iterations: number;
  models: Record<
    string,
    { learning_rate: number; costs: number[]; parameters: Dict; accuracy: number }
  >;
}
const fx = loadFixture<Fixture>('optimizers_init');

describe('the initialisation notebook', () => {
  it('initializeParametersZeros / Random (×10) / He equal the notebook on its test inputs', () => {
    tf.tidy(() => {
      expectFixtureDictClose(initializeParametersZeros([3, 2, 1]), fx.zeros_3_2_1);
      expectFixtureDictClose(initializeParametersRandom([3, 2, 1]), fx.random_3_2_1, {
        label: 'random',
      });
      expectFixtureDictClose(initializeParametersHe([2, 4, 1]), fx.he_2_4_1, { label: 'he' });
    });
  });

  it('each initialiser returns 2 tensors per layer and leaks nothing', async () => {
    for (const init of [
      initializeParametersZeros,
      initializeParametersRandom,
      initializeParametersHe,
    ]) {
      expect(await expectNoLeaks(() => init([4, 3, 2, 1]))).toBe(6);
    }
  });

  it('model trains as the NumPy model: zeros stay at ln 2 (symmetry), He fits', () => {
    const X = fixtureTensor(fx.X);
    const Y = fixtureTensor(fx.Y);
    for (const name of ['zeros', 'he'] as const) {
      const ref = fx.models[name]!;
      const before = tf.memory().numTensors;
      const { parameters, costs } = model(X, Y, ref.learning_rate, fx.iterations, false, name);
      expect(tf.memory().numTensors).toBe(before + 6);
      expect(costs.length).toBe(ref.costs.length);
      // float32 against float64 over 2001 steps: costs within 1e-3 relative.
      costs.forEach((c, i) =>
        expect(Math.abs(c - ref.costs[i]!) / ref.costs[i]!, `${name} ${i}`).toBeLessThan(1e-3),
      );
      expectFixtureDictClose(parameters, ref.parameters, { rtol: 1e-3, atol: 1e-4, label: name });
      const { p, accuracy } = predict(X, Y, parameters);
      expect(accuracy).toBeCloseTo(ref.accuracy, 5);
      tf.dispose([p, parameters]);
    }
    // Zeros never break symmetry: every hidden unit keeps identical weights.
    const zeros = model(X, Y, 0.01, 3, false, 'zeros');
    expect(new Set(zeros.parameters.W1!.dataSync()).size).toBe(1);
    tf.dispose([X, Y, zeros.parameters]);
    // Real training in float32 on the cpu backend: allow for a loaded machine.
  }, 600_000);

  it("'random' (×10) starts with a far larger cost than He", () => {
    const X = fixtureTensor(fx.X);
    const Y = fixtureTensor(fx.Y);
    const random = model(X, Y, 0.01, 1, false, 'random');
    const he = model(X, Y, 0.01, 1, false, 'he');
    expect(random.costs[0]!).toBeGreaterThan(3 * he.costs[0]!);
    tf.dispose([X, Y, random.parameters, he.parameters]);
  });

  it('model reports the cost every 1000 iterations through a printCost function', () => {
    const X = fixtureTensor(fx.X);
    const Y = fixtureTensor(fx.Y);
    const seen: number[] = [];
    const r = model(X, Y, 0.01, 1001, (i) => seen.push(i), 'he');
    expect(seen).toEqual([0, 1000]);
    tf.dispose([X, Y, r.parameters]);
  });

  it('forward, backward, computeLoss and predict are leak-free and named in errors', async () => {
    const X = fixtureTensor(fx.X);
    const Y = fixtureTensor(fx.Y);
    const parameters = initializeParametersHe([2, 10, 5, 1]);
    expect(await expectNoLeaks(() => forwardPropagation(X, parameters))).toBe(13);
    const { A3, cache } = forwardPropagation(X, parameters);
    expect(await expectNoLeaks(() => backwardPropagation(X, Y, cache))).toBe(11);
    expect(await expectNoLeaks(() => computeLoss(A3, Y))).toBe(0);
    expect(await expectNoLeaks(() => predict(X, Y, parameters))).toBe(1);
    expect(() => forwardPropagation(tf.ones([3, 4]), parameters)).toThrow(
      'forwardPropagation: parameters.W1 must have shape [n1, nX] with nX = 3 (from X), got [10, 2]',
    );
    expect(() => backwardPropagation(X, tf.ones([1, 3]), cache)).toThrow(
      /^backwardPropagation: Y must have shape \[1, m\] with m = 40/,
    );
    expect(() => computeLoss(A3, null as unknown as tf.Tensor)).toThrow(
      'computeLoss: Y must be a tf.Tensor, got null',
    );
    tf.dispose([X, Y, parameters, A3, cache]);
  });

  it('rejects bad arguments with a DlkitError naming the function', () => {
    const X = tf.ones([2, 4]);
    const Y = tf.ones([1, 4]);
    const call =
      (...a: unknown[]) =>
      () =>
        (model as (...x: unknown[]) => unknown)(...a);
    expect(call(X, Y, NaN)).toThrow('model: learningRate must be a finite number > 0, got NaN');
    expect(call(X, Y, 0.1, 1.5)).toThrow(
      'model: numIterations must be an integer >= 0 and <= 100000000, got 1.5',
    );
    expect(call(X, Y, 0.1, 1, false, 'xavier')).toThrow(
      "model: initialization must be 'zeros', 'random' or 'he', got xavier",
    );
    expect(call(X, tf.ones([1, 3]), 0.1, 1)).toThrow(DlkitError);
    expect(() => initializeParametersHe([2] as number[])).toThrow(
      'initializeParametersHe: layersDims must list at least the input and output sizes',
    );
    expect(() => initializeParametersRandom([2, Infinity])).toThrow(
      'initializeParametersRandom: layersDims[1] must be an integer',
    );
    expect(() => initializeParametersZeros(null as unknown as number[])).toThrow(DlkitError);
    tf.dispose([X, Y]);
  });
});
