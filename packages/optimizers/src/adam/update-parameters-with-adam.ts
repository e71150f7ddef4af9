import * as tf from '@tensorflow/tfjs';
import { assertNumber, updateParameters, type Gradients, type Parameters } from '@dlkit/core';
import { checkMatching } from '../internal/checks.js';

/**
 * What {@link updateParametersWithAdam} returns: the updated parameters, the updated moving
 * averages and their bias-corrected values, all new tensors the caller owns.
 *
 * @category C2 W2 · Adam
 */
export interface AdamUpdate {
  /** `{ W1, b1, … }` after the step. */
  parameters: Parameters;
  /** `{ dW1, db1, … }`: `v = β1 v + (1 - β1) dθ`. */
  v: Gradients;
  /** `{ dW1, db1, … }`: `s = β2 s + (1 - β2) dθ²`. */
  s: Gradients;
  /** `{ dW1, db1, … }`: `v / (1 - β1^t)`. */
  vCorrected: Gradients;
  /** `{ dW1, db1, … }`: `s / (1 - β2^t)`. */
  sCorrected: Gradients;
}

/**
 * One step of Adam, the course's `update_parameters_with_adam`: for every parameter `θ` (`W1`,
 * `b1`, …) with gradient `dθ`,
 * `v = β1 v + (1 - β1) dθ`, `s = β2 s + (1 - β2) dθ²`,
 * `vCorrected = v / (1 - β1^t)`, `sCorrected = s / (1 - β2^t)`,
 * `θ = θ - α vCorrected / (√sCorrected + ε)`.
 *
 * The last line is course 1's gradient-descent rule (`updateParameters` from `@dlkit/core`, which
 * does it) applied to the direction `vCorrected / (√sCorrected + ε)` instead of `dθ`. Unlike the
 * notebook, nothing is updated in place: the inputs are not changed or disposed, and every
 * returned tensor is new (dispose the old `parameters`, `v` and `s` when you move on).
 *
 * @param parameters - `{ W1, b1, …, WL, bL }` (course 2 layout: `W[l]` is `[n[l], n[l-1]]`,
 *   `b[l]` is `[n[l], 1]`; any keys and shapes work).
 * @param grads - `{ dW1, db1, … }`, each with its parameter's shape (extra keys are ignored).
 * @param v - `{ dW1, db1, … }`, the first moments (zeros from {@link initializeAdam} at t = 1).
 * @param s - `{ dW1, db1, … }`, the second moments.
 * @param t - The step being taken, counted from 1 (for the bias correction).
 * @param learningRate - `α`, greater than 0.
 * @param beta1 - `β1` in [0, 1), the first moment's decay.
 * @param beta2 - `β2` in [0, 1), the second moment's decay.
 * @param epsilon - `ε` (at least 0), added to `√sCorrected` so the division is safe.
 * @returns `{ parameters, v, s, vCorrected, sCorrected }` as in the notebook.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeAdam, updateParametersWithAdam } from '@dlkit/optimizers';
 * const parameters = { W1: tf.tensor2d([[1, 2]]), b1: tf.tensor2d([[0.5]]) };
 * const grads = { dW1: tf.tensor2d([[0.1, -0.2]]), db1: tf.tensor2d([[1]]) };
 * const { v, s } = initializeAdam(parameters);
 * const step = updateParametersWithAdam(parameters, grads, v, s, 1);
 * step.parameters.W1!.print(); // [[0.99, 2.01]]: the first step moves each entry by about α
 * tf.dispose([parameters, grads, v, s, step]);
 * ```
 *
 * @see the guide page `docs/optimizers/adam.md`
 * @category C2 W2 · Adam
 */
export function updateParametersWithAdam(
  parameters: Parameters,
  grads: Gradients,
  v: Gradients,
  s: Gradients,
  t: number,
  learningRate = 0.01,
  beta1 = 0.9,
  beta2 = 0.999,
  epsilon = 1e-8,
): AdamUpdate {
  return adamStep(
    'updateParametersWithAdam',
    parameters,
    grads,
    v,
    s,
    t,
    learningRate,
    beta1,
    beta2,
    epsilon,
  );
}

/**
 * Adam's step for {@link updateParametersWithAdam} and `updateParametersWithAdamw`: validates
 * (naming `fn`), then with `weightDecay > 0` shrinks every parameter by `1 - α λ` first
 * (decoupled weight decay), then takes the Adam step.
 *
 * @internal
 */
export function adamStep(
  fn: string,
  parameters: Parameters,
  grads: Gradients,
  v: Gradients,
  s: Gradients,
  t: number,
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
  weightDecay = 0,
): AdamUpdate {
  assertNumber(fn, 't', t, { min: 1, integer: true });
  assertNumber(fn, 'learningRate', learningRate, { min: 0, minExclusive: true });
  assertNumber(fn, 'beta1', beta1, { min: 0, max: 1, maxExclusive: true });
  assertNumber(fn, 'beta2', beta2, { min: 0, max: 1, maxExclusive: true });
  assertNumber(fn, 'epsilon', epsilon, { min: 0 });
  checkMatching(fn, parameters, [
    ['grads', grads],
    ['v', v],
    ['s', s],
  ]);
  const out: AdamUpdate = { parameters: {}, v: {}, s: {}, vCorrected: {}, sCorrected: {} };
  const direction: Gradients = {};
  const correction1 = 1 - beta1 ** t;
  const correction2 = 1 - beta2 ** t;
  try {
    tf.tidy(() => {
      for (const key of Object.keys(parameters)) {
        const d = `d${key}`;
        const g = grads[d] as tf.Tensor;
        const vNew = tf.add(tf.mul(v[d] as tf.Tensor, beta1), tf.mul(g, 1 - beta1));
        const sNew = tf.add(tf.mul(s[d] as tf.Tensor, beta2), tf.mul(tf.square(g), 1 - beta2));
        const vCorrected = tf.div(vNew, correction1);
        const sCorrected = tf.div(sNew, correction2);
        out.v[d] = tf.keep(vNew);
        out.s[d] = tf.keep(sNew);
        out.vCorrected[d] = tf.keep(vCorrected);
        out.sCorrected[d] = tf.keep(sCorrected);
        direction[d] = tf.keep(tf.div(vCorrected, tf.add(tf.sqrt(sCorrected), epsilon)));
      }
    });
    const start =
      weightDecay === 0
        ? parameters
        : tf.tidy(() =>
            Object.fromEntries(
              Object.entries(parameters).map(([k, p]) => [
                k,
                tf.mul(p, 1 - learningRate * weightDecay),
              ]),
            ),
          );
    out.parameters = updateParameters(start, direction, learningRate, fn);
    if (start !== parameters) tf.dispose(start);
  } finally {
    tf.dispose(direction);
  }
  return out;
}
