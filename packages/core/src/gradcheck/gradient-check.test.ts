import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectNoLeaks,
  expectTensorsClose,
  fc,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { RandomState } from '../tensor/random-state.js';
import type { Gradients, Parameters } from '../tensor/parameters.js';
import { disposeCaches, lModelBackward, lModelForward } from '../deep/l-model.js';
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
} from '../losses/binary-cross-entropy.js';
import type { Activation } from '../dense/linear-activation.js';
import {
  GRADCHECK_THRESHOLD,
  dictionaryToVector,
  gradientCheck,
  gradientsToVector,
  vectorToDictionary,
} from './gradient-check.js';

interface Fixture {
  cost: number;
  grads: Record<string, FixtureTensor>;
  difference_correct: number;
  difference_wrong: number;
}
const fx = loadFixture<Fixture>('core_gradcheck');

/** The course's gradient_check_n_test_case: np.random.seed(1), x, then W1, b1, W2, b2, W3, b3. */
function courseCase(): { x: tf.Tensor; y: tf.Tensor; P: Parameters } {
  const rs = new RandomState(1);
  const x = rs.randn(4, 3);
  const y = tf.tensor2d([[1, 1, 0]]);
  const P: Parameters = {};
  [
    [5, 4],
    [3, 5],
    [1, 3],
  ].forEach(([n, p], i) => {
    P[`W${i + 1}`] = rs.randn(n as number, p as number);
    P[`b${i + 1}`] = rs.randn(n as number, 1);
  });
  return { x, y, P };
}

function costFromLogits(x: tf.Tensor, y: tf.Tensor, activations?: Activation[]) {
  return (p: Parameters): tf.Scalar => {
    const { caches } = lModelForward(x, p, { activations });
    return binaryCrossEntropyWithLogits(caches[caches.length - 1]!.activationCache, y);
  };
}

function backward(
  x: tf.Tensor,
  y: tf.Tensor,
  P: Parameters,
  activations?: Activation[],
): Gradients {
  const { AL, caches } = lModelForward(x, P, { activations });
  const g = lModelBackward(AL, y, caches, { activations, fused: true });
  disposeCaches(caches);
  AL.dispose();
  return g;
}

/** The course's deliberate bugs in backward_propagation_n. */
function courseBugs(g: Gradients): Gradients {
  return { ...g, dW2: g['dW2']!.mul(2), db1: g['db1']!.mul(4) };
}

describe('gradient checking on the course test case (float32 against NumPy float64)', () => {
  it('the backward gradients equal the NumPy reference', () => {
    tf.tidy(() => {
      const { x, y, P } = courseCase();
      const { AL, caches } = lModelForward(x, P);
      expect(binaryCrossEntropy(AL, y).dataSync()[0]).toBeCloseTo(fx.cost, 5);
      const g = lModelBackward(AL, y, caches);
      for (const [k, v] of Object.entries(fx.grads)) {
        expectTensorsClose(g[k] as tf.Tensor, fixtureTensor(v), {
          label: k,
          rtol: 1e-4,
          atol: 1e-6,
        });
      }
    });
  });

  it('passes the correct backward pass (NumPy float64 gives 1.2e-7; float32 stays below 1e-3)', () => {
    tf.tidy(() => {
      const { x, y, P } = courseCase();
      // The gradients checked are NumPy's (the fixture), not dlkit's backward pass.
      const reference = Object.fromEntries(
        Object.entries(fx.grads).map(([k, v]) => [k, fixtureTensor(v)]),
      );
      const r = gradientCheck(P, reference, costFromLogits(x, y));
      expect(r.difference).toBeLessThan(1e-3);
      expect(r.passed).toBe(true);
      // From AL instead of the logits the float32 noise is larger, still far below the threshold.
      const fromAL = gradientCheck(P, backward(x, y, P), (p) =>
        binaryCrossEntropy(lModelForward(x, p).AL, y),
      );
      expect(fromAL.difference).toBeLessThan(GRADCHECK_THRESHOLD / 5);
    });
  });

  it("fails the course's buggy backward pass with the course's difference 0.285", () => {
    tf.tidy(() => {
      const { x, y, P } = courseCase();
      const r = gradientCheck(P, courseBugs(backward(x, y, P)), costFromLogits(x, y));
      expect(r.passed).toBe(false);
      expect(r.difference).toBeCloseTo(fx.difference_wrong, 2);
      expect(['W2', 'b1']).toContain(r.worst.key);
    });
  });
});

describe('gradientCheck against differences worked out by hand', () => {
  // cost = ½ Σ W² has the gradient W. A claimed gradient c·W has the difference
  // ‖W − cW‖ / (‖W‖ + ‖cW‖) = |1 − c| / (1 + |c|): 0 for c = 1, 1/3 for c = 2, 1 for c = 0.
  it.each([
    [1, 0],
    [2, 1 / 3],
    [0, 1],
    [-1, 1],
  ])('a gradient %s·W gives the difference %s', (c, expected) => {
    tf.tidy(() => {
      const W1 = new RandomState(3).randn(3, 4);
      const r = gradientCheck({ W1 }, { dW1: W1.mul(c) }, (p) =>
        p['W1']!.square().sum<tf.Scalar>().mul<tf.Scalar>(0.5),
      );
      expect(r.difference).toBeCloseTo(expected, 3);
      expect(r.passed).toBe(expected < GRADCHECK_THRESHOLD);
    });
  });
});

