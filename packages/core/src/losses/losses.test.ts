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
import {
  binaryCrossEntropy,
  binaryCrossEntropyBackward,
  binaryCrossEntropyWithLogits,
  binaryCrossEntropyWithLogitsBackward,
  computeCost,
} from './binary-cross-entropy.js';
import {
  categoricalCrossEntropy,
  categoricalCrossEntropyBackward,
  categoricalCrossEntropyWithLogits,
  categoricalCrossEntropyWithLogitsBackward,
} from './categorical-cross-entropy.js';

interface Fixture {
  AL: FixtureTensor;
  Y: FixtureTensor;
  Z: FixtureTensor;
  ZC: FixtureTensor;
  YC: FixtureTensor;
  ALC: FixtureTensor;
  bce: number;
  bce_dAL: FixtureTensor;
  cce: number;
  cce_dAL: FixtureTensor;
  bce_logits: number;
  bce_logits_dZ: FixtureTensor;
  cce_logits: number;
  cce_logits_dZ: FixtureTensor;
}
const fx = loadFixture<Fixture>('core_losses');
const t = fixtureTensor;

describe('costs match NumPy and PyTorch', () => {
  it('binary cross-entropy and the course dAL', () => {
    tf.tidy(() => {
      expectTensorsClose(binaryCrossEntropy(t(fx.AL), t(fx.Y)), fx.bce);
      expect(computeCost(t(fx.AL), t(fx.Y))).toBeCloseTo(fx.bce, 5);
      expectTensorsClose(binaryCrossEntropyBackward(t(fx.AL), t(fx.Y)), t(fx.bce_dAL));
    });
  });

  it('the course compute_cost test case: 0.2797765635793422', () => {
    tf.tidy(() => {
      expect(computeCost(tf.tensor2d([[0.8, 0.9, 0.4]]), tf.tensor2d([[1, 1, 0]]))).toBeCloseTo(
        0.2797765635793422,
        6,
      );
    });
  });

  it('categorical cross-entropy and its derivative', () => {
    tf.tidy(() => {
      expectTensorsClose(categoricalCrossEntropy(t(fx.ALC), t(fx.YC)), fx.cce);
      expectTensorsClose(categoricalCrossEntropyBackward(t(fx.ALC), t(fx.YC)), t(fx.cce_dAL), {
        rtol: 1e-4,
      });
    });
  });

  it('logit versions equal PyTorch BCEWithLogits and cross_entropy with autograd', () => {
    tf.tidy(() => {
      expectTensorsClose(binaryCrossEntropyWithLogits(t(fx.Z), t(fx.Y)), fx.bce_logits);
      expectTensorsClose(
        binaryCrossEntropyWithLogitsBackward(t(fx.Z), t(fx.Y)),
        t(fx.bce_logits_dZ),
      );
      expectTensorsClose(categoricalCrossEntropyWithLogits(t(fx.ZC), t(fx.YC)), fx.cce_logits);
      expectTensorsClose(
        categoricalCrossEntropyWithLogitsBackward(t(fx.ZC), t(fx.YC)),
        t(fx.cce_logits_dZ),
      );
    });
  });
});

describe('derivatives equal tf.grad of the costs (times m, the course convention)', () => {
  const m = 6;
  it.each([
    ['binaryCrossEntropy', binaryCrossEntropy, binaryCrossEntropyBackward, 'AL', 'Y'],
    [
      'binaryCrossEntropyWithLogits',
      binaryCrossEntropyWithLogits,
      binaryCrossEntropyWithLogitsBackward,
      'Z',
      'Y',
    ],
    [
      'categoricalCrossEntropy',
      categoricalCrossEntropy,
      categoricalCrossEntropyBackward,
      'ALC',
      'YC',
    ],
    [
      'categoricalCrossEntropyWithLogits',
      categoricalCrossEntropyWithLogits,
      categoricalCrossEntropyWithLogitsBackward,
      'ZC',
      'YC',
    ],
  ] as const)('%s', (_name, forward, backward, xKey, yKey) => {
    tf.tidy(() => {
      const Y = t(fx[yKey]);
      expectBackwardMatchesAutodiff({
        inputs: { X: t(fx[xKey]) },
        forward: ({ X }) => forward(X, Y),
        backward: ({ X }, dY) => ({ X: backward(X, Y).mul(dY).div(m) }),
      });
    });
  });
});

describe('numerical stability in float32', () => {
  it('the logit costs stay finite and exact for huge logits', () => {
    fc.assert(
      fc.property(fc.double({ min: -500, max: 500, noNaN: true }), fc.boolean(), (z, y) => {
        tf.tidy(() => {
          const J = binaryCrossEntropyWithLogits(tf.tensor2d([[z]]), tf.tensor2d([[y ? 1 : 0]]));
          const expected = Math.max(z, 0) - z * (y ? 1 : 0) + Math.log1p(Math.exp(-Math.abs(z)));
          expectTensorsClose(J, expected, { rtol: 1e-5, atol: 1e-5 });
        });
      }),
      { numRuns: 60 },
    );
    tf.tidy(() => {
      const J = categoricalCrossEntropyWithLogits(
        tf.tensor2d([[1e4], [-1e4]]),
        tf.tensor2d([[0], [1]]),
      );
      expectTensorsClose(J, 2e4);
    });
  });

  it('saturated probabilities give a large finite cost, not Infinity', () => {
    tf.tidy(() => {
      const J = binaryCrossEntropy(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, 1]]));
      const v = J.dataSync()[0] as number;
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeCloseTo(-Math.log(1e-7), 0);
      expect(
        Number.isFinite(
          categoricalCrossEntropy(tf.tensor2d([[1], [0]]), tf.tensor2d([[0], [1]])).dataSync()[0],
        ),
      ).toBe(true);
    });
  });
});

describe('memory and errors', () => {
  it('returns only its result', async () => {
    const AL = t(fx.AL);
    const Y = t(fx.Y);
    const ALC = t(fx.ALC);
    const YC = t(fx.YC);
    for (const f of [
      binaryCrossEntropy,
      binaryCrossEntropyBackward,
      binaryCrossEntropyWithLogits,
      binaryCrossEntropyWithLogitsBackward,
    ]) {
      expect(await expectNoLeaks(() => f(AL, Y))).toBe(1);
    }
    for (const f of [
      categoricalCrossEntropy,
      categoricalCrossEntropyBackward,
      categoricalCrossEntropyWithLogits,
      categoricalCrossEntropyWithLogitsBackward,
    ]) {
      expect(await expectNoLeaks(() => f(ALC, YC))).toBe(1);
    }
    expect(await expectNoLeaks(() => computeCost(AL, Y))).toBe(0);
    tf.dispose([AL, Y, ALC, YC]);
  });

  it('rejects labels of another m and multi-row binary inputs', () => {
    tf.tidy(() => {
      expect(() => binaryCrossEntropy(tf.ones([1, 3]), tf.ones([1, 4]))).toThrow(
        'binaryCrossEntropy: Y must have shape [1, m] with m = 3 (from AL), got [1, 4]',
      );
      expect(() => binaryCrossEntropyWithLogits(tf.ones([2, 3]), tf.ones([2, 3]))).toThrow(
        'binaryCrossEntropyWithLogits: Z must have shape [1, m], got [2, 3]',
      );
      expect(() => categoricalCrossEntropy(tf.ones([3, 2]), tf.ones([2, 2]))).toThrow(
        'categoricalCrossEntropy: Y must have shape [nClasses, m] with nClasses = 3 (from AL), got [2, 2]',
      );
    });
  });
});
