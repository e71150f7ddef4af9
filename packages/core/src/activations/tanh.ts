import * as tf from '@tensorflow/tfjs';
import { checkActivationBackward, checkActivationInput } from './check.js';
import type { ActivationResult } from './sigmoid.js';

/**
 * The hyperbolic tangent activation `A = tanh(Z)`, element-wise (the shallow network's hidden
 * layer in course 1, week 3).
 *
 * @param Z - The pre-activation, any shape (the course uses `[nH, m]`).
 * @returns `A` (a new tensor, same shape) and `cache` (`Z`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { tanh } from '@dlkit/core';
 * const Z = tf.tensor2d([[-1, 0, 2]]);
 * const { A } = tanh(Z);
 * A.print(); // [[-0.7615942, 0, 0.9640276]]
 * tf.dispose([Z, A]);
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function tanh(Z: tf.Tensor): ActivationResult {
  checkActivationInput('tanh', Z);
  return { A: tf.tanh(Z), cache: Z };
}

/**
 * The backward pass of {@link tanh}: `dZ = dA * (1 - tanh(Z)^2)`.
 *
 * @param dA - The gradient of the cost with respect to `A`, same shape as `Z`.
 * @param cache - The `cache` that {@link tanh} returned (`Z`).
 * @returns `dZ`, a new tensor with the shape of `Z`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { tanh, tanhBackward } from '@dlkit/core';
 * const Z = tf.tensor2d([[-1, 0, 2]]);
 * const { A, cache } = tanh(Z);
 * const dA = tf.onesLike(A);
 * const dZ = tanhBackward(dA, cache);
 * dZ.print(); // [[0.4199743, 1, 0.0706508]]
 * tf.dispose([Z, A, dA, dZ]);
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function tanhBackward(dA: tf.Tensor, cache: tf.Tensor): tf.Tensor {
  checkActivationBackward('tanhBackward', dA, cache);
  return tf.tidy(() => {
    const t = tf.tanh(cache);
    return dA.mul(tf.scalar(1).sub(t.square()));
  });
}
