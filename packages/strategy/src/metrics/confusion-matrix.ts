import { assertOptions } from '@dlkit/core';
import { readLabelPair, resolveClasses, type Labels } from './labels.js';

/**
 * Options of {@link confusionMatrix}.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface ConfusionMatrixOptions {
  /**
   * The class set, in the order of the rows and columns. Every label of `yTrue` and `yPred` must
   * be in it. Default: the sorted union of both.
   */
  labels?: readonly number[];
}

/**
 * A confusion matrix with its class labels.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface ConfusionMatrix {
  /** The class labels, in the order of rows and columns. */
  labels: number[];
  /** `matrix[i][j]`: how many examples of true class `labels[i]` were predicted as `labels[j]`. */
  matrix: number[][];
}

/**
 * The confusion matrix for any number of classes: rows are true classes, columns predicted ones
 * (scikit-learn's `confusion_matrix`). Its diagonal holds the correct predictions; for binary
 * labels `[0, 1]` it reads `[[TN, FP], [FN, TP]]`.
 *
 * @param yTrue - The true class labels, `[m]` (a tensor of any shape is read flattened).
 * @param yPred - The predicted class labels, `[m]`.
 * @param options - The class set and its order.
 * @returns The labels and the `[nClasses, nClasses]` matrix of counts.
 *
 * @example
 * ```ts
 * import { confusionMatrix } from '@dlkit/strategy';
 * const { labels, matrix } = confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]);
 * console.log(labels, matrix); // [0, 1, 2] [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function confusionMatrix(
  yTrue: Labels,
  yPred: Labels,
  options: ConfusionMatrixOptions = {},
): ConfusionMatrix {
  const fn = 'confusionMatrix';
  assertOptions(fn, 'options', options, ['labels']);
  const [t, p] = readLabelPair(fn, yTrue, yPred);
  const labels = resolveClasses(fn, options.labels, { yTrue: t, yPred: p });
  return { labels, matrix: countMatrix(t, p, labels) };
}

/** Counts `[true][pred]` pairs over a checked class set. @internal */
export function countMatrix(
  t: ArrayLike<number>,
  p: ArrayLike<number>,
  labels: readonly number[],
): number[][] {
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < t.length; i++) {
    const row = matrix[index.get(t[i] as number) as number] as number[];
    const j = index.get(p[i] as number) as number;
    row[j] = (row[j] as number) + 1;
  }
  return matrix;
}

/** Per-class true positives, predicted counts and true counts (support). @internal */
export interface ClassCounts {
  labels: number[];
  tp: number[];
  predicted: number[];
  support: number[];
}

/** Per-class counts from a confusion matrix. @internal */
export function classCounts(cm: ConfusionMatrix): ClassCounts {
  const k = cm.labels.length;
  const tp = new Array<number>(k).fill(0);
  const predicted = new Array<number>(k).fill(0);
  const support = new Array<number>(k).fill(0);
  cm.matrix.forEach((row, i) =>
    row.forEach((v, j) => {
      support[i] = (support[i] as number) + v;
      predicted[j] = (predicted[j] as number) + v;
      if (i === j) tp[i] = v;
    }),
  );
  return { labels: cm.labels.slice(), tp, predicted, support };
}
