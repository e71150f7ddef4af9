import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertTensor, formatShape } from '@dlkit/core';

/**
 * Labels as the metrics take them: a tensor of class indices (any shape, read flattened), or a
 * plain array of numbers.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export type Labels = tf.Tensor | ArrayLike<number>;

/** Reads labels into a plain array, checking they are integers. @internal */
export function readLabels(fn: string, argument: string, labels: Labels): ArrayLike<number> {
  let values: ArrayLike<number>;
  if (labels instanceof tf.Tensor) {
    assertTensor(fn, argument, labels, { dtypes: ['int32', 'float32', 'bool'] });
    values = labels.dataSync() as ArrayLike<number>;
  } else if (labels !== null && typeof labels === 'object' && typeof labels.length === 'number') {
    values = labels;
  } else {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a tensor or an array of labels, got ${String(labels)}`,
      {
        argument,
      },
    );
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v)) {
      throw new DlkitError(
        'value',
        fn,
        `${argument} must hold integer class labels, got ${v} at index ${i}`,
        {
          argument,
        },
      );
    }
  }
  return values;
}

/** Reads a pair of label sets and checks they have the same length and are not empty. @internal */
export function readLabelPair(
  fn: string,
  yTrue: Labels,
  yPred: Labels,
): [ArrayLike<number>, ArrayLike<number>] {
  const t = readLabels(fn, 'yTrue', yTrue);
  const p = readLabels(fn, 'yPred', yPred);
  if (t.length !== p.length) {
    const shape = (y: Labels, v: ArrayLike<number>) =>
      formatShape(y instanceof tf.Tensor ? y.shape : [v.length]);
    throw new DlkitError(
      'shape',
      fn,
      `yTrue and yPred must have the same number of labels, got ${shape(yTrue, t)} and ${shape(yPred, p)}`,
      { argument: 'yPred' },
    );
  }
  if (t.length === 0) throw new DlkitError('value', fn, 'yTrue is empty', { argument: 'yTrue' });
  return [t, p];
}

/** Formats a list of labels for messages: `[0, 1, 2]`. @internal */
export function formatLabels(labels: readonly number[]): string {
  return `[${labels.join(', ')}]`;
}

/** The sorted distinct values of one or more label arrays. @internal */
export function uniqueSorted(...arrays: ArrayLike<number>[]): number[] {
  const set = new Set<number>();
  for (const a of arrays) for (let i = 0; i < a.length; i++) set.add(a[i] as number);
  return [...set].sort((x, y) => x - y);
}

/**
 * The class set of a metric: the given `labels` (checked: integers, distinct, non-empty, and every
 * value of `arrays` among them), or the sorted union of the values. @internal
 */
export function resolveClasses(
  fn: string,
  labels: readonly number[] | undefined,
  arrays: Record<string, ArrayLike<number>>,
): number[] {
  if (labels === undefined) return uniqueSorted(...Object.values(arrays));
  if (!Array.isArray(labels) || labels.length === 0) {
    throw new DlkitError('value', fn, 'labels must be a non-empty array of class labels', {
      argument: 'labels',
    });
  }
  const set = new Set<number>();
  for (const l of labels) {
    if (!Number.isInteger(l)) {
      throw new DlkitError('value', fn, `labels must hold integer class labels, got ${l}`, {
        argument: 'labels',
      });
    }
    if (set.has(l)) {
      throw new DlkitError('value', fn, `labels must be distinct, got ${l} twice`, {
        argument: 'labels',
      });
    }
    set.add(l);
  }
  for (const [name, a] of Object.entries(arrays)) {
    for (let i = 0; i < a.length; i++) {
      if (!set.has(a[i] as number)) {
        throw new DlkitError(
          'value',
          fn,
          `${name} holds label ${a[i]} at index ${i}, which is not in labels ${formatLabels(labels)}`,
          { argument: name },
        );
      }
    }
  }
  return labels.slice();
}

/**
 * Scores as the ranking metrics take them: one score per example (a tensor of any shape, read
 * flattened, or a plain array), such as a predicted probability of the positive class.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export type Scores = tf.Tensor | ArrayLike<number>;

/**
 * A score matrix: one row per example and one column per class, as a `[m, nClasses]` tensor or an
 * array of rows.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export type ScoreMatrix = tf.Tensor | ArrayLike<ArrayLike<number>>;

/** Reads finite scores into a plain array. @internal */
export function readScores(fn: string, argument: string, scores: Scores): ArrayLike<number> {
  let values: ArrayLike<number>;
  if (scores instanceof tf.Tensor) {
    assertTensor(fn, argument, scores, { dtypes: ['float32', 'int32'] });
    values = scores.dataSync() as ArrayLike<number>;
  } else if (scores !== null && typeof scores === 'object' && typeof scores.length === 'number') {
    values = scores;
  } else {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a tensor or an array of numbers, got ${String(scores)}`,
      { argument },
    );
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DlkitError(
        'value',
        fn,
        `${argument} must hold finite numbers, got ${v} at index ${i}`,
        {
          argument,
        },
      );
    }
  }
  return values;
}

