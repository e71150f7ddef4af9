import * as tf from '@tensorflow/tfjs';
import { ShapeChecker, asCaller, assertSize, assertTensor } from '@dlkit/core';

/**
 * The angles of the sinusoidal positional encoding, the course's `get_angles`:
 * `pos / 10000^(2i / d)` with `i = floor(k / 2)`, broadcast over positions and encoding indices.
 *
 * @param pos - The positions as a column `[positions, 1]` (float32 or int32).
 * @param k - The encoding indices `0 … d-1` as a row `[1, d]` (float32 or int32).
 * @param d - The encoding size, `d_model` (a positive integer).
 * @returns A new tensor `[positions, d]` of angles (the caller disposes it).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { getAngles } from '@dlkit/sequence';
 * const pos = tf.tensor2d([[0], [1], [2], [3]]);
 * const k = tf.tensor2d([[0, 1, 2, 3, 4, 5, 6, 7]]);
 * const angles = getAngles(pos, k, 8);
 * console.log(angles.shape); // [4, 8]
 * tf.dispose([pos, k, angles]);
 * ```
 *
 * @category C5 W4 · Transformers
 */
export function getAngles(pos: tf.Tensor, k: tf.Tensor, d: number): tf.Tensor2D {
  const fn = 'getAngles';
  const shapes = new ShapeChecker(fn);
  const numeric = { dtypes: ['float32', 'int32'] as const, finite: true };
  shapes.check('pos', assertTensor(fn, 'pos', pos, numeric), ['positions', 1]);
  shapes.check('k', assertTensor(fn, 'k', k, numeric), [1, null]);
  assertSize(fn, 'd', d, 1);
  return asCaller(fn, () =>
    tf.tidy(() => {
      const i = tf.floor(tf.div(tf.cast(k, 'float32'), 2));
      const rates = tf.pow(10000, tf.div(tf.mul(i, 2), d));
      return tf.div(tf.cast(pos, 'float32'), rates) as tf.Tensor2D;
    }),
  );
}
