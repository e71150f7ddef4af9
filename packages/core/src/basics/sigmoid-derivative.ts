import * as tf from '@tensorflow/tfjs';
import { checkNumeric } from './check.js';

/**
 * The sigmoid of every entry of `x` (the notebook's NumPy `sigmoid(x)`). Core's top-level
 * `sigmoid` is the course's activation, which returns `{ A, cache }`; this one returns the
 * array itself, as the notebook's does, and is exported as `basics.sigmoid`.
 *
 * @param x - A tensor of any shape, e.g. `[n]`.
 * @returns `s`, a new float32 tensor of the shape of `x`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { basics } from '@dlkit/core';
 * const x = tf.tensor1d([1, 2, 3]);
 * const s = basics.sigmoid(x);
 * s.print(); // [0.7310586, 0.8807971, 0.9525741]
 * tf.dispose([x, s]);
 * ```
 *
 * @category C1 W2 · Python basics with NumPy
 */
export function sigmoid(x: tf.Tensor): tf.Tensor {
  checkNumeric('sigmoid', 'x', x);
  return tf.tidy(() => tf.sigmoid(x.toFloat()));
}

/**
 * The derivative of the sigmoid at every entry of `x`: `σ'(x) = s (1 - s)` with `s = σ(x)`
 * (the notebook's `sigmoid_derivative`).
 *
 * @param x - A tensor of any shape, e.g. `[n]`.
 * @returns `ds`, a new float32 tensor of the shape of `x`, in (0, 0.25].
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { sigmoidDerivative } from '@dlkit/core';
 * const x = tf.tensor1d([1, 2, 3]);
 * const ds = sigmoidDerivative(x);
 * ds.print(); // [0.1966119, 0.1049936, 0.0451767]
 * tf.dispose([x, ds]);
 * ```
 *
 * @category C1 W2 · Python basics with NumPy
 */
export function sigmoidDerivative(x: tf.Tensor): tf.Tensor {
  checkNumeric('sigmoidDerivative', 'x', x);
  return tf.tidy(() => {
    const s = tf.sigmoid(x.toFloat());
    return s.mul(tf.scalar(1).sub(s));
  });
}
