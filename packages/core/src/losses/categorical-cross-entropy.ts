import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '../tensor/shapes.js';
import { stableSoftmax } from '../activations/softmax.js';
import { PROBABILITY_EPSILON } from './binary-cross-entropy.js';

/**
 * Categorical cross-entropy `J = -(1/m) sum(Y log(AL))` over one-hot labels in columns, with
 * `AL` clipped to `[1e-7, 1 - 1e-7]` before the log.
 *
 * @param AL - Predicted class probabilities, `[nClasses, m]` (each column sums to 1).
 * @param Y - One-hot labels, `[nClasses, m]`.
 * @returns The cost, a new scalar tensor.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { categoricalCrossEntropy } from '@dlkit/core';
 * const AL = tf.tensor2d([[0.7, 0.2], [0.3, 0.8]]);
 * const Y = tf.tensor2d([[1, 0], [0, 1]]);
 * const J = categoricalCrossEntropy(AL, Y);
 * J.print(); // 0.2899092 = -(ln 0.7 + ln 0.8) / 2
 * tf.dispose([AL, Y, J]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function categoricalCrossEntropy(AL: tf.Tensor, Y: tf.Tensor): tf.Scalar {
  new ShapeChecker('categoricalCrossEntropy')
    .checkFloat('AL', AL, ['nClasses', 'm'])
    .checkFloat('Y', Y, ['nClasses', 'm']);
  return tf.tidy(() => {
    const m = AL.shape[1] as number;
    const p = AL.clipByValue(PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
    return Y.mul(p.log()).sum().div(-m) as tf.Scalar;
  });
}

/**
 * The derivative of {@link categoricalCrossEntropy} per example: `dAL = -Y / AL` (`m` times
 * `dJ/dAL`, the course's convention).
 *
 * @param AL - Predicted class probabilities, `[nClasses, m]`.
 * @param Y - One-hot labels, `[nClasses, m]`.
 * @returns `dAL`, a new tensor `[nClasses, m]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { categoricalCrossEntropyBackward } from '@dlkit/core';
 * const AL = tf.tensor2d([[0.5], [0.5]]);
 * const Y = tf.tensor2d([[1], [0]]);
 * const dAL = categoricalCrossEntropyBackward(AL, Y);
 * dAL.print(); // [[-2], [0]]
 * tf.dispose([AL, Y, dAL]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function categoricalCrossEntropyBackward(AL: tf.Tensor, Y: tf.Tensor): tf.Tensor {
  new ShapeChecker('categoricalCrossEntropyBackward')
    .checkFloat('AL', AL, ['nClasses', 'm'])
    .checkFloat('Y', Y, ['nClasses', 'm']);
  return tf.tidy(() => Y.div(AL).neg());
}

/**
 * Categorical cross-entropy from the logits `Z` (before the softmax), stable for any `Z`:
 * `J = (1/m) sum_j (logsumexp(Z[:, j]) - sum_i Y[i, j] Z[i, j])`.
 *
 * @param Z - Logits, `[nClasses, m]`.
 * @param Y - One-hot labels, `[nClasses, m]`.
 * @returns The cost, a new scalar tensor.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { categoricalCrossEntropyWithLogits } from '@dlkit/core';
 * const Z = tf.tensor2d([[1000], [0]]);
 * const Y = tf.tensor2d([[0], [1]]);
 * const J = categoricalCrossEntropyWithLogits(Z, Y);
 * J.print(); // 1000
 * tf.dispose([Z, Y, J]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function categoricalCrossEntropyWithLogits(Z: tf.Tensor, Y: tf.Tensor): tf.Scalar {
  new ShapeChecker('categoricalCrossEntropyWithLogits')
    .checkFloat('Z', Z, ['nClasses', 'm'])
    .checkFloat('Y', Y, ['nClasses', 'm']);
  return tf.tidy(() => {
    const m = Z.shape[1] as number;
    const lse = tf.logSumExp(Z, 0);
    return lse.sum().sub(Y.mul(Z).sum()).div(m) as tf.Scalar;
  });
}

/**
 * The derivative of {@link categoricalCrossEntropyWithLogits} per example:
 * `dZ = softmax(Z) - Y` (`m` times `dJ/dZ`).
 *
 * @param Z - Logits, `[nClasses, m]`.
 * @param Y - One-hot labels, `[nClasses, m]`.
 * @returns `dZ`, a new tensor `[nClasses, m]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { categoricalCrossEntropyWithLogitsBackward } from '@dlkit/core';
 * const Z = tf.tensor2d([[0], [0]]);
 * const Y = tf.tensor2d([[1], [0]]);
 * const dZ = categoricalCrossEntropyWithLogitsBackward(Z, Y);
 * dZ.print(); // [[-0.5], [0.5]]
 * tf.dispose([Z, Y, dZ]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function categoricalCrossEntropyWithLogitsBackward(Z: tf.Tensor, Y: tf.Tensor): tf.Tensor {
  new ShapeChecker('categoricalCrossEntropyWithLogitsBackward')
    .checkFloat('Z', Z, ['nClasses', 'm'])
    .checkFloat('Y', Y, ['nClasses', 'm']);
  return tf.tidy(() => stableSoftmax(Z).sub(Y));
}
