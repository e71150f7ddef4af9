import * as tf from '@tensorflow/tfjs';
import { updateParameters, type Gradients, type Parameters } from '@dlkit/core';
import { checkBeta, checkLearningRate, checkMatching } from '../internal/checks.js';

/**
 * What {@link updateParametersWithMomentum} returns: the notebook's `(parameters, v)`.
 *
 * @category C2 W2 · Momentum
 */
export type MomentumUpdate = {
  /** `{ W1, b1, … }` after the step (new tensors). */
  parameters: Parameters;
  /** `{ dW1, db1, … }`: `v = β v + (1 - β) dθ` (new tensors). */
  v: Gradients;
};

/**
 * One step of gradient descent with momentum, the optimisation notebook's
 * `update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)`: for every
 * parameter `θ` with gradient `dθ`, `v = β v + (1 - β) dθ` and `θ = θ - α v` (the course's
 * exponentially weighted average; PyTorch's SGD accumulates `v = β v + dθ` instead).
 *
 * The last line is core's `updateParameters` applied to `v`. Nothing is updated in place: the
 * inputs are not changed or disposed and every returned tensor is new.
 *
 * @param parameters - `{ W1, b1, …, WL, bL }` (any keys and shapes).
 * @param grads - `{ dW1, db1, … }`, each with its parameter's shape (extra keys are ignored).
 * @param v - `{ dW1, db1, … }`, the velocities (zeros from {@link initializeVelocity} at first).
 * @param beta - `β` in [0, 1) (0 is plain gradient descent; the course uses 0.9).
 * @param learningRate - `α`, greater than 0.
 * @returns `{ parameters, v }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeVelocity, updateParametersWithMomentum } from '@dlkit/optimizers';
 * const parameters = { W1: tf.tensor2d([[1, 2]]), b1: tf.tensor2d([[0.5]]) };
 * const grads = { dW1: tf.tensor2d([[1, -2]]), db1: tf.tensor2d([[1]]) };
 * const v0 = initializeVelocity(parameters);
 * const step = updateParametersWithMomentum(parameters, grads, v0, 0.9, 0.1);
 * step.v.dW1!.print(); // [[0.1, -0.2]]
 * step.parameters.W1!.print(); // [[0.99, 2.02]]
 * tf.dispose([parameters, grads, v0, step]);
 * ```
 *
 * @see the guide page `docs/optimizers/momentum.md`
 * @category C2 W2 · Momentum
 */
export function updateParametersWithMomentum(
  parameters: Parameters,
  grads: Gradients,
  v: Gradients,
  beta: number,
  learningRate: number,
): MomentumUpdate {
  const fn = 'updateParametersWithMomentum';
  const p = checkMatching(fn, parameters, [
    ['grads', grads],
    ['v', v],
  ]);
  checkBeta(fn, 'beta', beta);
  checkLearningRate(fn, learningRate);
  const vNew: Gradients = tf.tidy(() =>
    Object.fromEntries(
      Object.keys(p).map((k) => {
        const d = `d${k}`;
        return [
          d,
          tf.add(tf.mul(v[d] as tf.Tensor, beta), tf.mul(grads[d] as tf.Tensor, 1 - beta)),
        ];
      }),
    ),
  );
  return { parameters: updateParameters(p, vNew, learningRate, fn), v: vNew };
}
