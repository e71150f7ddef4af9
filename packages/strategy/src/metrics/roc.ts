import { DlkitError } from '@dlkit/core';
import { auc } from './auc.js';
import { binaryCurve } from './binary-curve.js';
import type { Labels, Scores } from './labels.js';
import { emitWarning, type WarningOptions } from './warnings.js';

/**
 * Options of {@link rocCurve} and {@link rocAucScore}.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface CurveOptions extends WarningOptions {
  /** The positive class. Default 1 (labels must then be 0 and 1). */
  posLabel?: number;
}

/**
 * A receiver operating characteristic curve.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface RocCurve {
  /** False positive rate at each threshold, increasing from 0 to 1. */
  fpr: number[];
  /** True positive rate (recall) at each threshold, increasing from 0 to 1. */
  tpr: number[];
  /**
   * Decreasing thresholds: an example is predicted positive when its score is `>=` the threshold.
   * The first is the highest score plus 1 (no example positive), as in scikit-learn 1.2.
   */
  thresholds: number[];
}

/**
 * The ROC curve (scikit-learn 1.2's `roc_curve` with `drop_intermediate`): the false and true
 * positive rates as the decision threshold sweeps down through the scores. Points that lie on a
 * straight segment are dropped. With no negative (or no positive) example the rate is undefined:
 * it is NaN and a `MetricWarning` says so.
 *
 * @param yTrue - The true binary labels, `[m]`.
 * @param yScore - A score per example (probability or logit of the positive class), `[m]`.
 * @param options - `posLabel`, `dropIntermediate` (default true), `onWarning`.
 * @returns `fpr`, `tpr` and `thresholds`, of equal length.
 *
 * @example
 * ```ts
 * import { rocCurve } from '@dlkit/strategy';
 * const { fpr, tpr, thresholds } = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * console.log(fpr, tpr, thresholds); // [0, 0, 0.5, 0.5, 1] [0, 0.5, 0.5, 1, 1] [1.8, 0.8, 0.4, 0.35, 0.1]
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function rocCurve(
  yTrue: Labels,
  yScore: Scores,
  options: CurveOptions & { dropIntermediate?: boolean } = {},
): RocCurve {
  const fn = 'rocCurve';
  let { fps, tps, thresholds } = binaryCurve(fn, yTrue, yScore, options.posLabel);
  if ((options.dropIntermediate ?? true) && fps.length > 2) {
    const keep = fps.flatMap((_, i) => {
      if (i === 0 || i === fps.length - 1) return [i];
      const d2f = (fps[i + 1] as number) - 2 * (fps[i] as number) + (fps[i - 1] as number);
      const d2t = (tps[i + 1] as number) - 2 * (tps[i] as number) + (tps[i - 1] as number);
      return d2f !== 0 || d2t !== 0 ? [i] : [];
    });
    fps = keep.map((i) => fps[i] as number);
    tps = keep.map((i) => tps[i] as number);
    thresholds = keep.map((i) => thresholds[i] as number);
  }
  fps = [0, ...fps];
  tps = [0, ...tps];
  thresholds = [(thresholds[0] as number) + 1, ...thresholds];
  const rate = (counts: number[], what: string): number[] => {
    const last = counts[counts.length - 1] as number;
    if (last > 0) return counts.map((c) => c / last);
    emitWarning(options, {
      fn,
      message: `no ${what} examples in yTrue: the ${what === 'negative' ? 'false' : 'true'} positive rate is undefined and set to NaN`,
    });
    return counts.map(() => NaN);
  };
  return { fpr: rate(fps, 'negative'), tpr: rate(tps, 'positive'), thresholds };
}

/**
 * The area under the ROC curve (scikit-learn's binary `roc_auc_score`): the probability that a
 * random positive example scores higher than a random negative one. Throws when `yTrue` holds
 * a single class, where it is undefined.
 *
 * @param yTrue - The true binary labels, `[m]`.
 * @param yScore - A score per example, `[m]`.
 * @param options - `posLabel`.
 * @returns The AUC in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { rocAucScore } from '@dlkit/strategy';
 * console.log(rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])); // 0.75
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function rocAucScore(yTrue: Labels, yScore: Scores, options: CurveOptions = {}): number {
  const fn = 'rocAucScore';
  const { fps, tps } = binaryCurve(fn, yTrue, yScore, options.posLabel);
  if ((fps[fps.length - 1] as number) === 0 || (tps[tps.length - 1] as number) === 0) {
    throw new DlkitError(
      'value',
      fn,
      'yTrue holds only one class: ROC AUC is not defined (it needs positive and negative examples)',
      { argument: 'yTrue' },
    );
  }
  const curve = rocCurve(yTrue, yScore, { ...options, onWarning: () => {} });
  return auc(curve.fpr, curve.tpr);
}