describe('the float32 epsilon and threshold separate correct from wrong gradients', () => {
  const nets: {
    seed: number;
    dims: number[];
    m: number;
    scale: number;
    activations?: Activation[];
  }[] = [
    { seed: 2, dims: [4, 5, 3, 1], m: 10, scale: 1 },
    { seed: 3, dims: [6, 8, 4, 1], m: 20, scale: 0.5 },
    { seed: 4, dims: [3, 10, 1], m: 50, scale: 1 },
    { seed: 5, dims: [5, 4, 4, 4, 1], m: 8, scale: 0.5 },
    { seed: 6, dims: [5, 4, 4, 4, 1], m: 8, scale: 1 },
    {
      seed: 7,
      dims: [4, 6, 3, 1],
      m: 12,
      scale: 0.7,
      activations: ['tanh', 'leakyRelu', 'sigmoid'],
    },
  ];
  it.each(nets)(
    'net $dims (seed $seed): correct passes, course bugs fail',
    ({ seed, dims, m, scale, activations }) => {
      tf.tidy(() => {
        const rs = new RandomState(seed);
        const x = rs.randn(dims[0] as number, m);
        const y = tf.tensor2d([Array.from(rs.choice(2, m))]).toFloat();
        const P: Parameters = {};
        for (let l = 1; l < dims.length; l++) {
          P[`W${l}`] = rs.randn(dims[l] as number, dims[l - 1] as number).mul(scale);
          P[`b${l}`] = rs.randn(dims[l] as number, 1).mul(scale);
        }
        const cost = costFromLogits(x, y, activations);
        const g = backward(x, y, P, activations);
        const good = gradientCheck(P, g, cost);
        const bad = gradientCheck(P, courseBugs(g), cost);
        expect(good.passed, `correct: ${good.difference}`).toBe(true);
        expect(good.difference).toBeLessThan(GRADCHECK_THRESHOLD / 3);
        expect(bad.passed, `wrong: ${bad.difference}`).toBe(false);
        expect(bad.difference).toBeGreaterThan(GRADCHECK_THRESHOLD * 3);
      });
    },
  );
});

describe('dictionary and vector helpers', () => {
  it('dictionaryToVector and vectorToDictionary are inverse for any shapes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (shapes) => {
          tf.tidy(() => {
            const rs = new RandomState(shapes.length);
            const P: Parameters = {};
            shapes.forEach(([a, b], i) => {
              P[`W${i + 1}`] = rs.randn(a, b);
              P[`b${i + 1}`] = rs.randn(a, 1);
            });
            const { theta, layout } = dictionaryToVector(P);
            expect(theta.shape).toEqual([layout.size, 1]);
            expect(layout.keys.slice(0, 2)).toEqual(['W1', 'b1']);
            const back = vectorToDictionary(theta, layout);
            for (const k of Object.keys(P))
              expectTensorsClose(back[k] as tf.Tensor, P[k] as tf.Tensor, { rtol: 0, atol: 0 });
            const grads = Object.fromEntries(Object.entries(P).map(([k, v]) => [`d${k}`, v]));
            expectTensorsClose(gradientsToVector(grads, layout), theta, { rtol: 0, atol: 0 });
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('orders keys W1, b1, W2, b2, … up to W10 and follows explicit keys', () => {
    tf.tidy(() => {
      const P: Parameters = {};
      for (const k of ['b10', 'W2', 'W10', 'b1', 'b2', 'W1']) P[k] = tf.ones([1, 1]);
      expect(dictionaryToVector(P).layout.keys).toEqual(['W1', 'b1', 'W2', 'b2', 'W10', 'b10']);
      expect(dictionaryToVector(P, ['b2', 'W1']).layout.keys).toEqual(['b2', 'W1']);
    });
  });

  it('returns only what it documents', async () => {
    const { x, y, P } = courseCase();
    const { theta, layout } = dictionaryToVector(P);
    const g = backward(x, y, P);
    expect(await expectNoLeaks(() => dictionaryToVector(P).theta)).toBe(1);
    expect(await expectNoLeaks(() => vectorToDictionary(theta, layout))).toBe(6);
    expect(await expectNoLeaks(() => gradientsToVector(g, layout))).toBe(1);
    expect(await expectNoLeaks(() => gradientCheck(P, g, costFromLogits(x, y)))).toBe(0);
    tf.dispose([x, y, theta, ...Object.values(P), ...Object.values(g)]);
  });

  it('rejects missing gradients, a vanishing epsilon and a bad vector', () => {
    tf.tidy(() => {
      const P = { W1: tf.tensor2d([[3, 1]]) };
      const cost = (p: Parameters) => p['W1']!.square().sum() as tf.Scalar;
      expect(() => gradientCheck(P, {}, cost)).toThrow('gradientsToVector: gradients has no dW1');
      expect(() => gradientCheck(P, { dW1: tf.ones([2, 1]) }, cost)).toThrow(
        'gradientsToVector: gradients.dW1 must have shape [1, 2], got [2, 1]',
      );
      expect(() => gradientCheck(P, { dW1: tf.ones([1, 2]) }, cost, { epsilon: 1e-8 })).toThrow(
        'gradientCheck: epsilon 1e-8 vanishes in float32 next to W1[0] = 3; use a larger epsilon',
      );
      expect(() => gradientCheck(P, { dW1: tf.ones([1, 2]) }, () => NaN)).toThrow(
        'gradientCheck: cost returned NaN at a perturbed W1',
      );
      const { layout } = dictionaryToVector(P);
      expect(() => vectorToDictionary(tf.ones([3, 1]), layout)).toThrow(
        'vectorToDictionary: theta must have shape [2, 1], got [3, 1]',
      );
    });
  });
});
