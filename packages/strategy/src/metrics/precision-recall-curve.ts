import { assertOptions } from '@dlkit/core';
import { binaryCurve } from './binary-curve.js';
import type { Labels, Scores } from './labels.js';
import type { CurveOptions } from './roc.js';
import { emitWarning } from './warnings.js';

/**
 * A precision-recall curve.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface PrecisionRecallCurve {
  /** Precision at each threshold, then a final 1 (threshold above every score). */
  precision: number[];
  /** Recall at each threshold, decreasing, then a final 0. */
  recall: number[];
  /** Increasing thresholds: an example is positive when its score is `>=` the threshold. */
  thresholds: number[];
}

/**
 * The precision-recall curve (scikit-learn 1.2's `precision_recall_curve`): precision and recall
 * of the classifier "score `>=` threshold" for every distinct score, from the lowest threshold up to
 * the full-recall point's last distinct score. With no positive example recall is undefined: it
 * is set to 1 with a `MetricWarning`.
 *
 * @param yTrue - The true binary labels, `[m]`.
 * @param yScore - A score per example, `[m]`.
 * @param options - `posLabel`, `onWarning`.
 * @returns `precision` and `recall` (one more point than `thresholds`) and `thresholds`.
 *
 * @example
 * ```ts
 * import { precisionRecallCurve } from '@dlkit/strategy';
 * const c = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * console.log(c.precision, c.recall, c.thresholds); // [0.5, 0.667, 0.5, 1, 1] [1, 1, 0.5, 0.5, 0] [0.1, 0.35, 0.4, 0.8]
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function precisionRecallCurve(
  yTrue: Labels,
  yScore: Scores,
  options: CurveOptions = {},
): PrecisionRecallCurve {
  assertOptions('precisionRecallCurve', 'options', options, ['posLabel', 'onWarning']);
  return prCurve('precisionRecallCurve', yTrue, yScore, options);
}

function prCurve(
  fn: string,
  yTrue: Labels,
  yScore: Scores,
  options: CurveOptions,
): PrecisionRecallCurve {
  const { fps, tps, thresholds } = binaryCurve(fn, yTrue, yScore, options.posLabel);
  const precision = tps.map((tp, i) => {
    const ps = tp + (fps[i] as number);
    return ps === 0 ? 0 : tp / ps;
  });
  const last = tps[tps.length - 1] as number;
  let recall: number[];
  if (last === 0) {
    emitWarning(options, {
      fn,
      message: 'no positive examples in yTrue: recall is undefined and set to 1 for all thresholds',
    });
    recall = tps.map(() => 1);
  } else {
    recall = tps.map((tp) => tp / last);
  }
  return {
    precision: [...precision.reverse(), 1],
    recall: [...recall.reverse(), 0],
    thresholds: thresholds.slice().reverse(),
  };
}

/**
 * Average precision (scikit-learn's binary `average_precision_score`): the precision-recall
 * curve summarised as `Σ (R_n - R_{n-1}) P_n`, the precisions weighted by the recall gained at
 * each threshold (no interpolation).
 *
 * @param yTrue - The true binary labels, `[m]`.
 * @param yScore - A score per example, `[m]`.
 * @param options - `posLabel`, `onWarning`.
 * @returns The average precision in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { averagePrecisionScore } from '@dlkit/strategy';
 * console.log(averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])); // 0.833
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function averagePrecisionScore(
  yTrue: Labels,
  yScore: Scores,
  options: CurveOptions = {},
): number {
  assertOptions('averagePrecisionScore', 'options', options, ['posLabel', 'onWarning']);
  const { precision, recall } = prCurve('averagePrecisionScore', yTrue, yScore, options);
  let sum = 0;
  for (let i = 0; i + 1 < recall.length; i++) {
    sum += ((recall[i + 1] as number) - (recall[i] as number)) * (precision[i] as number);
  }
  return -sum;
}
