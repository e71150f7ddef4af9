import * as tf from '@tensorflow/tfjs';
import { ShapeChecker, assertDtype } from '@dlkit/core';

/**
 * One step of a convolution, the course's `conv_single_step`: the sum of `aSlicePrev * W`
 * (element by element) plus the bias, for one window and one filter.
 *
 * @param aSlicePrev - One window of the input, `[f, f, nCPrev]`.
 * @param W - One filter's weights, `[f, f, nCPrev]`.
 * @param b - That filter's bias, `[1, 1, 1]`.
 * @returns `Z`, a number (no tensor is kept).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { convSingleStep } from '@dlkit/cnn';
 * const aSlicePrev = tf.ones([2, 2, 3]);
 * const W = tf.fill([2, 2, 3], 0.5);
 * const b = tf.tensor3d([[[1]]]);
 * console.log(convSingleStep(aSlicePrev, W, b)); // 7
 * tf.dispose([aSlicePrev, W, b]);
 * ```
 *
 * @category C4 W1 · Convolution
 */
export function convSingleStep(aSlicePrev: tf.Tensor, W: tf.Tensor, b: tf.Tensor): number {
  const fn = 'convSingleStep';
  new ShapeChecker(fn)
    .check('aSlicePrev', aSlicePrev, ['f', 'f', 'nCPrev'])
    .check('W', W, ['f', 'f', 'nCPrev'])
    .check('b', b, [1, 1, 1]);
  for (const [name, t] of [
    ['aSlicePrev', aSlicePrev],
    ['W', W],
    ['b', b],
  ] as const) {
    assertDtype(fn, name, t, ['float32']);
  }
  const Z = tf.tidy(() => aSlicePrev.mul(W).sum().add(b.reshape([])));
  const value = Z.dataSync()[0] as number;
  Z.dispose();
  return value;
}
