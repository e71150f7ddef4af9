import * as tf from '@tensorflow/tfjs';

/**
 * The one-hot column `[size, 1]` of index `idx` (a new float32 tensor), or the zero column for
 * `null` (the notebook's `None`, the first input of every name).
 */
export function oneHotColumn(idx: number | null, size: number): tf.Tensor {
  const data = new Float32Array(size);
  if (idx !== null) data[idx] = 1;
  return tf.tensor2d(data, [size, 1]);
}
