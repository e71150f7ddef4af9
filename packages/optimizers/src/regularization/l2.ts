import * as tf from '@tensorflow/tfjs';
import {
  ShapeChecker,
  assertNumber,
  binaryCrossEntropy,
  type Gradients,
  type Parameters,
} from '@dlkit/core';
import { checkDict, checkTensor } from '../internal/checks.js';
import {
  checkCache,
  checkLabels,
  threeLayerBackward,
  type ThreeLayerCache,
} from '../three-layer/three-layer.js';

/**
 * `J + (1/m)(λ/2) Σ_l ‖W[l]‖²` as a scalar tensor, unchecked.
 *
 * @internal
 */
export function regularizedCost(
  A3: tf.Tensor,
  Y: tf.Tensor,
  parameters: Parameters,
  lambd: number,
): tf.Scalar {
  return tf.tidy(() => {
    const m = Y.shape[1] as number;
    const squares = ['W1', 'W2', 'W3'].map((k) => tf.sum(tf.square(parameters[k] as tf.Tensor)));
    const l2 = tf.mul(tf.addN(squares), lambd / (2 * m));
    return tf.add(binaryCrossEntropy(A3, Y), l2);
  });
}

/**
 * The regularisation notebook's `compute_cost_with_regularization`: the cross-entropy plus the L2
 * term, `J = -(1/m) Σ [y log a3 + (1 - y) log(1 - a3)] + (1/m)(λ/2)(‖W1‖² + ‖W2‖² + ‖W3‖²)`.
 *
 * @param A3 - Output probabilities, `[1, m]`.
 * @param Y - Labels 0/1, `[1, m]`, float32.
 * @param parameters - `{ W1, b1, W2, b2, W3, b3 }` (only `W1`, `W2`, `W3` enter the L2 term).
 * @param lambd - `λ` (at least 0).
 * @returns The cost, a number.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { computeCostWithRegularization } from '@dlkit/optimizers';
 * const A3 = tf.tensor2d([[0.8, 0.1]]);
 * const Y = tf.tensor2d([[1, 0]]);
 * const parameters = { W1: tf.ones([2, 2]), W2: tf.ones([1, 2]), W3: tf.ones([1, 1]) };
 * console.log(computeCostWithRegularization(A3, Y, parameters, 0.1)); // 0.164252… + 0.175
 * tf.dispose([A3, Y, parameters]);
 * ```
 *
 * @see the guide page `docs/optimizers/regularization.md`
 * @category C2 W1 · Regularization
 */
export function computeCostWithRegularization(
  A3: tf.Tensor,
  Y: tf.Tensor,
  parameters: Parameters,
  lambd: number,
): number {
  const fn = 'computeCostWithRegularization';
  const shapes = new ShapeChecker(fn).check('A3', checkTensor(fn, 'A3', A3), [1, 'm']);
  checkLabels(fn, Y, shapes);
  const p = checkDict(fn, 'parameters', parameters);
  for (const k of ['W1', 'W2', 'W3']) {
    if (p[k] === undefined) checkTensor(fn, `parameters.${k}`, p[k]);
  }
  assertNumber(fn, 'lambd', lambd, { min: 0 });
  return tf.tidy(() => regularizedCost(A3, Y, p, lambd).dataSync()[0] as number);
}

/**
 * The regularisation notebook's `backward_propagation_with_regularization`: the three-layer
 * backward pass with the L2 term's gradient `(λ/m) W[l]` added to every `dW[l]`.
 *
 * @param X - Inputs, `[nX, m]`.
 * @param Y - Labels 0/1, `[1, m]`.
 * @param cache - The cache of the forward pass (`regularization.forwardPropagation`).
 * @param lambd - `λ` (at least 0).
 * @returns `{ dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 }` (new tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { backwardPropagationWithRegularization, regularization } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1], [0.5, 2]]);
 * const Y = tf.tensor2d([[1, 0]]);
 * const parameters = regularization.initializeParameters([2, 3, 2, 1]);
 * const { A3, cache } = regularization.forwardPropagation(X, parameters);
 * const grads = backwardPropagationWithRegularization(X, Y, cache, 0.7);
 * console.log(grads.dW3!.shape); // [1, 2]
 * tf.dispose([X, Y, parameters, A3, cache, grads]);
 * ```
 *
 * @see the guide page `docs/optimizers/regularization.md`
 * @category C2 W1 · Regularization
 */
export function backwardPropagationWithRegularization(
  X: tf.Tensor,
  Y: tf.Tensor,
  cache: ThreeLayerCache,
  lambd: number,
): Gradients {
  const fn = 'backwardPropagationWithRegularization';
  checkCache(fn, X, Y, cache);
  assertNumber(fn, 'lambd', lambd, { min: 0 });
  return threeLayerBackward(X, Y, cache, { lambd });
}
