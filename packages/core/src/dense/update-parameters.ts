import * as tf from '@tensorflow/tfjs';
import { assertString, assertTensorRecord } from '../tensor/arguments.js';
import { DlkitError } from '../tensor/errors.js';
import type { Gradients, Parameters } from '../tensor/parameters.js';
import { assertShape } from '../tensor/shapes.js';
import { assertNumber } from '../tensor/values.js';

/**
 * One step of gradient descent on a parameter dictionary: `θ = θ - α dθ` for every `W1, b1, …`
 * (the course's `update_parameters`, shared by the shallow and the deep networks).
 *
 * @param parameters - `{ W1, b1, …, WL, bL }` (any keys; each needs `d` + key in `grads`).
 * @param grads - `{ dW1, db1, … }`, each with its parameter's shape (extra keys such as `dA1`
 *   are ignored).
 * @param learningRate - `α`; the course's week-3 default is 1.2.
 * @param caller - The public function that errors name (for wrappers such as course 2's
 *   `updateParametersWithGd`); `updateParameters` by default.
 * @returns A new dictionary of new tensors; the inputs are not disposed.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { updateParameters } from '@dlkit/core';
 * const parameters = { W1: tf.tensor2d([[1, 2]]), b1: tf.tensor2d([[0]]) };
 * const grads = { dW1: tf.tensor2d([[10, 10]]), db1: tf.tensor2d([[1]]) };
 * const next = updateParameters(parameters, grads, 0.1);
 * next['W1']!.print(); // [[0, 1]]
 * tf.dispose([...Object.values(parameters), ...Object.values(grads), ...Object.values(next)]);
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function updateParameters(
  parameters: Parameters,
  grads: Gradients,
  learningRate = 1.2,
  caller = 'updateParameters',
): Parameters {
  const fn = assertString('updateParameters', 'caller', caller);
  assertTensorRecord(fn, 'parameters', parameters);
  assertTensorRecord(fn, 'grads', grads);
  assertNumber(fn, 'learningRate', learningRate, { min: 0 });
  for (const [key, value] of Object.entries(parameters)) {
    const g = grads[`d${key}`];
    if (g === undefined) {
      throw new DlkitError('value', fn, `grads has no d${key} for parameter ${key}`, {
        argument: 'grads',
      });
    }
    assertShape(fn, `grads.d${key}`, g, value.shape);
  }
  return tf.tidy(() => {
    const out: Parameters = {};
    for (const [key, value] of Object.entries(parameters)) {
      out[key] = value.sub((grads[`d${key}`] as tf.Tensor).mul(learningRate));
    }
    return out;
  });
}
