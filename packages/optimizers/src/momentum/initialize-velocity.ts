import * as tf from '@tensorflow/tfjs';
import type { Gradients, Parameters } from '@dlkit/core';
import { checkDict } from '../internal/checks.js';

/**
 * The optimisation notebook's `initialize_velocity(parameters)`: a zero velocity for every
 * parameter, keyed like the gradients (`dW1`, `db1`, …) and shaped like the parameters.
 *
 * @param parameters - `{ W1, b1, …, WL, bL }` (`W[l]` `[n[l], n[l-1]]`, `b[l]` `[n[l], 1]`; any
 *   keys and shapes work). Not changed or disposed.
 * @returns `v`: `{ dW1, db1, … }`, new zero tensors the caller owns.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeVelocity } from '@dlkit/optimizers';
 * const parameters = { W1: tf.ones([2, 3]), b1: tf.ones([2, 1]) };
 * const v = initializeVelocity(parameters);
 * console.log(Object.keys(v), v.dW1!.shape); // [ 'dW1', 'db1' ] [ 2, 3 ]
 * tf.dispose([parameters, v]);
 * ```
 *
 * @see the guide page `docs/optimizers/momentum.md`
 * @category C2 W2 · Momentum
 */
export function initializeVelocity(parameters: Parameters): Gradients {
  return zerosKeyedLikeGradients('initializeVelocity', parameters);
}

/**
 * `{ dK: zeros like K }` for every parameter `K`, checked.
 *
 * @internal
 */
export function zerosKeyedLikeGradients(fn: string, parameters: unknown): Gradients {
  const p = checkDict(fn, 'parameters', parameters);
  return Object.fromEntries(Object.entries(p).map(([k, t]) => [`d${k}`, tf.zerosLike(t)]));
}
