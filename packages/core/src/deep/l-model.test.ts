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
import type { Parameters } from '../tensor/parameters.js';
import { disposeCaches, lModelBackward, lModelForward } from './l-model.js';
import { lLayerModel, predict, twoLayerModel } from './models.js';
import { binaryCrossEntropy, computeCost } from '../losses/binary-cross-entropy.js';
import { categoricalCrossEntropy } from '../losses/categorical-cross-entropy.js';
import type { Activation } from '../dense/linear-activation.js';

type G = Record<string, FixtureTensor>;
interface Fixture {
  L_model_forward: { AL: FixtureTensor; n_caches: number; Z2: FixtureTensor };
  compute_cost: number;
  L_model_backward: G;
  two_layer_model: { X: FixtureTensor; Y: FixtureTensor; costs: number[]; parameters: G };
  L_layer_model: { costs: number[]; parameters: G; p: FixtureTensor; accuracy: number };
}
const fx = loadFixture<Fixture>('core_deep');

function expectDict(actual: Parameters, expected: G, rtol = 1e-5, atol = 1e-6): void {
  for (const [k, v] of Object.entries(expected)) {
    expectTensorsClose(actual[k] as tf.Tensor, fixtureTensor(v), { label: k, rtol, atol });
  }
}

/** L_model_forward_test_case_2hidden: np.random.seed(6), X then W1, b1, W2, b2, W3, b3. */
function forwardCase(): { X: tf.Tensor; P: Parameters } {
  const rs = new RandomState(6);
  const X = rs.randn(5, 4);
  const P: Parameters = {};
  [
    [4, 5],
    [3, 4],
    [1, 3],
  ].forEach(([n, p], i) => {
    P[`W${i + 1}`] = rs.randn(n as number, p as number);
    P[`b${i + 1}`] = rs.randn(n as number, 1);
  });
  return { X, P };
}

describe('the deep network matches the NumPy reference on the course test cases', () => {
  it('L_model_forward_test_case_2hidden: AL = [[0.03921668, 0.70498921, 0.19734387, 0.04728177]]', () => {
    tf.tidy(() => {
      const { X, P } = forwardCase();
      const { AL, caches } = lModelForward(X, P);
      expectTensorsClose(AL, fixtureTensor(fx.L_model_forward.AL));
      expectTensorsClose(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]], { rtol: 1e-5 });
      expect(caches.length).toBe(fx.L_model_forward.n_caches);
      expectTensorsClose(caches[1]!.activationCache, fixtureTensor(fx.L_model_forward.Z2));
      expect(caches[0]!.linearCache.A).toBe(X);
    });
  });

  it('L_model_backward_test_case (seed 3): dA0, dA1, dW1, db1, dW2, db2', () => {
    tf.tidy(() => {
      const rs = new RandomState(3);
      const AL = rs.randn(1, 2);
      const Y = tf.tensor2d([[1, 0]]);
      const c1 = {
        linearCache: { A: rs.randn(4, 2), W: rs.randn(3, 4), b: rs.randn(3, 1) },
        activationCache: rs.randn(3, 2),
      };
      const c2 = {
        linearCache: { A: rs.randn(3, 2), W: rs.randn(1, 3), b: rs.randn(1, 1) },
        activationCache: rs.randn(1, 2),
      };
      const grads = lModelBackward(AL, Y, [c1, c2]);
      expect(Object.keys(grads).sort()).toEqual(Object.keys(fx.L_model_backward).sort());
      expectDict(grads, fx.L_model_backward);
    });
  });

  it('compute_cost_test_case', () => {
    tf.tidy(() => {
      expect(computeCost(tf.tensor2d([[0.8, 0.9, 0.4]]), tf.tensor2d([[1, 1, 0]]))).toBeCloseTo(
        fx.compute_cost,
        6,
      );
    });
  });

  it('twoLayerModel: 300 iterations, costs and parameters (float32 vs float64)', () => {
    tf.tidy(() => {
      const { parameters, costs } = twoLayerModel(
        fixtureTensor(fx.two_layer_model.X),
        fixtureTensor(fx.two_layer_model.Y),
        [6, 5, 1],
        0.1,
        300,
      );
      expectTensorsClose(costs, fx.two_layer_model.costs, { rtol: 1e-5 });
      expectDict(parameters, fx.two_layer_model.parameters, 1e-4, 1e-5);
    });
  });

  it('lLayerModel [6, 5, 4, 1]: 300 iterations, costs, parameters and predict', () => {
    tf.tidy(() => {
      const X = fixtureTensor(fx.two_layer_model.X);
      const Y = fixtureTensor(fx.two_layer_model.Y);
      const { parameters, costs } = lLayerModel(X, Y, [6, 5, 4, 1], 0.1, 300);
      expectTensorsClose(costs, fx.L_layer_model.costs, { rtol: 1e-5 });
      expectDict(parameters, fx.L_layer_model.parameters, 1e-4, 1e-5);
      const { p, accuracy } = predict(X, Y, parameters);
      expectTensorsClose(p, fixtureTensor(fx.L_layer_model.p), { rtol: 0, atol: 0 });
      expect(accuracy).toBeCloseTo(fx.L_layer_model.accuracy, 6);
    });
  });
});

