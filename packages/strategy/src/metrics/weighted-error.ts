import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '@dlkit/core';
import { readLabelPair, readScores, type Labels, type Scores } from './labels.js';

/**
 * The course's re-weighted error, `Σ w_i 1{ŷ_i ≠ y_i} / Σ w_i`: the cat-app fix for a metric
 * that ranks algorithms wrongly, giving mistakes on examples that matter more (pornographic
 * images shown as cats) a larger weight, e.g. 10 instead of 1.
 *
 * @param yTrue - The true class labels, `[m]`.
 * @param yPred - The predicted class labels, `[m]`.
 * @param weights - A non-negative weight per example, `[m]`, not all 0.
 * @returns The weighted error in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { weightedError } from '@dlkit/strategy';
 * // Four images; the last is pornographic (weight 10) and the classifier calls it a cat.
 * console.log(weightedError([1, 0, 1, 0], [1, 0, 0, 1], [1, 1, 1, 10])); // 11/13 = 0.846
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · When to change dev/test sets and metrics
 */
export function weightedError(yTrue: Labels, yPred: Labels, weights: Scores): number {
  const fn = 'weightedError';
  const [t, p] = readLabelPair(fn, yTrue, yPred);
  const w = readScores(fn, 'weights', weights);
  if (w.length !== t.length) {
    const shape = weights instanceof tf.Tensor ? weights.shape : [w.length];
    throw new DlkitError(
      'shape',
      fn,
      `weights must have one value per label: yTrue has ${t.length} labels, weights shape [${shape.join(', ')}]`,
      { argument: 'weights' },
    );
  }
  let total = 0;
  let wrong = 0;
  for (let i = 0; i < t.length; i++) {
    const wi = w[i] as number;
    if (wi < 0) {
      throw new DlkitError('value', fn, `weights must be >= 0, got ${wi} at index ${i}`, {
        argument: 'weights',
      });
    }
    total += wi;
    if (t[i] !== p[i]) wrong += wi;
  }
  if (total === 0) {
    throw new DlkitError('value', fn, 'weights sum to 0: the weighted error is undefined', {
      argument: 'weights',
    });
  }
  return wrong / total;
}
