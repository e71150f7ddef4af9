import type { Gradients, Parameters } from '@dlkit/core';
import { zerosKeyedLikeGradients } from '../momentum/initialize-velocity.js';

/**
 * RMSprop's zero state, in the shape of the notebook's `initialize_velocity` and
 * `initialize_adam`: `s` with a zero tensor per parameter, keyed `dW1`, `db1`, ….
 *
 * @param parameters - `{ W1, b1, …, WL, bL }` (any keys and shapes). Not changed or disposed.
 * @returns `s`: `{ dW1, db1, … }`, new zero tensors the caller owns.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeRmsprop } from '@dlkit/optimizers';
 * const parameters = { W1: tf.ones([2, 3]), b1: tf.ones([2, 1]) };
 * const s = initializeRmsprop(parameters);
 * console.log(Object.keys(s)); // [ 'dW1', 'db1' ]
 * tf.dispose([parameters, s]);
 * ```
 *
 * @see the guide page `docs/optimizers/rmsprop.md`
 * @category C2 W2 · RMSprop
 */
export function initializeRmsprop(parameters: Parameters): Gradients {
  return zerosKeyedLikeGradients('initializeRmsprop', parameters);
}