describe('lModelBackward equals tf.grad of the cost of lModelForward', () => {
  const cases: {
    name: string;
    dims: number[];
    activations?: Activation[];
    fused?: boolean;
    softmax?: boolean;
  }[] = [
    { name: 'course default relu/sigmoid', dims: [4, 5, 3, 1] },
    { name: 'fused sigmoid', dims: [4, 5, 3, 1], fused: true },
    {
      name: 'tanh and leaky ReLU hidden layers',
      dims: [3, 4, 4, 1],
      activations: ['tanh', 'leakyRelu', 'sigmoid'],
    },
    {
      name: 'softmax output with categorical cross-entropy',
      dims: [3, 4, 3],
      activations: ['relu', 'softmax'],
      softmax: true,
    },
  ];
  it.each(cases)('$name', ({ dims, activations, fused, softmax }) => {
    tf.tidy(() => {
      const rs = new RandomState(21);
      const m = 5;
      const X = rs.randn(dims[0] as number, m);
      const nL = dims[dims.length - 1] as number;
      const Y = softmax
        ? tf
            .oneHot(tf.tensor1d(Array.from(rs.choice(nL, m)), 'int32'), nL)
            .transpose()
            .toFloat()
        : tf.tensor2d([Array.from(rs.choice(2, m))]).toFloat();
      const P: Parameters = {};
      for (let l = 1; l < dims.length; l++) {
        P[`W${l}`] = rs.randn(dims[l] as number, dims[l - 1] as number);
        P[`b${l}`] = rs.randn(dims[l] as number, 1).mul(0.1);
      }
      const cost = softmax ? categoricalCrossEntropy : binaryCrossEntropy;
      expectBackwardMatchesAutodiff({
        inputs: P,
        forward: (p) => cost(lModelForward(X, p, { activations }).AL, Y),
        backward: (p, dY) => {
          const { AL, caches } = lModelForward(X, p, { activations });
          const g = lModelBackward(AL, Y, caches, { activations, fused });
          return Object.fromEntries(
            Object.keys(p).map((k) => [k, (g[`d${k}`] as tf.Tensor).mul(dY)]),
          );
        },
        rtol: 1e-3,
        atol: 1e-5,
      });
    });
  });

  it('the fused path stays finite where the course path gives NaN (saturated sigmoid)', () => {
    tf.tidy(() => {
      const X = tf.tensor2d([[100, -100]]);
      const Y = tf.tensor2d([[1, 0]]);
      const P = { W1: tf.tensor2d([[1]]), b1: tf.tensor2d([[0]]) };
      const { AL, caches } = lModelForward(X, P, { activations: ['sigmoid'] });
      const course = lModelBackward(AL, Y, caches, { activations: ['sigmoid'] });
      expect(Number.isNaN(course['dW1']!.dataSync()[0])).toBe(true);
      const fused = lModelBackward(AL, Y, caches, { activations: ['sigmoid'], fused: true });
      expectTensorsClose(fused['dW1']!, [[0]]);
    });
  });
});

