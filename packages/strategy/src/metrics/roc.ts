import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertOptions } from '@dlkit/core';
import { auc } from './auc.js';
import { binaryCurve } from './binary-curve.js';
import {
  readLabels,
  readScoreMatrix,
  type Labels,
  type ScoreMatrix,
  type Scores,
  checkLabelsInColumns,
} from './labels.js';
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
  assertOptions(fn, 'options', options, ['posLabel', 'onWarning', 'dropIntermediate']);
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
 * Options of {@link rocAucScore}.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface RocAucOptions extends CurveOptions {
  /**
   * For a `[m, nClasses]` score matrix (one-vs-rest): the plain mean of the per-class AUCs
   * (`macro`, default) or their mean weighted by class prevalence (`weighted`).
   */
  average?: 'macro' | 'weighted';
}

/**
 * The area under the ROC curve (scikit-learn's `roc_auc_score`): the probability that a random
 * positive example scores higher than a random negative one. With a score per example it is the
 * binary AUC; with a `[m, nClasses]` score matrix (column `k` scores class `k`) it is the
 * one-vs-rest AUC of every class, averaged (scikit-learn's `multi_class='ovr'`). Throws when a
 * class has no positive or no negative example, where the AUC is undefined.
 *
 * @param yTrue - The true labels, `[m]`: binary, or class indices `0 … nClasses - 1`.
 * @param yScore - A score per example, `[m]`, or a score per example and class, `[m, nClasses]`.
 * @param options - `posLabel` (binary), `average` (one-vs-rest).
 * @returns The AUC in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { rocAucScore } from '@dlkit/strategy';
 * console.log(rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])); // 0.75
 * const probs = [[0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.3, 0.4, 0.3]];
 * console.log(rocAucScore([0, 1, 2, 1], probs)); // one-vs-rest, macro average
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function rocAucScore(
  yTrue: Labels,
  yScore: Scores | ScoreMatrix,
  options: RocAucOptions = {},
): number {
  const fn = 'rocAucScore';
  assertOptions(fn, 'options', options, ['average', 'posLabel', 'onWarning']);
  const twoD =
    yScore instanceof tf.Tensor
      ? yScore.rank === 2
      : yScore !== null &&
        typeof yScore === 'object' &&
        yScore.length > 0 &&
        typeof yScore[0] === 'object';
  if (!twoD) return binaryAuc(fn, yTrue, yScore as Scores, options);
  const average = options.average ?? 'macro';
  if (average !== 'macro' && average !== 'weighted') {
    throw new DlkitError(
      'value',
      fn,
      `average must be 'macro' or 'weighted', got ${String(average)}`,
      {
        argument: 'average',
      },
    );
  }
  const t = readLabels(fn, 'yTrue', yTrue);
  const s = readScoreMatrix(fn, 'yScore', yScore as ScoreMatrix);
  if (s.rows !== t.length) {
    throw new DlkitError(
      'shape',
      fn,
      `yScore must have one row per label: yTrue has ${t.length} labels, yScore ${s.rows} rows`,
      { argument: 'yScore' },
    );
  }
  if (t.length === 0) throw new DlkitError('value', fn, 'yTrue is empty', { argument: 'yTrue' });
  checkLabelsInColumns(fn, t, s.cols);
  let total = 0;
  let weights = 0;
  for (let k = 0; k < s.cols; k++) {
    const isK = Array.from(t, (y) => (y === k ? 1 : 0));
    const column = Array.from({ length: s.rows }, (_, r) => s.values[r * s.cols + k] as number);
    const prevalence = isK.reduce((a: number, v) => a + v, 0);
    if (prevalence === 0 || prevalence === t.length) {
      throw new DlkitError(
        'value',
        fn,
        `class ${k} has ${prevalence === 0 ? 'no' : 'only'} examples in yTrue: its one-vs-rest ROC AUC is not defined`,
        { argument: 'yTrue' },
      );
    }
    const w = average === 'weighted' ? prevalence : 1;
    total += w * binaryAuc(fn, isK, column, {});
    weights += w;
  }
  return total / weights;
}

function binaryAuc(fn: string, yTrue: Labels, yScore: Scores, options: CurveOptions): number {
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
