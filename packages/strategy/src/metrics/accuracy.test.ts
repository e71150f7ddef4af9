import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, fc, loadFixture } from '@dlkit/test-harness';
import { accuracy } from './accuracy.js';

interface Fixture {
  cases: { y_true: number[]; y_pred: number[]; accuracy: number }[];
}

describe('accuracy', () => {
  it("equals scikit-learn's accuracy_score", () => {
    const fx = loadFixture<Fixture>('strategy_metrics');
    for (const c of fx.cases) expect(accuracy(c.y_true, c.y_pred)).toBeCloseTo(c.accuracy, 12);
  });

  it('reads tensors of any shape and leaks nothing', async () => {
    const yTrue = tf.tensor2d(
      [
        [1, 0],
        [2, 2],
      ],
      [2, 2],
      'int32',
    );
    const yPred = tf.tensor1d([1, 1, 2, 0], 'int32');
    expect(await expectNoLeaks(() => accuracy(yTrue, yPred))).toBe(0);
    expect(accuracy(yTrue, yPred)).toBe(0.5);
    tf.dispose([yTrue, yPred]);
  });

  it('is 1 against itself and the mean of matches in general', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 50 }),
        (y) => {
          expect(accuracy(y, y)).toBe(1);
          const shifted = y.map((v) => (v + 1) % 4);
          expect(accuracy(y, shifted)).toBe(0);
        },
      ),
    );
  });

  it('rejects mismatched lengths, empty sets and non-integer labels', () => {
    expect(() => accuracy([1, 0], [1])).toThrow(
      'accuracy: yTrue and yPred must have the same number of labels, got [2] and [1]',
    );
    expect(() => accuracy([], [])).toThrow('accuracy: yTrue is empty');
    expect(() => accuracy([0.5], [1])).toThrow(
      'accuracy: yTrue must hold integer class labels, got 0.5 at index 0',
    );
  });
});
