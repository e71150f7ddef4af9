import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectBackwardMatchesAutodiff,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { RandomState } from '../tensor/random-state.js';
import type { Parameters } from '../tensor/parameters.js';
import {
  backwardPropagation,
  forwardPropagation,
  initializeParameters,
  layerSizes,
  nnModel,
  predict,
} from './shallow-network.js';
import { computeCost, binaryCrossEntropy } from '../losses/binary-cross-entropy.js';
import { updateParameters } from '../dense/update-parameters.js';

type G = Record<string, FixtureTensor>;
interface Fixture {
  step: {
    Y: FixtureTensor;
    cache: G;
    cost: number;
    grads: G;
    updated: G;
    predict: FixtureTensor;
    layer_sizes: number[];
  };
  nn_model_300: { costs: number[]; final_cost: number; parameters: G };
  nn_model_10000: { costs: number[]; accuracy: number };
}
const fx = loadFixture<Fixture>('core_shallow');
const planar = loadFixture<{ X: FixtureTensor; Y: FixtureTensor }>('datasets_planar');

/** The inputs of the step fixture: np.random.seed(1), then X, Y's draws, W1, b1, W2, b2. */
function stepInputs(): { X: tf.Tensor; Y: tf.Tensor; P: Parameters } {
  const rs = new RandomState(1);
  const X = rs.randn(2, 3);
  const Y = tf.tidy(() => rs.randn(1, 3).greater(0).toFloat());
  const P = { W1: rs.randn(4, 2), b1: rs.randn(4, 1), W2: rs.randn(1, 4), b2: rs.randn(1, 1) };
  return { X, Y, P };
}

describe('the shallow network matches the NumPy reference', () => {
  it('one step: layer sizes, forward cache, cost, gradients, update, prediction', () => {
    tf.tidy(() => {
      const { X, Y, P } = stepInputs();
      const s = fx.step;
      expectTensorsClose(Y, fixtureTensor(s.Y), { rtol: 0, atol: 0 });
      expect(layerSizes(X, Y)).toEqual(s.layer_sizes);
      const { A2, cache } = forwardPropagation(X, P);
      for (const k of ['Z1', 'A1', 'Z2', 'A2'] as const) {
        expectTensorsClose(cache[k], fixtureTensor(s.cache[k] as FixtureTensor), { label: k });
      }
      expect(computeCost(A2, Y)).toBeCloseTo(s.cost, 5);
      const grads = backwardPropagation(P, cache, X, Y);
      for (const k of ['dW1', 'db1', 'dW2', 'db2']) {
        expectTensorsClose(grads[k] as tf.Tensor, fixtureTensor(s.grads[k] as FixtureTensor), {
          label: k,
        });
      }
      const next = updateParameters(P, grads);
      for (const k of ['W1', 'b1', 'W2', 'b2']) {
        expectTensorsClose(next[k] as tf.Tensor, fixtureTensor(s.updated[k] as FixtureTensor), {
          label: k,
        });
      }
      expectTensorsClose(predict(P, X), fixtureTensor(s.predict), { rtol: 0, atol: 0 });
    });
  });

  it('nnModel records the cost every costEvery iterations: the cost before each of those steps', () => {
    tf.tidy(() => {
      const X = fixtureTensor(planar.X);
      const Y = fixtureTensor(planar.Y);
      const seen: number[] = [];
      const { costs } = nnModel(X, Y, 4, 41, (i) => seen.push(i), { costEvery: 20 });
      expect(seen).toEqual([0, 20, 40]);
      expect(costs[0]).toBeCloseTo(fx.nn_model_300.costs[0] as number, 6);
      // The cost recorded at iteration 40 is the cost of the parameters after 40 steps.
      const after40 = nnModel(X, Y, 4, 40).parameters;
      expect(costs[2]).toBeCloseTo(computeCost(forwardPropagation(X, after40).A2, Y), 6);
      expect(() => nnModel(X, Y, 4, 1, false, { costEvery: 0 })).toThrow(
        'nnModel: costEvery must be an integer >= 1, got 0',
      );
    });
  });

  it('nnModel on the course planar flower, 300 iterations: costs and parameters', () => {
    tf.tidy(() => {
      const X = fixtureTensor(planar.X);
      const Y = fixtureTensor(planar.Y);
      const { parameters, costs } = nnModel(X, Y, 4, 300);
      expectTensorsClose(costs, fx.nn_model_300.costs, { rtol: 1e-5 });
      for (const k of ['W1', 'b1', 'W2', 'b2']) {
        expectTensorsClose(
          parameters[k] as tf.Tensor,
          fixtureTensor(fx.nn_model_300.parameters[k] as FixtureTensor),
          {
            label: k,
            rtol: 2e-3,
            atol: 1e-4,
          },
        );
      }
      expect(computeCost(forwardPropagation(X, parameters).A2, Y)).toBeCloseTo(
        fx.nn_model_300.final_cost,
        3,
      );
    });
  });
});

describe('shallow network internals', () => {
  it('backwardPropagation equals tf.grad of cost(forwardPropagation)', () => {
    tf.tidy(() => {
      const { X, Y, P } = stepInputs();
      expectBackwardMatchesAutodiff({
        inputs: P as Record<'W1' | 'b1' | 'W2' | 'b2', tf.Tensor>,
        forward: (p) => binaryCrossEntropy(forwardPropagation(X, p).A2, Y),
        backward: (p, dY) => {
          const g = backwardPropagation(p, forwardPropagation(X, p).cache, X, Y);
          return {
            W1: g['dW1']!.mul(dY),
            b1: g['db1']!.mul(dY),
            W2: g['dW2']!.mul(dY),
            b2: g['db2']!.mul(dY),
          };
        },
      });
    });
  });

  it('returns only what it documents', async () => {
    const { X, Y, P } = stepInputs();
    expect(await expectNoLeaks(() => initializeParameters(2, 3, 1))).toBe(4);
    // A2 is the cache's A2: the cache holds all four new tensors.
    expect(await expectNoLeaks(() => forwardPropagation(X, P).cache)).toBe(4);
    const { cache } = forwardPropagation(X, P);
    expect(await expectNoLeaks(() => backwardPropagation(P, cache, X, Y))).toBe(4);
    expect(await expectNoLeaks(() => nnModel(X, Y, 3, 3))).toBe(4);
    expect(await expectNoLeaks(() => predict(P, X))).toBe(1);
    tf.dispose([X, Y, ...Object.values(P), ...Object.values(cache)]);
  });

  it('rejects missing parameters and mismatched shapes', () => {
    tf.tidy(() => {
      const { X, Y, P } = stepInputs();
      expect(() => forwardPropagation(X, { W1: P['W1']! })).toThrow(
        'forwardPropagation: parameters must hold W1, b1, W2 and b2; b1 is missing',
      );
      expect(() => forwardPropagation(tf.ones([3, 2]), P)).toThrow(
        'forwardPropagation: W1 must have shape [nH, nX] with nX = 3 (from X), got [4, 2]',
      );
      expect(() => layerSizes(X, tf.ones([1, 4]))).toThrow(
        'layerSizes: Y must have shape [nY, m] with m = 3 (from X), got [1, 4]',
      );
      expect(() => nnModel(X, Y, 0)).toThrow('nnModel: nH must be an integer >= 1, got 0');
    });
  });
});
