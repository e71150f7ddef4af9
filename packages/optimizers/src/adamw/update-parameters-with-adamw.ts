import { assertNumber, type Gradients, type Parameters } from '@dlkit/core';
import { adamStep, type AdamUpdate } from '../adam/update-parameters-with-adam.js';

/**
 * One step of AdamW (Loshchilov & Hutter's decoupled weight decay, as `torch.optim.AdamW`): every
 * parameter first shrinks, `θ = θ - α λ θ`, then takes the course's Adam step
 * (`updateParametersWithAdam`) with the unchanged gradient. Unlike L2 in the cost, the decay does
 * not pass through Adam's moments, so it is not rescaled by `1 / √s`.
 *
 * Same arguments as `updateParametersWithAdam`, plus `weightDecay` last. The inputs are not changed
 * or disposed; every returned tensor is new.
 *
 * @param parameters - `{ W1, b1, …, WL, bL }` (any keys and shapes).
 * @param grads - `{ dW1, db1, … }`, each with its parameter's shape (extra keys are ignored).
 * @param v - `{ dW1, db1, … }`, the first moments (zeros from `initializeAdam` at t = 1).
 * @param s - `{ dW1, db1, … }`, the second moments.
 * @param t - The step being taken, counted from 1.
 * @param learningRate - `α`, greater than 0 (default 0.01).
 * @param beta1 - `β1` in [0, 1) (default 0.9).
 * @param beta2 - `β2` in [0, 1) (default 0.999).
 * @param epsilon - `ε` (at least 0; default `1e-8`).
 * @param weightDecay - `λ` (at least 0; default 0.01, PyTorch's); `α λ` must stay below 1.
 * @returns `{ parameters, v, s, vCorrected, sCorrected }` as `updateParametersWithAdam`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeAdam, updateParametersWithAdamw } from '@dlkit/optimizers';
 * const parameters = { W1: tf.tensor2d([[1, 2]]) };
 * const grads = { dW1: tf.tensor2d([[0, 0]]) };
 * const { v, s } = initializeAdam(parameters);
 * const step = updateParametersWithAdamw(parameters, grads, v, s, 1, 0.1, 0.9, 0.999, 1e-8, 0.5);
 * step.parameters.W1!.print(); // [[0.95, 1.9]]: a zero gradient, only the decay 1 - 0.1 · 0.5
 * tf.dispose([parameters, grads, v, s, step]);
 * ```
 *
 * @see the guide page `docs/optimizers/adam.md`
 * @category C2 W2 · Adam
 */
export function updateParametersWithAdamw(
  parameters: Parameters,
  grads: Gradients,
  v: Gradients,
  s: Gradients,
  t: number,
  learningRate = 0.01,
  beta1 = 0.9,
  beta2 = 0.999,
  epsilon = 1e-8,
  weightDecay = 0.01,
): AdamUpdate {
  const fn = 'updateParametersWithAdamw';
  assertNumber(fn, 'weightDecay', weightDecay, { min: 0 });
  if (typeof learningRate === 'number' && learningRate * weightDecay >= 1) {
    assertNumber(fn, 'weightDecay', weightDecay, {
      min: 0,
      max: 1 / learningRate,
      maxExclusive: true,
    });
  }
  return adamStep(fn, parameters, grads, v, s, t, learningRate, beta1, beta2, epsilon, weightDecay);
}
