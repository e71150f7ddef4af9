import * as tf from '@tensorflow/tfjs';

/**
 * The projection of `e` on the axis `g`: `(e · g / ||g||²) g`, the course's `e_biascomponent`.
 * `e` is `[n]` or `[k, n]` (one projection a row).
 *
 * @internal
 */
export function projectOn(e: tf.Tensor, g: tf.Tensor1D): tf.Tensor {
  return tf.tidy(() => {
    const coefficient = tf.div(tf.sum(tf.mul(e, g), -1, true), tf.sum(tf.square(g)));
    return tf.mul(coefficient, g);
  });
}
