import { DlkitError, assertNumber, assertOptions } from '@dlkit/core';
import { classCounts, countMatrix, type ClassCounts } from './confusion-matrix.js';
import {
  formatLabels,
  readLabelPair,
  resolveClasses,
  uniqueSorted,
  type Labels,
} from './labels.js';
import { emitWarning, type WarningOptions, type ZeroDivision } from './warnings.js';

/**
 * How per-class scores become one number (scikit-learn's `average`):
 * - `binary`: the score of the positive class `posLabel` only (at most two classes);
 * - `micro`: computed once from the true positives, predictions and supports summed over classes;
 * - `macro`: the unweighted mean of the per-class scores (every class counts the same);
 * - `weighted`: the mean of the per-class scores weighted by each class's support.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted';

/**
 * Options shared by the classification metrics.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface ClassificationOptions extends WarningOptions {
  /** The class set (every label must be in it). Default: the sorted union of `yTrue` and `yPred`. */
  labels?: readonly number[];
  /** The value of a 0/0 ratio (a class never predicted, or absent). Default `'warn'`. */
  zeroDivision?: ZeroDivision;
}

/**
 * Options of the averaged scores {@link precisionScore}, {@link recallScore}, {@link f1Score} and
 * {@link fbetaScore}.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface AveragedOptions extends ClassificationOptions {
  /** How per-class scores are combined. Default `'binary'`. */
  average?: Average;
  /** The positive class for `average: 'binary'`. Default 1. */
  posLabel?: number;
}

/**
 * Per-class precision, recall, F-score and support.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface PerClassScores {
  /** The class labels, in the order of the other arrays. */
  labels: number[];
  /** `TP / (TP + FP)` per class. */
  precision: number[];
  /** `TP / (TP + FN)` per class. */
  recall: number[];
  /** The F-beta score per class (F1 when `beta` is 1). */
  fScore: number[];
  /** How many examples of each class `yTrue` holds. */
  support: number[];
}

type Metric = 'precision' | 'recall' | 'f-score';

interface Computed {
  precision: number[];
  recall: number[];
  fScore: number[];
  support: number[];
  predicted: number[];
  labels: number[];
}

function zeroValue(z: ZeroDivision | undefined): number {
  return z === 1 ? 1 : 0;
}

function checkZeroDivision(fn: string, z: unknown): ZeroDivision {
  if (z === undefined) return 'warn';
  if (z !== 'warn' && z !== 0 && z !== 1) {
    throw new DlkitError('value', fn, `zeroDivision must be 'warn', 0 or 1, got ${String(z)}`, {
      argument: 'zeroDivision',
    });
  }
  return z;
}

function ratio(
  fn: string,
  num: number[],
  den: number[],
  labels: number[] | null,
  what: { metric: Metric; missing: string; alsoF: boolean },
  warn: boolean,
  options: ClassificationOptions,
): number[] {
  const z = checkZeroDivision(fn, options.zeroDivision);
  const bad: number[] = [];
  const out = num.map((n, i) => {
    const d = den[i] as number;
    if (d === 0) {
      bad.push(i);
      return zeroValue(z);
    }
    return n / d;
  });
  if (bad.length > 0 && z === 'warn' && warn) {
    const name = what.alsoF ? `${what.metric} and F-score are` : `${what.metric} is`;
    const where =
      labels === null
        ? `(no ${what.missing} samples)`
        : `for label(s) ${formatLabels(bad.map((i) => labels[i] as number))} with no ${what.missing} samples`;
    emitWarning(options, {
      fn,
      message: `${name} ill-defined ${where} and set to 0; pass zeroDivision: 0 or 1 to choose the value and silence this warning`,
      ...(labels === null ? {} : { labels: bad.map((i) => labels[i] as number) }),
    });
  }
  return out;
}

function compute(
  fn: string,
  counts: ClassCounts,
  micro: boolean,
  beta: number,
  warnFor: readonly Metric[],
  options: ClassificationOptions,
): Computed {
  let { tp, predicted, support } = counts;
  let labels: number[] | null = counts.labels;
  if (micro) {
    const sum = (a: number[]) => [a.reduce((s, v) => s + v, 0)];
    tp = sum(tp);
    predicted = sum(predicted);
    support = sum(support);
    labels = null;
  }
  const fAlso = warnFor.includes('f-score');
  const precision = ratio(
    fn,
    tp,
    predicted,
    labels,
    { metric: 'precision', missing: 'predicted', alsoF: fAlso },
    warnFor.includes('precision'),
    options,
  );
  const recall = ratio(
    fn,
    tp,
    support,
    labels,
    { metric: 'recall', missing: 'true', alsoF: fAlso },
    warnFor.includes('recall'),
    options,
  );
  if (
    warnFor.length === 1 &&
    warnFor[0] === 'f-score' &&
    (options.zeroDivision ?? 'warn') === 'warn'
  ) {
    const bad = support.flatMap((s, i) => (s === 0 && predicted[i] === 0 ? [i] : []));
    if (bad.length > 0) {
      emitWarning(options, {
        fn,
        message:
          labels === null
            ? 'F-score is ill-defined (no true nor predicted samples) and set to 0; pass zeroDivision: 0 or 1 to choose the value and silence this warning'
            : `F-score is ill-defined for label(s) ${formatLabels(bad.map((i) => labels[i] as number))} with no true nor predicted samples and set to 0; pass zeroDivision: 0 or 1 to choose the value and silence this warning`,
        ...(labels === null ? {} : { labels: bad.map((i) => labels[i] as number) }),
      });
    }
  }
  const beta2 = beta * beta;
  const fScore = precision.map((p, i) => {
    const r = recall[i] as number;
    if (beta === Infinity) return r;
    const denom = beta2 * p + r;
    return ((1 + beta2) * p * r) / (denom === 0 ? 1 : denom);
  });
  return { precision, recall, fScore, support, predicted, labels: labels ?? [] };
}

