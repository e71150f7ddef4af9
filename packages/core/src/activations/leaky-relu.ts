import * as tf from '@tensorflow/tfjs';
import { checkActivationBackward, checkActivationInput } from './check.js';
import { assertNumber } from '../tensor/values.js';
import type { ActivationResult } from './sigmoid.js';

/**
 * The leaky ReLU activation `A = Z` where `Z > 0`, else `alpha * Z`, element-wise (the lecture's
 * fix for ReLU's zero gradient on negative inputs).
 *
 * @param Z - The pre-activation, any shape (the course uses `[nL, m]`).
 * @param alpha - The slope for negative inputs, in `[0, 1)`; the lecture uses 0.01.
 * @returns `A` (a new tensor, same shape) and `cache` (`Z`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { leakyRelu } from '@dlkit/core';
 * const Z = tf.tensor2d([[-100, 0, 2]]);
 * const { A } = leakyRelu(Z);
 * A.print(); // [[-1, 0, 2]]
 * tf.dispose([Z, A]);
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function leakyRelu(Z: tf.Tensor, alpha = 0.01): ActivationResult {
  checkActivationInput('leakyRelu', Z);
  assertNumber('leakyRelu', 'alpha', alpha, { min: 0, max: 1, maxExclusive: true });
  return { A: tf.leakyRelu(Z, alpha), cache: Z };
}

/**
 * The backward pass of {@link leakyRelu}: `dZ = dA` where `Z > 0`, else `alpha * dA` (also at
 * `Z = 0`, as ReLU's backward sends the left slope there).
 *
 * @param dA - The gradient of the cost with respect to `A`, same shape as `Z`.
 * @param cache - The `cache` that {@link leakyRelu} returned (`Z`).
 * @param alpha - The slope the forward pass used.
 * @returns `dZ`, a new tensor with the shape of `Z`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { leakyRelu, leakyReluBackward } from '@dlkit/core';
 * const Z = tf.tensor2d([[-1, 0, 2]]);
 * const { A, cache } = leakyRelu(Z, 0.1);
 * const dA = tf.fill([1, 3], 3);
 * const dZ = leakyReluBackward(dA, cache, 0.1);
 * dZ.print(); // [[0.3, 0.3, 3]]
 * tf.dispose([Z, A, dA, dZ]);
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function leakyReluBackward(dA: tf.Tensor, cache: tf.Tensor, alpha = 0.01): tf.Tensor {
  checkActivationBackward('leakyReluBackward', dA, cache);
  assertNumber('leakyReluBackward', 'alpha', alpha, { min: 0, max: 1, maxExclusive: true });
  return tf.tidy(() => tf.where(tf.greater(cache, 0), dA, dA.mul(alpha)));
}