describe('L-layer memory and errors', () => {
  it('forward makes AL plus one Z and one A per layer, and disposeCaches frees them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        async (hidden) => {
          const dims = [...hidden, 1]; // binary output: AL is [1, m]
          const rs = new RandomState(0);
          const X = rs.randn(dims[0] as number, 3);
          const P: Parameters = {};
          for (let l = 1; l < dims.length; l++) {
            P[`W${l}`] = rs.randn(dims[l] as number, dims[l - 1] as number);
            P[`b${l}`] = rs.randn(dims[l] as number, 1);
          }
          const L = dims.length - 1;
          const returned = await expectNoLeaks(() => {
            const { AL, caches } = lModelForward(X, P, {
              activations: Array.from({ length: L }, () => 'relu'),
            });
            disposeCaches(caches);
            return AL;
          });
          expect(returned).toBe(1);
          const n = await expectNoLeaks(() => {
            const { AL, caches } = lModelForward(X, P);
            const [probs, ones] = tf.tidy(() => [
              tf.sigmoid(AL).mul(0.98).add(0.01),
              tf.onesLike(AL),
            ]);
            const g = lModelBackward(probs as tf.Tensor, ones as tf.Tensor, caches);
            disposeCaches(caches);
            tf.dispose([AL, probs as tf.Tensor, ones as tf.Tensor]);
            return g;
          });
          expect(n).toBe(3 * L);
          tf.dispose([X, ...Object.values(P)]);
        },
      ),
      { numRuns: 10 },
    );
  });

  it('models and predict return only what they document', async () => {
    const X = fixtureTensor(fx.two_layer_model.X);
    const Y = fixtureTensor(fx.two_layer_model.Y);
    expect(await expectNoLeaks(() => twoLayerModel(X, Y, [6, 3, 1], 0.1, 3))).toBe(4);
    expect(await expectNoLeaks(() => lLayerModel(X, Y, [6, 3, 2, 1], 0.1, 3))).toBe(6);
    const { parameters } = lLayerModel(X, Y, [6, 3, 1], 0.1, 0);
    expect(await expectNoLeaks(() => predict(X, Y, parameters))).toBe(1);
    tf.dispose([X, Y, ...Object.values(parameters)]);
  });

  it('rejects missing parameters, wrong activations and mismatched shapes', () => {
    tf.tidy(() => {
      const { X, P } = forwardCase();
      expect(() => lModelForward(X, { W1: P['W1']!, b1: P['b1']!, W2: P['W2']! })).toThrow(
        'lModelForward: parameters must hold W1, b1, …, W2, b2; b2 is missing',
      );
      expect(() => lModelForward(tf.ones([4, 2]), P)).toThrow(
        'lModelForward: W1 must have shape [n1, n0] with n0 = 4 (from X), got [4, 5]',
      );
      expect(() => lModelForward(X, P, { activations: ['relu'] })).toThrow(
        'lModelForward: activations must list one activation per layer (3), got 1',
      );
      expect(() =>
        lModelForward(X, P, { activations: ['relu', 'relu', 'swish' as never] }),
      ).toThrow(
        'lModelForward: activations[2] must be one of sigmoid, relu, tanh, leakyRelu, softmax, got swish',
      );
      expect(() => lModelBackward(tf.ones([1, 2]), tf.ones([1, 3]), [])).toThrow(
        'lModelBackward: caches must hold one cache per layer, got none',
      );
      expect(() => twoLayerModel(X, tf.ones([1, 4]), [4, 2, 1])).toThrow(
        'twoLayerModel: X must have shape [4, m], got [5, 4]',
      );
      expect(() => lLayerModel(X, tf.ones([1, 3]), [5, 2, 1])).toThrow(
        'lLayerModel: Y must have shape [1, m] with m = 4 (from X), got [1, 3]',
      );
    });
  });
});
