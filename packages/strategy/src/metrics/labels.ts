import * as tf from '@tensorflow/tfjs';
import { DlkitError, formatShape } from '@dlkit/core';

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
    if (labels.isDisposed)
      throw new DlkitError('state', fn, `${argument} is a disposed tensor`, { argument });
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
