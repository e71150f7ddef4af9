import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  GRADCHECK_EPSILON,
  assertNumber,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  gradientCheck as coreGradientCheck,
  type Gradients,
  type Parameters,
} from '@dlkit/core';
import { checkMatching, checkOptions } from '../internal/checks.js';
import {
  checkCache,
  checkThreeLayer,
  threeLayerBackward,
  threeLayerForward,
  type ThreeLayerCache,
} from '../three-layer/three-layer.js';

/**
 * What {@link forwardPropagationN} returns: the notebook's `(cost, cache)`.
 *
 * @category C2 W1 · Gradient checking
 */
export type ForwardPropagationNResult = {
  /** The mean cross-entropy. */
  cost: number;
  /** The three-layer cache (new tensors). */
  cache: ThreeLayerCache;
};

/**
 * The gradient-checking notebook's `forward_propagation_n(X, Y, parameters)`: the three-layer
 * network's forward pass and its mean cross-entropy cost.
 *
 * @param X - Inputs, `[nX, m]`, float32.
 * @param Y - Labels 0/1, `[1, m]`, float32.
 * @param parameters - `{ W1, b1, W2, b2, W3, b3 }` (`W1` `[n1, nX]` … `W3` `[1, n2]`).
 * @returns `{ cost, cache }`: the cost (a number) and the notebook's cache (new tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { gradientChecking, regularization } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1, 2], [0.5, 2, 0]]);
 * const Y = tf.tensor2d([[1, 0, 1]]);
 * const parameters = regularization.initializeParameters([2, 4, 3, 1]);
 * const { cost, cache } = gradientChecking.forwardPropagationN(X, Y, parameters);
 * console.log(cost > 0); // true
 * tf.dispose([X, Y, parameters, cache]);
 * ```
 *
 * @see the guide page `docs/optimizers/gradient-checking.md`
 * @category C2 W1 · Gradient checking
 */
export function forwardPropagationN(
  X: tf.Tensor,
  Y: tf.Tensor,
  parameters: Parameters,
): ForwardPropagationNResult {
  checkThreeLayer('forwardPropagationN', X, parameters, Y);
  const { A3, cache } = threeLayerForward(X, parameters);
  const cost = tf.tidy(() => binaryCrossEntropy(A3, Y).dataSync()[0] as number);
  A3.dispose();
  return { cost, cache };
}

/**
 * Options of {@link backwardPropagationN}.
 *
 * @category C2 W1 · Gradient checking
 */
export interface BackwardPropagationNOptions {
  /**
   * Reproduce the notebook's deliberate bugs (`dW2` doubled, `db1` times 4) so that
   * {@link gradientCheckN} has something to find. Default `false`: the correct gradients.
   */
  bugs?: boolean;
}

/**
 * The gradient-checking notebook's `backward_propagation_n(X, Y, cache)`: the three-layer backward
 * pass, correct by default, or with the notebook's two deliberate bugs (`bugs: true`).
 *
 * @param X - Inputs, `[nX, m]`.
 * @param Y - Labels 0/1, `[1, m]`.
 * @param cache - The cache of {@link forwardPropagationN}.
 * @param options - `bugs` (default `false`).
 * @returns `{ dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 }` (new tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { gradientChecking, regularization } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1, 2], [0.5, 2, 0]]);
 * const Y = tf.tensor2d([[1, 0, 1]]);
 * const parameters = regularization.initializeParameters([2, 4, 3, 1]);
 * const { cache } = gradientChecking.forwardPropagationN(X, Y, parameters);
 * const grads = gradientChecking.backwardPropagationN(X, Y, cache, { bugs: true });
 * console.log(grads.dW2!.shape); // [3, 4]
 * tf.dispose([X, Y, parameters, cache, grads]);
 * ```
 *
 * @see the guide page `docs/optimizers/gradient-checking.md`
 * @category C2 W1 · Gradient checking
 */
