import * as tf from '@tensorflow/tfjs';
import { assertNumber, updateParameters, type Gradients, type Parameters } from '@dlkit/core';
import { checkBeta, checkLearningRate, checkMatching } from '../internal/checks.js';

/**
 * What {@link updateParametersWithRmsprop} returns: `(parameters, s)`.
 *
 * @category C2 W2 · RMSprop
 */
export type RmspropUpdate = {
  /** `{ W1, b1, … }` after the step (new tensors). */
  parameters: Parameters;
  /** `{ dW1, db1, … }`: `s = β s + (1 - β) dθ²` (new tensors). */
  s: Gradients;
};

/**
 * One step of RMSprop as the lecture writes it: for every parameter `θ` with gradient `dθ`,
 * `s = β s + (1 - β) dθ²` and `θ = θ - α dθ / (√s + ε)` (the same as `torch.optim.RMSprop` with
 * `alpha = β`). The last line is core's `updateParameters` applied to `dθ / (√s + ε)`. The inputs
 * are not changed or disposed; every returned tensor is new.
 *
 * @param parameters - `{ W1, b1, …, WL, bL }` (any keys and shapes).
 * @param grads - `{ dW1, db1, … }`, each with its parameter's shape (extra keys are ignored).
 * @param s - `{ dW1, db1, … }`, the averages of the squared gradients (zeros at first, from
 *   {@link initializeRmsprop}).
 * @param beta - `β` in [0, 1) (the lecture's `β2`; 0.999 is common, PyTorch's default is 0.99).
 * @param learningRate - `α`, greater than 0.
 * @param epsilon - `ε` (at least 0; default `1e-8`), added to `√s`.
 * @returns `{ parameters, s }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeRmsprop, updateParametersWithRmsprop } from '@dlkit/optimizers';
 * const parameters = { W1: tf.tensor2d([[1, 2]]) };
 * const grads = { dW1: tf.tensor2d([[0.5, -4]]) };
 * const s0 = initializeRmsprop(parameters);
 * const step = updateParametersWithRmsprop(parameters, grads, s0, 0.9, 0.01);
 * step.parameters.W1!.print(); // [[0.9683772, 2.0316229]]: each entry moves by α / √(1 - β)
 * tf.dispose([parameters, grads, s0, step]);
 * ```
 *
 * @see the guide page `docs/optimizers/rmsprop.md`
 * @category C2 W2 · RMSprop
 */
export function updateParametersWithRmsprop(
  parameters: Parameters,
  grads: Gradients,
  s: Gradients,
  beta: number,
  learningRate: number,
  epsilon = 1e-8,
): RmspropUpdate {
  const fn = 'updateParametersWithRmsprop';
  const p = checkMatching(fn, parameters, [
    ['grads', grads],
    ['s', s],
  ]);
  checkBeta(fn, 'beta', beta);
  checkLearningRate(fn, learningRate);
  assertNumber(fn, 'epsilon', epsilon, { min: 0 });
  const sNew: Gradients = {};
  const direction: Gradients = {};
  try {
    tf.tidy(() => {
      for (const k of Object.keys(p)) {
        const d = `d${k}`;
        const g = grads[d] as tf.Tensor;
        const sk = tf.add(tf.mul(s[d] as tf.Tensor, beta), tf.mul(tf.square(g), 1 - beta));
        sNew[d] = tf.keep(sk);
        direction[d] = tf.keep(tf.div(g, tf.add(tf.sqrt(sk), epsilon)));
      }
    });
    return { parameters: updateParameters(p, direction, learningRate, fn), s: sNew };
  } finally {
    tf.dispose(direction);
  }
}
