import * as tf from '@tensorflow/tfjs';
import { ShapeChecker, binaryCrossEntropy } from '@dlkit/core';
import { checkTensor } from '../internal/checks.js';
import { checkLabels } from '../three-layer/three-layer.js';

/**
 * The optimisation notebook's `compute_cost(a3, Y)` (`opt_utils`): the cross-entropy **summed**
 * over the mini-batch, `-Σ [y log a3 + (1 - y) log(1 - a3)]`; its model divides the epoch's total
 * by `m`. Computed as `m` times core's `binaryCrossEntropy` (which clips `a3` to `[1e-7, 1 - 1e-7]`).
 *
 * @param a3 - Output probabilities, `[1, m]`.
 * @param Y - Labels 0/1, `[1, m]`.
 * @returns The summed cost, a number.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { optimization } from '@dlkit/optimizers';
 * const a3 = tf.tensor2d([[0.8, 0.1]]);
 * const Y = tf.tensor2d([[1, 0]]);
 * console.log(optimization.computeCost(a3, Y)); // 0.328504…: -ln 0.8 - ln 0.9
 * tf.dispose([a3, Y]);
 * ```
 *
 * @see the guide page `docs/optimizers/minibatch.md`
 * @category C2 W2 · Optimization algorithms
 */
export function computeCost(a3: tf.Tensor, Y: tf.Tensor): number {
  const fn = 'computeCost';
  const shapes = new ShapeChecker(fn).check('a3', checkTensor(fn, 'a3', a3), [1, 'm']);
  checkLabels(fn, Y, shapes);
  return tf.tidy(() => summedCost(a3, Y).dataSync()[0] as number);
}

/**
 * The summed cross-entropy as a scalar tensor, unchecked.
 *
 * @internal
 */
export function summedCost(a3: tf.Tensor, Y: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mul(binaryCrossEntropy(a3, Y), Y.shape[1] as number));
}
