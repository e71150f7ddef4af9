import * as tf from '@tensorflow/tfjs';
import { checkActivationBackward, checkActivationInput } from './check.js';
import type { ActivationResult } from './sigmoid.js';

/**
 * The ReLU activation `A = max(0, Z)`, element-wise.
 *
 * @param Z - The pre-activation, any shape (the course uses `[nL, m]`).
 * @returns `A` (a new tensor, same shape) and `cache` (`Z`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { relu } from '@dlkit/core';
 * const Z = tf.tensor2d([[-1, 0, 2]]);
 * const { A } = relu(Z);
 * A.print(); // [[0, 0, 2]]
 * tf.dispose([Z, A]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function relu(Z: tf.Tensor): ActivationResult {
  checkActivationInput('relu', Z);
  return { A: tf.relu(Z), cache: Z };
}

/**
 * The backward pass of {@link relu}: `dZ = dA` where `Z > 0`, else `0` (the course's
 * `relu_backward`, which also sends 0 at `Z = 0`).
 *
 * @param dA - The gradient of the cost with respect to `A`, same shape as `Z`.
 * @param cache - The `cache` that {@link relu} returned (`Z`).
 * @returns `dZ`, a new tensor with the shape of `Z`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { relu, reluBackward } from '@dlkit/core';
 * const Z = tf.tensor2d([[-1, 0, 2]]);
 * const { A, cache } = relu(Z);
 * const dA = tf.fill([1, 3], 3);
 * const dZ = reluBackward(dA, cache);
 * dZ.print(); // [[0, 0, 3]]
 * tf.dispose([Z, A, dA, dZ]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function reluBackward(dA: tf.Tensor, cache: tf.Tensor): tf.Tensor {
  checkActivationBackward('reluBackward', dA, cache);
  return tf.tidy(() => tf.where(tf.greater(cache, 0), dA, tf.zerosLike(dA)));
}
