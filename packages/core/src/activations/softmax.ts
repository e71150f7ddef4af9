import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '../tensor/errors.js';
import { checkActivationBackward, checkActivationInput } from './check.js';
import type { ActivationResult } from './sigmoid.js';

/**
 * The softmax activation over the classes of each example:
 * `A[i, j] = exp(Z[i, j]) / sum_k exp(Z[k, j])`, computed as `exp(Z - max)` so large logits do not overflow. Examples are in
 * columns as in course 1 (`Z` is `[nClasses, m]`), so the sum runs down axis 0.
 *
 * @param Z - The logits, `[nClasses, m]`.
 * @returns `A` (a new tensor, `[nClasses, m]`, columns summing to 1) and `cache` (`Z`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { softmax } from '@dlkit/core';
 * const Z = tf.tensor2d([[1, 1000], [2, 1000]]); // 2 classes, 2 examples
 * const { A } = softmax(Z);
 * A.print(); // [[0.2689414, 0.5], [0.7310586, 0.5]]
 * tf.dispose([Z, A]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function softmax(Z: tf.Tensor): ActivationResult {
  checkActivationInput('softmax', Z, ['nClasses', 'm']);
  return { A: stableSoftmax(Z), cache: Z };
}

/**
 * Softmax down axis 0 of a `[nClasses, m]` tensor, shifted by the column maximum.
 *
 * @internal
 */
export function stableSoftmax(Z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const e = tf.exp(Z.sub(Z.max(0, true)));
    return e.div(e.sum(0, true));
  });
}

/**
 * The backward pass of {@link softmax}, the Jacobian-vector product of each column:
 * `dZ = A * (dA - sum_k dA[k] A[k])` with `A = softmax(Z)`.
 *
 * @param dA - The gradient of the cost with respect to `A`, `[nClasses, m]`.
 * @param cache - The `cache` that {@link softmax} returned (`Z`, `[nClasses, m]`).
 * @returns `dZ`, a new tensor of shape `[nClasses, m]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { softmax, softmaxBackward } from '@dlkit/core';
 * const Z = tf.tensor2d([[0], [0]]);
 * const { A, cache } = softmax(Z);
 * const dA = tf.tensor2d([[1], [0]]);
 * const dZ = softmaxBackward(dA, cache);
 * dZ.print(); // [[0.25], [-0.25]]
 * tf.dispose([Z, A, dA, dZ]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function softmaxBackward(dA: tf.Tensor, cache: tf.Tensor): tf.Tensor {
  checkActivationBackward('softmaxBackward', dA, cache, ['nClasses', 'm']);
  if (cache.shape[0] === 0) {
    throw new DlkitError('shape', 'softmaxBackward', 'cache must have at least one class', {
      argument: 'cache',
    });
  }
  return tf.tidy(() => {
    const A = stableSoftmax(cache);
    return A.mul(dA.sub(dA.mul(A).sum(0, true)));
  });
}
