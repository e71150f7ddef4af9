import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectBackwardMatchesAutodiff,
  expectNoLeaks,
  expectTensorsClose,
  fc,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { RandomState } from '../tensor/random-state.js';
import { linearBackward, linearForward } from './linear.js';
import {
  linearActivationBackward,
  linearActivationForward,
  type Activation,
} from './linear-activation.js';
import { updateParameters } from './update-parameters.js';

type G = Record<string, FixtureTensor>;
interface Fixture {
  linear_forward: FixtureTensor;
  linear_activation_forward: Record<'sigmoid' | 'relu', FixtureTensor>;
  linear_backward: G;
  linear_activation_backward: Record<'sigmoid' | 'relu', G>;
  update_parameters: G;
}
const fx = loadFixture<Fixture>('core_deep');

describe('the course test cases (NumPy reference, inputs from RandomState with the course seeds)', () => {
  it('linear_forward_test_case (seed 1): Z = [[3.26295337, -1.23429987]]', () => {
    tf.tidy(() => {
      const rs = new RandomState(1);
      const { Z } = linearForward(rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1));
      expectTensorsClose(Z, fixtureTensor(fx.linear_forward));
      expectTensorsClose(Z, [[3.26295337, -1.23429987]]);
    });
  });

  it('linear_activation_forward_test_case (seed 2), sigmoid and relu', () => {
    tf.tidy(() => {
      for (const act of ['sigmoid', 'relu'] as const) {
        const rs = new RandomState(2);
        const { A } = linearActivationForward(rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1), act);
        expectTensorsClose(A, fixtureTensor(fx.linear_activation_forward[act]));
      }
    });
  });

  it('linear_backward_test_case (seed 1)', () => {
    tf.tidy(() => {
      const rs = new RandomState(1);
      const dZ = rs.randn(3, 4);
      const cache = { A: rs.randn(5, 4), W: rs.randn(3, 5), b: rs.randn(3, 1) };
      const g = linearBackward(dZ, cache);
      expectTensorsClose(g.dAPrev, fixtureTensor(fx.linear_backward['dA_prev'] as FixtureTensor));
      expectTensorsClose(g.dW, fixtureTensor(fx.linear_backward['dW'] as FixtureTensor));
      expectTensorsClose(g.db, fixtureTensor(fx.linear_backward['db'] as FixtureTensor));
    });
  });

  it('linear_activation_backward_test_case (seed 2), sigmoid and relu', () => {
    tf.tidy(() => {
      for (const act of ['sigmoid', 'relu'] as const) {
        const rs = new RandomState(2);
        const dA = rs.randn(1, 2);
        const linearCache = { A: rs.randn(3, 2), W: rs.randn(1, 3), b: rs.randn(1, 1) };
        const g = linearActivationBackward(
          dA,
          { linearCache, activationCache: rs.randn(1, 2) },
          act,
        );
        const ref = fx.linear_activation_backward[act];
        expectTensorsClose(g.dAPrev, fixtureTensor(ref['dA_prev'] as FixtureTensor));
        expectTensorsClose(g.dW, fixtureTensor(ref['dW'] as FixtureTensor));
        expectTensorsClose(g.db, fixtureTensor(ref['db'] as FixtureTensor));
      }
    });
  });

  it('update_parameters_test_case (seed 2, learning rate 0.1)', () => {
    tf.tidy(() => {
      const rs = new RandomState(2);
      const p = { W1: rs.randn(3, 4), b1: rs.randn(3, 1), W2: rs.randn(1, 3), b2: rs.randn(1, 1) };
      const g = {
        dW1: rs.randn(3, 4),
        db1: rs.randn(3, 1),
        dW2: rs.randn(1, 3),
        db2: rs.randn(1, 1),
      };
      const next = updateParameters(p, g, 0.1);
      for (const k of ['W1', 'b1', 'W2', 'b2']) {
        expectTensorsClose(
          next[k] as tf.Tensor,
          fixtureTensor(fx.update_parameters[k] as FixtureTensor),
        );
      }
    });
  });
});

