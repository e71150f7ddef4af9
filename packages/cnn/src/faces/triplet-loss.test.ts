import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { tripletLoss } from './triplet-loss.js';

interface Triplet {
  anchor: FixtureTensor;
  positive: FixtureTensor;
  negative: FixtureTensor;
  alpha: number;
  loss: number;
}
interface Fixture {
  course: Triplet;
  mixed: Triplet & {
    active: boolean[];
    dAnchor: FixtureTensor;
    dPositive: FixtureTensor;
    dNegative: FixtureTensor;
  };
  notebookCases: { yPred: number[][] | number[][][]; alpha: number; loss: number }[];
}

const fx = loadFixture<Fixture>('cnn_faces');

function scalar(t: tf.Tensor): number {
  const v = t.dataSync()[0] as number;
  t.dispose();
  return v;
}

describe('tripletLoss', () => {
  it("equals NumPy's course formula on the notebook's distributions drawn from RandomState(1)", () => {
    tf.tidy(() => {
      const rng = new RandomState(1);
      const anchor = rng.normal(6, 0.1, [3, 128]);
      const positive = rng.normal(1, 1, [3, 128]);
      const negative = rng.normal(3, 4, [3, 128]);
      expectTensorsClose(anchor, fixtureTensor(fx.course.anchor));
      expectTensorsClose(negative, fixtureTensor(fx.course.negative));
      const loss = tripletLoss(null, [anchor, positive, negative]);
      expect(loss.shape).toEqual([]);
      expect(loss.dtype).toBe('float32');
      expect(loss.dataSync()[0]).toBeCloseTo(fx.course.loss, 2);
    });
  });

  it("gives the notebook's asserted values on its explicit small cases", () => {
    expect(fx.notebookCases).toHaveLength(5);
    for (const c of fx.notebookCases) {
      const parts = c.yPred.map((x) => tf.tensor(x as number[])) as [
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
      ];
      expect(scalar(tripletLoss(null, parts, c.alpha))).toBe(c.loss);
      tf.dispose(parts);
    }
  });

  it('takes one stacked [3, m, d] tensor as well as the tuple', () => {
    tf.tidy(() => {
      const a = fixtureTensor(fx.mixed.anchor);
      const p = fixtureTensor(fx.mixed.positive);
      const n = fixtureTensor(fx.mixed.negative);
      const stacked = tf.stack([a, p, n]);
      expect(tripletLoss(null, stacked, fx.mixed.alpha).dataSync()[0]).toBeCloseTo(
        fx.mixed.loss,
        4,
      );
      expect(tripletLoss(null, [a, p, n], fx.mixed.alpha).dataSync()[0]).toBeCloseTo(
        fx.mixed.loss,
        4,
      );
    });
  });

  it("has PyTorch autograd's gradients, zero for the triplets outside the margin", () => {
    expect(fx.mixed.active).toContain(true);
    expect(fx.mixed.active).toContain(false);
    tf.tidy(() => {
      const a = fixtureTensor(fx.mixed.anchor);
      const p = fixtureTensor(fx.mixed.positive);
      const n = fixtureTensor(fx.mixed.negative);
      const grads = tf.grads((x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) =>
        tripletLoss(null, [x, y, z], fx.mixed.alpha),
      )([a, p, n]);
      expectTensorsClose(grads[0] as tf.Tensor, fixtureTensor(fx.mixed.dAnchor), { atol: 1e-5 });
      expectTensorsClose(grads[1] as tf.Tensor, fixtureTensor(fx.mixed.dPositive), { atol: 1e-5 });
      expectTensorsClose(grads[2] as tf.Tensor, fixtureTensor(fx.mixed.dNegative), { atol: 1e-5 });
    });
  });

  it('leaks nothing and returns one tensor, for the tuple and the stacked form', async () => {
    const parts: [tf.Tensor, tf.Tensor, tf.Tensor] = [
      tf.ones([2, 4]),
      tf.zeros([2, 4]),
      tf.ones([2, 4]),
    ];
    const stacked = tf.stack(parts);
    expect(await expectNoLeaks(() => tripletLoss(null, parts))).toBe(1);
    expect(await expectNoLeaks(() => tripletLoss(null, stacked, 0.5))).toBe(1);
    tf.dispose([...parts, stacked]);
  });

  it('names the argument at fault', () => {
    const a = tf.zeros([2, 4]);
    const b = tf.zeros([2, 3]);
    const flat = tf.zeros([4]);
    expectDlkitError(
      () => tripletLoss(null, [a, a, b]),
      'tripletLoss: yPred[2] (negative) must have shape [m, d] with d = 4 (from yPred[0] (anchor)), got [2, 3]',
    );
    expectDlkitError(
      () => tripletLoss(null, [flat, a, a]),
      'tripletLoss: yPred[1] (positive) must have shape [d], got [2, 4]',
    );
    expectDlkitError(
      () => tripletLoss(null, [a, a] as unknown as [tf.Tensor, tf.Tensor, tf.Tensor]),
      'tripletLoss: yPred must be [anchor, positive, negative] or one [3, m, d] tensor, got an array of length 2',
    );
    expectDlkitError(
      () => tripletLoss(null, a),
      'tripletLoss: yPred must have shape [3, m, d], got [2, 4]',
    );
    expectDlkitError(
      () => tripletLoss(null, [a, a, a], NaN),
      'tripletLoss: alpha must be a finite number, got NaN',
    );
    tf.dispose([a, b, flat]);
  });
});
