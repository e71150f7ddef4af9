import { initializeXavier, type Parameters } from '@dlkit/core';
import { checkLayersDims } from '../internal/checks.js';

/**
 * The regularisation notebook's `initialize_parameters` (`reg_utils`):
 * `W[l] = randn(n[l], n[l-1]) / √n[l-1]` after `np.random.seed(3)`, `b[l] = 0`. Delegates to core's
 * `initializeXavier` (fan-in variant, seed 3).
 *
 * @param layerDims - `[nX, n1, …, nL]`.
 * @returns `{ W1, b1, …, WL, bL }`: `W[l]` `[n[l], n[l-1]]`, `b[l]` `[n[l], 1]` (new tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { regularization } from '@dlkit/optimizers';
 * const parameters = regularization.initializeParameters([2, 20, 3, 1]);
 * console.log(parameters.W2!.shape); // [3, 20]
 * tf.dispose(parameters);
 * ```
 *
 * @see the guide page `docs/optimizers/regularization.md`
 * @category C2 W1 · Regularization
 */
export function initializeParameters(layerDims: readonly number[]): Parameters {
  return initializeXavier(checkLayersDims('initializeParameters', layerDims, 'layerDims'), {
    seed: 3,
    variant: 'fanIn',
  });
}