describe('backward passes equal tf.grad of the forward passes', () => {
  it('linearBackward: dAPrev, dW and db of Z = W A + b (dZ carries the 1/m)', () => {
    tf.tidy(() => {
      const rs = new RandomState(11);
      const m = 5;
      expectBackwardMatchesAutodiff({
        inputs: { A: rs.randn(4, m), W: rs.randn(3, 4), b: rs.randn(3, 1) },
        forward: ({ A, W, b }) => linearForward(A, W, b).Z,
        // The course's dW, db average over m; dAPrev does not.
        backward: ({ A, W, b }, dY) => {
          const g = linearBackward(dY, { A, W, b });
          return { A: g.dAPrev, W: g.dW.mul(m), b: g.db.mul(m) };
        },
      });
    });
  });

  it.each(['sigmoid', 'relu', 'tanh', 'leakyRelu', 'softmax'] as Activation[])(
    'linearActivationBackward with %s',
    (act) => {
      tf.tidy(() => {
        const rs = new RandomState(12);
        const m = 4;
        expectBackwardMatchesAutodiff({
          inputs: { A: rs.randn(3, m), W: rs.randn(2, 3), b: rs.randn(2, 1) },
          forward: ({ A, W, b }) => linearActivationForward(A, W, b, act).A,
          backward: ({ A, W, b }, dY) => {
            const { cache } = linearActivationForward(A, W, b, act);
            const g = linearActivationBackward(dY, cache, act);
            return { A: g.dAPrev, W: g.dW.mul(m), b: g.db.mul(m) };
          },
        });
      });
    },
  );
});

describe('memory, shapes and errors', () => {
  it('returns only what it documents', async () => {
    const rs = new RandomState(0);
    const A = rs.randn(3, 2);
    const W = rs.randn(4, 3);
    const b = rs.randn(4, 1);
    const dZ = rs.randn(4, 2);
    // The cache holds the caller's A, W, b: only Z is new.
    expect(await expectNoLeaks(() => linearForward(A, W, b).Z)).toBe(1);
    expect(await expectNoLeaks(() => linearBackward(dZ, { A, W, b }))).toBe(3);
    expect(
      await expectNoLeaks(() =>
        linearActivationBackward(dZ, { linearCache: { A, W, b }, activationCache: dZ }, 'relu'),
      ),
    ).toBe(3);
    expect(
      await expectNoLeaks(() => {
        const x = linearActivationForward(A, W, b, 'relu');
        return [x.A, x.cache.activationCache];
      }),
    ).toBe(2);
    expect(await expectNoLeaks(() => updateParameters({ W1: W }, { dW1: W }, 0.1))).toBe(1);
    tf.dispose([A, W, b, dZ]);
  });

  it('Z has shape [n, m] for all compatible shapes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (n, nPrev, m) => {
          tf.tidy(() => {
            const { Z } = linearForward(tf.ones([nPrev, m]), tf.ones([n, nPrev]), tf.ones([n, 1]));
            expect(Z.shape).toEqual([n, m]);
            expectTensorsClose(Z, tf.fill([n, m], nPrev + 1));
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('names the argument and the dimension that disagree', () => {
    tf.tidy(() => {
      expect(() => linearForward(tf.ones([3, 2]), tf.ones([4, 2]), tf.ones([4, 1]))).toThrow(
        'linearForward: W must have shape [n, nPrev] with nPrev = 3 (from A), got [4, 2]',
      );
      expect(() => linearForward(tf.ones([3, 2]), tf.ones([4, 3]), tf.ones([4]))).toThrow(
        'linearForward: b must have shape [n, 1], got [4]',
      );
      expect(() =>
        linearBackward(tf.ones([4, 3]), {
          A: tf.ones([3, 2]),
          W: tf.ones([4, 3]),
          b: tf.ones([4, 1]),
        }),
      ).toThrow('linearBackward: dZ must have shape [n, m] with m = 2 (from cache.A), got [4, 3]');
      expect(() =>
        linearActivationForward(tf.ones([1, 1]), tf.ones([1, 1]), tf.ones([1, 1]), 'gelu' as never),
      ).toThrow(
        'linearActivationForward: activation must be one of sigmoid, relu, tanh, leakyRelu, softmax, got gelu',
      );
      expect(() => updateParameters({ W1: tf.ones([2, 2]) }, { dW1: tf.ones([2, 3]) })).toThrow(
        'updateParameters: grads.dW1 must have shape [2, 2], got [2, 3]',
      );
      expect(() => updateParameters({ W1: tf.ones([2, 2]) }, {})).toThrow(
        'updateParameters: grads has no dW1 for parameter W1',
      );
    });
  });
});
