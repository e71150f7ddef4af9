import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '../tensor/shapes.js';
import { checkNumeric } from './check.js';

/** Checks that `yhat` and `y` are numeric vectors `[m]` of one length. */
function checkPair(fn: string, yhat: tf.Tensor, y: tf.Tensor): void {
  new ShapeChecker(fn).check('yhat', yhat, ['m']).check('y', y, ['m']);
  checkNumeric(fn, 'yhat', yhat);
  checkNumeric(fn, 'y', y);
}

/**
 * The L1 loss, `Σ |y − yhat|` (the notebook's `L1`).
 *
 * @param yhat - The predicted labels, `[m]`.
 * @param y - The true labels, `[m]`.
 * @returns `loss`, a number.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { L1 } from '@dlkit/core';
 * const yhat = tf.tensor1d([0.9, 0.2, 0.1, 0.4, 0.9]);
 * const y = tf.tensor1d([1, 0, 0, 1, 1]);
 * console.log(L1(yhat, y)); // 1.1 (to float32 precision)
 * tf.dispose([yhat, y]);
 * ```
 *
 * @category C1 W2 · Python basics with NumPy
 */
export function L1(yhat: tf.Tensor, y: tf.Tensor): number {
  checkPair('L1', yhat, y);
  return tf.tidy(() => tf.sum(tf.abs(tf.sub(y.toFloat(), yhat.toFloat()))).dataSync()[0]!);
}

/**
 * The L2 loss, `Σ (y − yhat)²` (the notebook's `L2`, written there with `np.dot`).
 *
 * @param yhat - The predicted labels, `[m]`.
 * @param y - The true labels, `[m]`.
 * @returns `loss`, a number.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { L2 } from '@dlkit/core';
 * const yhat = tf.tensor1d([0.9, 0.2, 0.1, 0.4, 0.9]);
 * const y = tf.tensor1d([1, 0, 0, 1, 1]);
 * console.log(L2(yhat, y)); // 0.43 (to float32 precision)
 * tf.dispose([yhat, y]);
 * ```
 *
 * @category C1 W2 · Python basics with NumPy
 */
export function L2(yhat: tf.Tensor, y: tf.Tensor): number {
  checkPair('L2', yhat, y);
  return tf.tidy(() => {
    const d = tf.sub(y.toFloat(), yhat.toFloat());
    return tf.dot(d, d).dataSync()[0]!;
  });
}