function checkBeta(fn: string, beta: unknown): number {
  if (beta === Infinity) return beta;
  return assertNumber(fn, 'beta', beta, { min: 0 });
}

/**
 * Per-class precision, recall, F-beta score and support (scikit-learn's
 * `precision_recall_fscore_support` with `average=None`). A class never predicted has precision
 * 0/0 and a class absent from `yTrue` has recall 0/0: they take `zeroDivision`'s value, with a
 * `MetricWarning` by default.
 *
 * @param yTrue - The true class labels, `[m]`.
 * @param yPred - The predicted class labels, `[m]`.
 * @param options - The class set, `zeroDivision`, `onWarning`, and `beta` (default 1).
 * @returns The labels and one value per class for each score.
 *
 * @example
 * ```ts
 * import { precisionRecallFscoreSupport } from '@dlkit/strategy';
 * const s = precisionRecallFscoreSupport([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { zeroDivision: 0 });
 * console.log(s.precision, s.recall, s.support); // [0.667, 0, 0] [1, 0, 0] [2, 2, 2]
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function precisionRecallFscoreSupport(
  yTrue: Labels,
  yPred: Labels,
  options: ClassificationOptions & { beta?: number } = {},
): PerClassScores {
  const fn = 'precisionRecallFscoreSupport';
  assertOptions(fn, 'options', options, ['labels', 'zeroDivision', 'onWarning', 'beta']);
  const beta = checkBeta(fn, options.beta ?? 1);
  const [t, p] = readLabelPair(fn, yTrue, yPred);
  const labels = resolveClasses(fn, options.labels, { yTrue: t, yPred: p });
  const counts = classCounts({ labels, matrix: countMatrix(t, p, labels) });
  const c = compute(fn, counts, false, beta, ['precision', 'recall', 'f-score'], options);
  return {
    labels,
    precision: c.precision,
    recall: c.recall,
    fScore: c.fScore,
    support: c.support,
  };
}

/** The averaged precision, recall and F-beta of one call, with sklearn's rules. @internal */
export function averagedScores(
  fn: string,
  yTrue: Labels,
  yPred: Labels,
  beta: number,
  warnFor: readonly Metric[],
  options: AveragedOptions,
): { precision: number; recall: number; fScore: number } {
  const average = options.average ?? 'binary';
  if (!['binary', 'micro', 'macro', 'weighted'].includes(average)) {
    throw new DlkitError(
      'value',
      fn,
      `average must be 'binary', 'micro', 'macro' or 'weighted', got ${String(average)}`,
      { argument: 'average' },
    );
  }
  checkZeroDivision(fn, options.zeroDivision);
  const [t, p] = readLabelPair(fn, yTrue, yPred);
  let labels = resolveClasses(fn, options.labels, { yTrue: t, yPred: p });
  if (average === 'binary') {
    const posLabel = options.posLabel ?? 1;
    const present = uniqueSorted(t, p);
    if (present.length > 2) {
      throw new DlkitError(
        'value',
        fn,
        `average 'binary' needs at most 2 classes, but yTrue and yPred hold ${formatLabels(present)}; use average 'macro', 'micro' or 'weighted'`,
        { argument: 'average' },
      );
    }
    if (!present.includes(posLabel) && present.length >= 2) {
      throw new DlkitError(
        'value',
        fn,
        `posLabel ${posLabel} is not one of the labels ${formatLabels(present)}`,
        { argument: 'posLabel' },
      );
    }
    if (options.labels !== undefined && !labels.includes(posLabel)) {
      throw new DlkitError(
        'value',
        fn,
        `posLabel ${posLabel} is not in labels ${formatLabels(labels)}`,
        { argument: 'posLabel' },
      );
    }
    labels = [posLabel];
  }
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts: ClassCounts = {
    labels,
    tp: labels.map(() => 0),
    predicted: labels.map(() => 0),
    support: labels.map(() => 0),
  };
  for (let i = 0; i < t.length; i++) {
    const ti = index.get(t[i] as number);
    const pi = index.get(p[i] as number);
    if (ti !== undefined) counts.support[ti] = (counts.support[ti] as number) + 1;
    if (pi !== undefined) counts.predicted[pi] = (counts.predicted[pi] as number) + 1;
    if (ti !== undefined && ti === pi) counts.tp[ti] = (counts.tp[ti] as number) + 1;
  }
  const c = compute(fn, counts, average === 'micro', beta, warnFor, options);
  const mean = (a: number[], w?: number[]): number => {
    if (w === undefined) return a.reduce((s, v) => s + v, 0) / a.length;
    const total = w.reduce((s, v) => s + v, 0);
    return a.reduce((s, v, i) => s + v * (w[i] as number), 0) / total;
  };
  if (average === 'weighted') {
    const totalSupport = c.support.reduce((s, v) => s + v, 0);
    if (totalSupport === 0) {
      const z = zeroValue(options.zeroDivision);
      const noPredictions = c.predicted.reduce((s, v) => s + v, 0) === 0;
      return noPredictions
        ? { precision: z, recall: z, fScore: z }
        : { precision: 0, recall: z, fScore: 0 };
    }
    return {
      precision: mean(c.precision, c.support),
      recall: mean(c.recall, c.support),
      fScore: mean(c.fScore, c.support),
    };
  }
  return { precision: mean(c.precision), recall: mean(c.recall), fScore: mean(c.fScore) };
}

