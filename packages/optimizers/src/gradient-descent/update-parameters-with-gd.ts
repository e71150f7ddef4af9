import {
  DlkitError,
  assertNumber,
  updateParameters,
  type Gradients,
  type Parameters,
} from '@dlkit/core';

/**
 * One step of (batch or mini-batch) gradient descent, the course's
 * `update_parameters_with_gd` (the same rule as course 1's `updateParameters` from `@dlkit/core`,
 * which does the work): `W[l] = W[l] - α dW[l]` and `b[l] = b[l] - α db[l]` for every
 * entry of the dictionary.
 *
 * The inputs are not changed or disposed: the result is a new dictionary of new tensors, which
 * the caller owns (dispose the old parameters when they are no longer needed).
 *
 * @param parameters - `{ W1, b1, …, WL, bL }`, any shapes.
 * @param grads - `{ dW1, db1, … }`, one gradient per parameter with the parameter's shape.
 * @param learningRate - The step size α, greater than 0.
 * @returns The updated parameters, same keys and shapes.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { updateParametersWithGd } from '@dlkit/optimizers';
 * const parameters = { W1: tf.tensor2d([[1, 2]]), b1: tf.tensor2d([[0.5]]) };
 * const grads = { dW1: tf.tensor2d([[0.1, -0.2]]), db1: tf.tensor2d([[1]]) };
 * const updated = updateParametersWithGd(parameters, grads, 0.1);
 * updated.W1!.print(); // [[0.99, 2.02]]
 * tf.dispose([parameters, grads, updated]);
 * ```
 *
 * @category C2 W2 · Optimization algorithms
 */
export function updateParametersWithGd(
  parameters: Parameters,
  grads: Gradients,
  learningRate: number,
): Parameters {
  const fn = 'updateParametersWithGd';
  assertNumber(fn, 'learningRate', learningRate, { min: 0, minExclusive: true });
  if (Object.keys(parameters).length === 0) {
    throw new DlkitError('value', fn, 'parameters is empty', { argument: 'parameters' });
  }
  return updateParameters(parameters, grads, learningRate, fn);
}
