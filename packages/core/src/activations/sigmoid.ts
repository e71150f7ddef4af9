import * as tf from '@tensorflow/tfjs';
import { checkActivationBackward, checkActivationInput } from './check.js';

/**
 * What an activation's forward pass returns, as in the course's `dnn_utils`: the activation `A`
 * and the cache its backward pass needs (the pre-activation `Z` itself, not a copy: keep `Z`
 * alive until the backward pass).
 *
 * @category C1 W4 · Deep neural network
 */
export interface ActivationResult {
  /** The activation, same shape as `Z`. */
  A: tf.Tensor;
  /** The cache for the backward pass: `Z`. */
  cache: tf.Tensor;
}

/**
 * The sigmoid activation `A = 1 / (1 + exp(-Z))`, element-wise.
 *
 * @param Z - The pre-activation, any shape (the course uses `[nL, m]`).
 * @returns `A` (a new tensor, same shape) and `cache` (`Z`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { sigmoid } from '@dlkit/core';
 * const Z = tf.tensor2d([[-1, 0, 2]]);
 * const { A } = sigmoid(Z);
 * A.print(); // [[0.2689414, 0.5, 0.8807971]]
 * tf.dispose([Z, A]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function sigmoid(Z: tf.Tensor): ActivationResult {
  checkActivationInput('sigmoid', Z);
  return { A: tf.sigmoid(Z), cache: Z };
}

/**
 * The backward pass of {@link sigmoid}: `dZ = dA * s * (1 - s)` with `s = sigmoid(Z)`.
 *
 * @param dA - The gradient of the cost with respect to `A`, same shape as `Z`.
 * @param cache - The `cache` that {@link sigmoid} returned (`Z`).
 * @returns `dZ`, a new tensor with the shape of `Z`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { sigmoid, sigmoidBackward } from '@dlkit/core';
 * const Z = tf.tensor2d([[-1, 0, 2]]);
 * const { A, cache } = sigmoid(Z);
 * const dA = tf.onesLike(A);
 * const dZ = sigmoidBackward(dA, cache);
 * dZ.print(); // [[0.1966119, 0.25, 0.1049936]]
 * tf.dispose([Z, A, dA, dZ]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function sigmoidBackward(dA: tf.Tensor, cache: tf.Tensor): tf.Tensor {
  checkActivationBackward('sigmoidBackward', dA, cache);
  return tf.tidy(() => {
    const s = tf.sigmoid(cache);
    return dA.mul(s).mul(tf.scalar(1).sub(s));
  });
}
