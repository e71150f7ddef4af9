import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller, assertNumber } from '@dlkit/core';
import { clip } from './clip.js';
import { checkParameters, type CharGradients, type CharParameters } from './parameters.js';
import { backward } from './rnn-backward.js';
import { checkIndices, forward } from './rnn-forward.js';
import { updateParameters } from './update-parameters.js';

/**
 * What {@link optimize} returns: the notebook's `(loss, gradients, a[len(X)-1])`, and the updated
 * parameters (the notebook updates its dictionary in place).
 *
 * @category C5 W1 · Character-level language model
 */
export interface OptimizeResult {
  /** The name's cross-entropy before the update (a number). */
  loss: number;
  /** The clipped gradients `{ dWax, dWaa, dWya, db, dby }` (new tensors). */
  gradients: CharGradients;
  /** The last hidden state `a⟨T−1⟩`, `[nA, 1]`: the next name's `aPrev` (new). */
  aLast: tf.Tensor;
  /** The parameters after the step (new tensors; the given ones are left alone). */
  parameters: CharParameters;
}

/**
 * The notebook's `optimize`: one step of training on one name: forward through time
 * (`rnnForward`), backpropagation through time (`rnnBackward`), gradient clipping to
 * `[-5, 5]` (`clip`), and the gradient-descent update (`updateParameters`).
 *
 * @param X - Input indices, `[null, …]` (the name's characters after a `null` start).
 * @param Y - Target indices, `X` shifted left with `'\n'`'s index at the end.
 * @param aPrev - The hidden state carried over from the previous name, `[nA, 1]`.
 * @param parameters - `{ Wax [nA, nX], Waa [nA, nA], Wya [nY, nA], b [nA, 1], by [nY, 1] }`.
 * @param learningRate - `α` (default 0.01, the notebook's).
 * @returns `{ loss, gradients, aLast, parameters }`; the tensors are new and the caller's.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { optimize } from '@dlkit/sequence';
 * const rng = new RandomState(1); // the notebook's optimize_test
 * const aPrev = rng.randn(100, 1);
 * const parameters = {
 *   Wax: rng.randn(100, 27), Waa: rng.randn(100, 100), Wya: rng.randn(27, 100),
 *   b: rng.randn(100, 1), by: rng.randn(27, 1),
 * };
 * const result = optimize([12, 3, 5, 11, 22, 3], [4, 14, 11, 22, 25, 26], aPrev, parameters, 0.01);
 * console.log(result.loss.toFixed(2)); // 126.50
 * tf.dispose([aPrev, ...Object.values(parameters), result.aLast]);
 * tf.dispose([...Object.values(result.gradients), ...Object.values(result.parameters)]);
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function optimize(
  X: readonly (number | null)[],
  Y: readonly number[],
  aPrev: tf.Tensor,
  parameters: CharParameters,
  learningRate = 0.01,
): OptimizeResult {
  const fn = 'optimize';
  const shapes = new ShapeChecker(fn);
  const { vocabSize } = checkParameters(shapes, 'parameters', parameters);
  shapes.checkFloat('aPrev', aPrev, ['nA', 1]);
  const xs = checkIndices(fn, 'X', X, vocabSize, true);
  const ys = checkIndices(fn, 'Y', Y, vocabSize, false) as number[];
  if (xs.length !== ys.length) {
    throw new DlkitError(
      'value',
      fn,
      `X and Y must have the same length, got ${xs.length} and ${ys.length}`,
      { argument: 'Y' },
    );
  }
  assertNumber(fn, 'learningRate', learningRate, { min: 0 });
  return asCaller(fn, () => optimizeStep(xs, ys, aPrev, parameters, vocabSize, learningRate));
}

/** {@link optimize} without the checks. */
export function optimizeStep(
  X: readonly (number | null)[],
  Y: readonly number[],
  aPrev: tf.Tensor,
  parameters: CharParameters,
  vocabSize: number,
  learningRate: number,
): OptimizeResult {
  const { loss, cache } = forward(X, Y, aPrev, parameters, vocabSize);
  const raw = backward(Y, parameters, cache);
  const aLast = cache.a[X.length - 1] as tf.Tensor;
  tf.dispose([...cache.yHat, ...cache.x, cache.a0, ...cache.a.filter((a) => a !== aLast)]);
  const gradients = clip(raw, 5);
  tf.dispose(Object.values(raw));
  return {
    loss,
    gradients,
    aLast,
    parameters: updateParameters(parameters, gradients, learningRate),
  };
}
