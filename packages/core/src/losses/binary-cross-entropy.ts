import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '../tensor/shapes.js';
import { asCaller } from '../tensor/caller.js';

/**
 * How far from 0 and 1 {@link binaryCrossEntropy} and {@link categoricalCrossEntropy} clip
 * probabilities before taking logs: the smallest round number whose complement `1 - 1e-7` is
 * still below 1 in float32, so a saturated sigmoid gives a large finite cost instead of `Infinity`.
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export const PROBABILITY_EPSILON = 1e-7;

/**
 * The course's cross-entropy cost `J = -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL))` as a scalar
 * tensor. `AL` is clipped to `[1e-7, 1 - 1e-7]` first (see {@link PROBABILITY_EPSILON}), which
 * changes nothing unless a probability has saturated in float32.
 *
 * @param AL - Predicted probabilities, `[1, m]` (examples in columns).
 * @param Y - Labels 0 or 1, `[1, m]`.
 * @returns The cost, a new scalar tensor.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { binaryCrossEntropy } from '@dlkit/core';
 * const AL = tf.tensor2d([[0.8, 0.9, 0.4]]);
 * const Y = tf.tensor2d([[1, 1, 0]]);
 * const J = binaryCrossEntropy(AL, Y);
 * J.print(); // 0.2797765
 * tf.dispose([AL, Y, J]);
 * ```
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export function binaryCrossEntropy(AL: tf.Tensor, Y: tf.Tensor): tf.Scalar {
  new ShapeChecker('binaryCrossEntropy')
    .checkFloat('AL', AL, [1, 'm'])
    .checkFloat('Y', Y, [1, 'm']);
  return tf.tidy(() => {
    const m = AL.shape[1] as number;
    const p = AL.clipByValue(PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
    const logprobs = Y.mul(p.log()).add(tf.scalar(1).sub(Y).mul(tf.scalar(1).sub(p).log()));
    return logprobs.sum().div(-m) as tf.Scalar;
  });
}

/**
 * The course's `compute_cost(AL, Y)` (weeks 3 and 4): {@link binaryCrossEntropy} read back as a
 * number.
 *
 * @param AL - Predicted probabilities, `[1, m]`.
 * @param Y - Labels 0 or 1, `[1, m]`.
 * @returns The cost.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { computeCost } from '@dlkit/core';
 * const AL = tf.tensor2d([[0.8, 0.9, 0.4]]);
 * const Y = tf.tensor2d([[1, 1, 0]]);
 * console.log(computeCost(AL, Y)); // 0.2797765…
 * tf.dispose([AL, Y]);
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function computeCost(AL: tf.Tensor, Y: tf.Tensor): number {
  const J = asCaller('computeCost', () => binaryCrossEntropy(AL, Y));
  const value = J.dataSync()[0] as number;
  J.dispose();
  return value;
}

/**
 * The derivative the course starts backpropagation with: `dAL = -(Y / AL - (1 - Y) / (1 - AL))`,
 * exactly as `L_model_backward` writes it. It is `m` times `dJ/dAL` (per example): the `1/m`
 * comes in `linearBackward`. Not clipped, so the course's test cases give the course's numbers;
 * it is infinite or NaN where `AL` has saturated to 0 or 1, which
 * {@link binaryCrossEntropyWithLogitsBackward} avoids.
 *
 * @param AL - Predicted probabilities, `[1, m]`.
 * @param Y - Labels 0 or 1, `[1, m]`.
 * @returns `dAL`, a new tensor `[1, m]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { binaryCrossEntropyBackward } from '@dlkit/core';
 * const AL = tf.tensor2d([[0.8, 0.4]]);
 * const Y = tf.tensor2d([[1, 0]]);
 * const dAL = binaryCrossEntropyBackward(AL, Y);
 * dAL.print(); // [[-1.25, 1.6666666]]
 * tf.dispose([AL, Y, dAL]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function binaryCrossEntropyBackward(AL: tf.Tensor, Y: tf.Tensor): tf.Tensor {
  new ShapeChecker('binaryCrossEntropyBackward')
    .checkFloat('AL', AL, [1, 'm'])
    .checkFloat('Y', Y, [1, 'm']);
  return tf.tidy(() =>
    Y.div(AL)
      .sub(tf.scalar(1).sub(Y).div(tf.scalar(1).sub(AL)))
      .neg(),
  );
}

/**
 * Binary cross-entropy computed from the logits `Z` (before the sigmoid), stable for any `Z`:
 * `J = (1/m) sum(max(Z, 0) - Z Y + log(1 + exp(-|Z|)))`, which equals
 * `binaryCrossEntropy(sigmoid(Z), Y)` without ever forming `log(0)`.
 *
 * @param Z - Logits, `[1, m]`.
 * @param Y - Labels 0 or 1, `[1, m]`.
 * @returns The cost, a new scalar tensor.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { binaryCrossEntropyWithLogits } from '@dlkit/core';
 * const Z = tf.tensor2d([[200, -3]]);
 * const Y = tf.tensor2d([[0, 0]]);
 * const J = binaryCrossEntropyWithLogits(Z, Y);
 * J.print(); // 100.0243 (finite, where log(1 - sigmoid(200)) is -Infinity in float32)
 * tf.dispose([Z, Y, J]);
 * ```
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export function binaryCrossEntropyWithLogits(Z: tf.Tensor, Y: tf.Tensor): tf.Scalar {
  new ShapeChecker('binaryCrossEntropyWithLogits')
    .checkFloat('Z', Z, [1, 'm'])
    .checkFloat('Y', Y, [1, 'm']);
  return tf.tidy(() => {
    const m = Z.shape[1] as number;
    const loss = tf
      .relu(Z)
      .sub(Z.mul(Y))
      .add(tf.log1p(tf.exp(Z.abs().neg())));
    return loss.sum().div(m) as tf.Scalar;
  });
}

/**
 * The derivative of {@link binaryCrossEntropyWithLogits} per example: `dZ = sigmoid(Z) - Y`
 * (`m` times `dJ/dZ`, the course's `dZ = A - Y`).
 *
 * @param Z - Logits, `[1, m]`.
 * @param Y - Labels 0 or 1, `[1, m]`.
 * @returns `dZ`, a new tensor `[1, m]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { binaryCrossEntropyWithLogitsBackward } from '@dlkit/core';
 * const Z = tf.tensor2d([[0, 200]]);
 * const Y = tf.tensor2d([[1, 1]]);
 * const dZ = binaryCrossEntropyWithLogitsBackward(Z, Y);
 * dZ.print(); // [[-0.5, 0]]
 * tf.dispose([Z, Y, dZ]);
 * ```
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export function binaryCrossEntropyWithLogitsBackward(Z: tf.Tensor, Y: tf.Tensor): tf.Tensor {
  new ShapeChecker('binaryCrossEntropyWithLogitsBackward')
    .checkFloat('Z', Z, [1, 'm'])
    .checkFloat('Y', Y, [1, 'm']);
  return tf.tidy(() => tf.sigmoid(Z).sub(Y));
}