/** Reads a `[m, nClasses]` score matrix into row-major values. @internal */
export function readScoreMatrix(
  fn: string,
  argument: string,
  scores: ScoreMatrix,
): { rows: number; cols: number; values: Float64Array; float32: boolean } {
  if (scores instanceof tf.Tensor) {
    assertTensor(fn, argument, scores, { dtypes: ['float32', 'int32'] });
    if (scores.rank !== 2) {
      throw new DlkitError(
        'shape',
        fn,
        `${argument} must have shape [m, nClasses], got ${formatShape(scores.shape)}`,
        { argument },
      );
    }
    const [rows, cols] = scores.shape as [number, number];
    const values = Float64Array.from(scores.dataSync() as ArrayLike<number>);
    checkFinite(fn, argument, values, cols);
    return { rows, cols, values, float32: scores.dtype === 'float32' };
  }
  if (scores === null || typeof scores !== 'object' || typeof scores.length !== 'number') {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a [m, nClasses] tensor or an array of rows, got ${String(scores)}`,
      { argument },
    );
  }
  const rows = scores.length;
  const first = scores[0];
  const cols = first !== undefined && typeof first === 'object' ? first.length : -1;
  if (rows > 0 && cols < 0) {
    throw new DlkitError(
      'shape',
      fn,
      `${argument} must have shape [m, nClasses] (an array of rows), got an array of numbers`,
      { argument },
    );
  }
  const values = new Float64Array(rows * Math.max(cols, 0));
  for (let r = 0; r < rows; r++) {
    const row = scores[r];
    if (row === undefined || typeof row !== 'object' || row.length !== cols) {
      throw new DlkitError(
        'shape',
        fn,
        `${argument} must have shape [m, nClasses]: row ${r} has ${row?.length ?? 'no'} values, row 0 has ${cols}`,
        { argument },
      );
    }
    for (let c = 0; c < cols; c++) values[r * cols + c] = row[c] as number;
  }
  checkFinite(fn, argument, values, cols);
  return { rows, cols: Math.max(cols, 0), values, float32: false };
}

function checkFinite(fn: string, argument: string, values: Float64Array, cols: number): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      const at = `[${Math.floor(i / cols)}, ${i % cols}]`;
      throw new DlkitError(
        'value',
        fn,
        `${argument} must hold finite numbers, got ${values[i]} at ${at}`,
        {
          argument,
        },
      );
    }
  }
}

/** Checks that every label indexes a column of an `[m, k]` score matrix. @internal */
export function checkLabelsInColumns(fn: string, labels: ArrayLike<number>, cols: number): void {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number;
    if (y < 0 || y >= cols) {
      throw new DlkitError(
        'value',
        fn,
        `yTrue holds label ${y} at index ${i}, outside the ${cols} classes [0, ${cols}) of yScore's columns`,
        { argument: 'yTrue' },
      );
    }
  }
}