export function backwardPropagationN(
  X: tf.Tensor,
  Y: tf.Tensor,
  cache: ThreeLayerCache,
  options: BackwardPropagationNOptions = {},
): Gradients {
  const fn = 'backwardPropagationN';
  checkCache(fn, X, Y, cache);
  const { bugs = false } = checkOptions<BackwardPropagationNOptions>(fn, options, ['bugs']);
  if (typeof bugs !== 'boolean') {
    throw new DlkitError('value', fn, `options.bugs must be a boolean, got ${typeof bugs}`, {
      argument: 'options',
    });
  }
  return threeLayerBackward(X, Y, cache, { bugs });
}

/**
 * The gradient-checking notebook's `gradient_check_n(parameters, gradients, X, Y, epsilon)`:
 * flattens `W1, b1, W2, b2, W3, b3`, perturbs every entry by `±ε`, and compares the two-sided
 * differences of the three-layer network's cost with `gradients`, returning
 * `‖grad - gradapprox‖ / (‖grad‖ + ‖gradapprox‖)`. Runs on core's `gradientCheck`.
 *
 * Float32, not the notebook's float64: `ε` defaults to core's `GRADCHECK_EPSILON` (`1e-3`; the
 * notebook's `1e-7` is below float32's resolution next to a weight of 1) and a difference above
 * core's `GRADCHECK_THRESHOLD` (`5e-2`) means a bug, not the notebook's `2e-7`: correct gradients
 * measure `1e-5 … 1.5e-2` in float32, the notebook's two bugs about `0.2 … 0.4`. The cost is
 * computed from the logits `Z3` (the same function as the notebook's, with less float32 noise
 * near a saturated output).
 *
 * @param parameters - `{ W1, b1, W2, b2, W3, b3 }` at which to check (not changed).
 * @param gradients - `{ dW1, db1, … }` from {@link backwardPropagationN} (other keys ignored).
 * @param X - Inputs, `[nX, m]`.
 * @param Y - Labels 0/1, `[1, m]`.
 * @param epsilon - The step `ε` (default `GRADCHECK_EPSILON` = `1e-3`).
 * @returns The relative difference (compare with `GRADCHECK_THRESHOLD` from `@dlkit/core`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { gradientCheckN, gradientChecking, regularization } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1, 2], [0.5, 2, 0]]);
 * const Y = tf.tensor2d([[1, 0, 1]]);
 * const parameters = regularization.initializeParameters([2, 4, 3, 1]);
 * const { cache } = gradientChecking.forwardPropagationN(X, Y, parameters);
 * const right = gradientChecking.backwardPropagationN(X, Y, cache);
 * const buggy = gradientChecking.backwardPropagationN(X, Y, cache, { bugs: true });
 * console.log(gradientCheckN(parameters, right, X, Y) < 5e-2); // true
 * console.log(gradientCheckN(parameters, buggy, X, Y) > 5e-2); // true
 * tf.dispose([X, Y, parameters, cache, right, buggy]);
 * ```
 *
 * @see the guide page `docs/optimizers/gradient-checking.md`
 * @category C2 W1 · Gradient checking
 */
export function gradientCheckN(
  parameters: Parameters,
  gradients: Gradients,
  X: tf.Tensor,
  Y: tf.Tensor,
  epsilon: number = GRADCHECK_EPSILON,
): number {
  const fn = 'gradientCheckN';
  const p = checkThreeLayer(fn, X, parameters, Y);
  checkMatching(fn, p, [['gradients', gradients]]);
  assertNumber(fn, 'epsilon', epsilon, { min: 0, minExclusive: true, max: 1 });
  const cost = (q: Parameters): tf.Scalar =>
    tf.tidy(() => {
      const { A3, cache } = threeLayerForward(X, q);
      A3.dispose();
      return binaryCrossEntropyWithLogits(cache.Z3, Y);
    });
  return coreGradientCheck(p, gradients, cost, {
    epsilon,
    keys: ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'],
  }).difference;
}
