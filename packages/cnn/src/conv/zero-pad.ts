import * as tf from '@tensorflow/tfjs';
import { assertNumber, assertShape } from '@dlkit/core';

/**
 * Pads the height and width of a batch of images with zeros, the course's `zero_pad`
 * (`np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))`).
 *
 * @param X - Images, `[m, nH, nW, nC]` (channels last, as in course 4).
 * @param pad - How many zeros to add on each side of each image's height and width (a
 *   non-negative integer).
 * @returns A new tensor `[m, nH + 2 * pad, nW + 2 * pad, nC]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { zeroPad } from '@dlkit/cnn';
 * const X = tf.ones([4, 3, 3, 2]);
 * const padded = zeroPad(X, 2);
 * console.log(padded.shape); // [4, 7, 7, 2]
 * tf.dispose([X, padded]);
 * ```
 *
 * @category C4 W1 · Convolution
 */
export function zeroPad(X: tf.Tensor, pad: number): tf.Tensor4D {
  assertShape('zeroPad', 'X', X, ['m', 'nH', 'nW', 'nC']);
  assertNumber('zeroPad', 'pad', pad, { integer: true, min: 0 });
  return tf.pad(X as tf.Tensor4D, [
    [0, 0],
    [pad, pad],
    [pad, pad],
    [0, 0],
  ]);
}
