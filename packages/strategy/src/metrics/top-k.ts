import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber, formatShape, assertOptions } from '@dlkit/core';
import {
  readLabels,
  readScoreMatrix,
  type Labels,
  type ScoreMatrix,
  checkLabelsInColumns,
} from './labels.js';
import { emitWarning, type WarningOptions } from './warnings.js';

/**
 * Top-k accuracy (scikit-learn's `top_k_accuracy_score`): the fraction of examples whose true
 * class is among the `k` highest-scored classes. Columns of `yScore` are the classes `0 … nClasses - 1`.
 * Among tied scores the higher class index ranks first, as in scikit-learn. A `k` of at least
 * `nClasses` gives a perfect score: a `MetricWarning` says it is meaningless.
 *
 * @param yTrue - The true class indices, `[m]`, in `[0, nClasses)`.
 * @param yScore - Scores or probabilities, `[m, nClasses]`.
 * @param k - How many top classes count as a hit (default 2).
 * @param options - `onWarning`.
 * @returns The top-k accuracy in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { topKAccuracy } from '@dlkit/strategy';
 * const scores = [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]];
 * console.log(topKAccuracy([0, 1, 2, 2], scores, 2)); // 0.75
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function topKAccuracy(
  yTrue: Labels,
  yScore: ScoreMatrix,
  k = 2,
  options: WarningOptions = {},
): number {
  const fn = 'topKAccuracy';
  assertOptions(fn, 'options', options, ['onWarning']);
  assertNumber(fn, 'k', k, { integer: true, min: 1 });
  const t = readLabels(fn, 'yTrue', yTrue);
  const s = readScoreMatrix(fn, 'yScore', yScore);
  if (s.rows !== t.length) {
    const shapeT = formatShape(yTrue instanceof tf.Tensor ? yTrue.shape : [t.length]);
    throw new DlkitError(
      'shape',
      fn,
      `yScore must have one row per label: yTrue has shape ${shapeT}, yScore [${s.rows}, ${s.cols}]`,
      { argument: 'yScore' },
    );
  }
  if (t.length === 0) throw new DlkitError('value', fn, 'yTrue is empty', { argument: 'yTrue' });
  checkLabelsInColumns(fn, t, s.cols);
  if (k >= s.cols) {
    emitWarning(options, {
      fn,
      message: `k (${k}) is at least the number of classes (${s.cols}): every example is a hit, the score is meaningless`,
    });
  }
  let hits = 0;
  for (let r = 0; r < s.rows; r++) {
    const y = t[r] as number;
    const mine = s.values[r * s.cols + y] as number;
    // Classes ranked above the true class: higher score, or equal score and higher index.
    let above = 0;
    for (let c = 0; c < s.cols; c++) {
      const v = s.values[r * s.cols + c] as number;
      if (v > mine || (v === mine && c > y)) above++;
    }
    if (above < k) hits++;
  }
  return hits / s.rows;
}
