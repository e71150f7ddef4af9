import * as tf from '@tensorflow/tfjs';
import { binaryCrossEntropy, type Gradients, type Parameters } from '@dlkit/core';
import {
  accuracyOf,
  checkCache,
  checkThreeLayer,
  threeLayerBackward,
  threeLayerForward,
  threeLayerPredictions,
  type ThreeLayerCache,
  type ThreeLayerForward,
} from './three-layer.js';
import { checkLabels } from './three-layer.js';
import { ShapeChecker } from '@dlkit/core';
import { checkTensor } from '../internal/checks.js';

/**
 * The course-2 notebooks' `forward_propagation(X, parameters)`: LINEAR → RELU → LINEAR → RELU →
 * LINEAR → SIGMOID.
 *
 * @param X - Inputs, `[nX, m]` (examples in columns), float32.
 * @param parameters - `{ W1, b1, W2, b2, W3, b3 }`: `W1` `[n1, nX]`, `b1` `[n1, 1]`, `W2`
 *   `[n2, n1]`, `b2` `[n2, 1]`, `W3` `[1, n2]`, `b3` `[1, 1]`. Not changed or disposed.
 * @returns `{ A3, cache }`: the output `[1, m]` and the notebook's cache (all new tensors; the
 *   caller disposes both).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initialization } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1], [0.5, 2]]);
 * const parameters = initialization.initializeParametersHe([2, 3, 2, 1]);
 * const { A3, cache } = initialization.forwardPropagation(X, parameters);
 * console.log(A3.shape); // [1, 2]
 * tf.dispose([X, parameters, A3, cache]);
 * ```
 *
 * @see the guide page `docs/optimizers/initialization.md`
 * @category C2 W1 · Initialization
 */
export function forwardPropagation(X: tf.Tensor, parameters: Parameters): ThreeLayerForward {
  checkThreeLayer('forwardPropagation', X, parameters);
  return threeLayerForward(X, parameters);
}

/**
 * The course-2 notebooks' `backward_propagation(X, Y, cache)` of the three-layer network (no
 * regularisation): `dZ3 = A3 - Y`, then back through the two ReLU layers.
 *
 * @param X - Inputs, `[nX, m]`.
 * @param Y - Labels 0/1, `[1, m]`, float32.
 * @param cache - The cache of {@link forwardPropagation}.
 * @returns `{ dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 }` (new tensors; each `dK`
 *   has the shape of `K`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initialization } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1], [0.5, 2]]);
 * const Y = tf.tensor2d([[1, 0]]);
 * const parameters = initialization.initializeParametersHe([2, 3, 2, 1]);
 * const { A3, cache } = initialization.forwardPropagation(X, parameters);
 * const grads = initialization.backwardPropagation(X, Y, cache);
 * console.log(grads.dW1!.shape); // [3, 2]
 * tf.dispose([X, Y, parameters, A3, cache, grads]);
 * ```
 *
 * @see the guide page `docs/optimizers/initialization.md`
 * @category C2 W1 · Initialization
 */
export function backwardPropagation(X: tf.Tensor, Y: tf.Tensor, cache: ThreeLayerCache): Gradients {
  checkCache('backwardPropagation', X, Y, cache);
  return threeLayerBackward(X, Y, cache);
}

/**
 * The course-2 notebooks' `compute_loss(a3, Y)` (`compute_cost` in the regularisation notebook):
 * the mean cross-entropy `-(1/m) Σ [y log a3 + (1 - y) log(1 - a3)]`, computed by core's
 * `binaryCrossEntropy` (which clips `a3` to `[1e-7, 1 - 1e-7]`, so a saturated output gives a
 * large finite cost where NumPy's `nansum` gives `inf`).
 *
 * @param a3 - Output probabilities, `[1, m]`.
 * @param Y - Labels 0/1, `[1, m]`.
 * @returns The cost, a number.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initialization } from '@dlkit/optimizers';
 * const a3 = tf.tensor2d([[0.8, 0.1]]);
 * const Y = tf.tensor2d([[1, 0]]);
 * console.log(initialization.computeLoss(a3, Y)); // 0.164252…
 * tf.dispose([a3, Y]);
 * ```
 *
 * @see the guide page `docs/optimizers/initialization.md`
 * @category C2 W1 · Initialization
 */
export function computeLoss(a3: tf.Tensor, Y: tf.Tensor): number {
  const fn = 'computeLoss';
  const shapes = new ShapeChecker(fn).check('a3', checkTensor(fn, 'a3', a3), [1, 'm']);
  checkLabels(fn, Y, shapes);
  return tf.tidy(() => binaryCrossEntropy(a3, Y).dataSync()[0] as number);
}

/**
 * What {@link predict} returns.
 *
 * @category C2 W1 · Initialization
 */
export type PredictResult = {
  /** `[1, m]`: 1 where `a3 > 0.5`, else 0 (float32). */
  p: tf.Tensor2D;
  /** The fraction of `p` equal to `y`, in [0, 1]. */
  accuracy: number;
};

/**
 * The course-2 notebooks' `predict(X, y, parameters)`: the three-layer network's predictions
 * (`1` where `a3 > 0.5`), plus the accuracy the notebook prints.
 *
 * @param X - Inputs, `[nX, m]`.
 * @param y - Labels 0/1, `[1, m]`.
 * @param parameters - `{ W1, b1, W2, b2, W3, b3 }` of the three-layer network.
 * @returns `{ p, accuracy }`: `p` `[1, m]` float32 0/1 (a new tensor) and the fraction of `p`
 *   equal to `y`, in [0, 1].
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initialization } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1], [0.5, 2]]);
 * const y = tf.tensor2d([[1, 0]]);
 * const parameters = initialization.initializeParametersHe([2, 3, 2, 1]);
 * const { p, accuracy } = initialization.predict(X, y, parameters);
 * console.log(p.shape, accuracy >= 0 && accuracy <= 1); // [1, 2] true
 * tf.dispose([X, y, parameters, p]);
 * ```
 *
 * @see the guide page `docs/optimizers/initialization.md`
 * @category C2 W1 · Initialization
 */
export function predict(X: tf.Tensor, y: tf.Tensor, parameters: Parameters): PredictResult {
  checkThreeLayer('predict', X, parameters, y);
  const p = threeLayerPredictions(X, parameters);
  return { p, accuracy: accuracyOf(p, y) };
}