/**
 * Precision, `TP / (TP + FP)`: of the examples predicted positive, the fraction that are. In the
 * course's cat app: of the images the classifier calls cats, how many are cats.
 *
 * @param yTrue - The true class labels, `[m]`.
 * @param yPred - The predicted class labels, `[m]`.
 * @param options - `average` (default `'binary'`), `posLabel`, `labels`, `zeroDivision`, `onWarning`.
 * @returns The precision in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { precisionScore } from '@dlkit/strategy';
 * console.log(precisionScore([1, 0, 1, 1, 0], [1, 1, 1, 0, 0])); // 2 of 3 predicted cats: 0.667
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function precisionScore(
  yTrue: Labels,
  yPred: Labels,
  options: AveragedOptions = {},
): number {
  assertOptions('precisionScore', 'options', options, [
    'average',
    'posLabel',
    'labels',
    'zeroDivision',
    'onWarning',
  ]);
  return averagedScores('precisionScore', yTrue, yPred, 1, ['precision'], options).precision;
}

/**
 * Recall, `TP / (TP + FN)`: of the positive examples, the fraction predicted positive. In the
 * course's cat app: of the cat images, how many the classifier finds.
 *
 * @param yTrue - The true class labels, `[m]`.
 * @param yPred - The predicted class labels, `[m]`.
 * @param options - `average` (default `'binary'`), `posLabel`, `labels`, `zeroDivision`, `onWarning`.
 * @returns The recall in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { recallScore } from '@dlkit/strategy';
 * console.log(recallScore([1, 0, 1, 1, 0], [1, 1, 1, 0, 0])); // 2 of 3 cats found: 0.667
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function recallScore(yTrue: Labels, yPred: Labels, options: AveragedOptions = {}): number {
  assertOptions('recallScore', 'options', options, [
    'average',
    'posLabel',
    'labels',
    'zeroDivision',
    'onWarning',
  ]);
  return averagedScores('recallScore', yTrue, yPred, 1, ['recall'], options).recall;
}

/**
 * The F-beta score, `(1 + β²)·P·R / (β²·P + R)`: a weighted harmonic mean of precision and
 * recall in which recall counts `beta` times as much as precision.
 *
 * @param yTrue - The true class labels, `[m]`.
 * @param yPred - The predicted class labels, `[m]`.
 * @param beta - The weight of recall, `>= 0` (`Infinity` gives recall).
 * @param options - `average` (default `'binary'`), `posLabel`, `labels`, `zeroDivision`, `onWarning`.
 * @returns The F-beta score in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { fbetaScore } from '@dlkit/strategy';
 * console.log(fbetaScore([1, 0, 1, 1, 0], [1, 1, 1, 0, 0], 2)); // 0.667
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function fbetaScore(
  yTrue: Labels,
  yPred: Labels,
  beta: number,
  options: AveragedOptions = {},
): number {
  assertOptions('fbetaScore', 'options', options, [
    'average',
    'posLabel',
    'labels',
    'zeroDivision',
    'onWarning',
  ]);
  const b = checkBeta('fbetaScore', beta);
  return averagedScores('fbetaScore', yTrue, yPred, b, ['f-score'], options).fScore;
}

/**
 * The F1 score, `2 / (1/P + 1/R)`: the harmonic mean of precision and recall, the course's
 * single number evaluation metric that combines them.
 *
 * @param yTrue - The true class labels, `[m]`.
 * @param yPred - The predicted class labels, `[m]`.
 * @param options - `average` (default `'binary'`), `posLabel`, `labels`, `zeroDivision`, `onWarning`.
 * @returns The F1 score in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { f1Score } from '@dlkit/strategy';
 * console.log(f1Score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: 'macro', zeroDivision: 0 })); // 0.267
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function f1Score(yTrue: Labels, yPred: Labels, options: AveragedOptions = {}): number {
  assertOptions('f1Score', 'options', options, [
    'average',
    'posLabel',
    'labels',
    'zeroDivision',
    'onWarning',
  ]);
  return averagedScores('f1Score', yTrue, yPred, 1, ['f-score'], options).fScore;
}
