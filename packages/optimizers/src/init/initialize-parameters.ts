import { initializeHe, initializeRandom, initializeZeros, type Parameters } from '@dlkit/core';
import { checkLayersDims } from '../internal/checks.js';

/**
 * The initialisation notebook's `initialize_parameters_zeros`: every `W[l]` and `b[l]` zero, which
 * never breaks symmetry (every unit of a layer learns the same function). Delegates to core's
 * `initializeZeros`.
 *
 * @param layersDims - `[nX, n1, …, nL]`, the size of each layer, input first.
 * @returns `{ W1, b1, …, WL, bL }`: `W[l]` is `[n[l], n[l-1]]`, `b[l]` is `[n[l], 1]`; new tensors
 *   the caller owns.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeParametersZeros } from '@dlkit/optimizers';
 * const parameters = initializeParametersZeros([3, 2, 1]);
 * parameters.W1!.print(); // [[0, 0, 0], [0, 0, 0]]
 * tf.dispose(parameters);
 * ```
 *
 * @see the guide page `docs/optimizers/initialization.md`
 * @category C2 W1 · Initialization
 */
export function initializeParametersZeros(layersDims: readonly number[]): Parameters {
  return initializeZeros(checkLayersDims('initializeParametersZeros', layersDims));
}

/**
 * The initialisation notebook's `initialize_parameters_random`: `W[l] = randn(n[l], n[l-1]) × 10`
 * after `np.random.seed(3)`, `b[l] = 0`; weights this large saturate the sigmoid output and
 * training starts with a huge cost. Delegates to core's `initializeRandom` (scale 10, seed 3).
 *
 * @param layersDims - `[nX, n1, …, nL]`.
 * @returns `{ W1, b1, …, WL, bL }` with the notebook's values; new tensors the caller owns.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeParametersRandom } from '@dlkit/optimizers';
 * const parameters = initializeParametersRandom([3, 2, 1]);
 * parameters.W1!.print(); // [[17.8862839, 4.3650985, 0.9649747], [-18.634922, -2.773882, -3.5475898]]
 * tf.dispose(parameters);
 * ```
 *
 * @see the guide page `docs/optimizers/initialization.md`
 * @category C2 W1 · Initialization
 */
export function initializeParametersRandom(layersDims: readonly number[]): Parameters {
  return initializeRandom(checkLayersDims('initializeParametersRandom', layersDims), {
    seed: 3,
    scale: 10,
  });
}

/**
 * The initialisation notebook's `initialize_parameters_he`:
 * `W[l] = randn(n[l], n[l-1]) × √(2 / n[l-1])` after `np.random.seed(3)`, `b[l] = 0`, the scale that keeps ReLU activations'
 * variance steady. Delegates to core's `initializeHe` (seed 3).
 *
 * @param layersDims - `[nX, n1, …, nL]`.
 * @returns `{ W1, b1, …, WL, bL }` with the notebook's values; new tensors the caller owns.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeParametersHe } from '@dlkit/optimizers';
 * const parameters = initializeParametersHe([2, 4, 1]);
 * parameters.W1!.print(); // [[1.7886285, 0.4365099], [0.0964975, -1.8634927], …]
 * tf.dispose(parameters);
 * ```
 *
 * @see the guide page `docs/optimizers/initialization.md`
 * @category C2 W1 · Initialization
 */
export function initializeParametersHe(layersDims: readonly number[]): Parameters {
  return initializeHe(checkLayersDims('initializeParametersHe', layersDims), { seed: 3 });
}
