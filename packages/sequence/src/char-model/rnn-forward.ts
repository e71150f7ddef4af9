import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, assertNumber, describeValue } from '@dlkit/core';
import { rnnCellStep } from '../rnn/rnn-cell-forward.js';
import { oneHotColumn } from './one-hot.js';
import { checkParameters, type CharParameters } from './parameters.js';
import { cellParameters } from './rnn-step.js';

/**
 * What `rnnForward` keeps for `rnnBackward`: the notebook's `(y_hat, a, x)`, lists
 * over the steps `t = 0 … T−1` (the notebook's `a[-1]`, the initial state, is `a0`). All new
 * tensors: dispose them with `tf.dispose(Object.values(cache).flat())`.
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharForwardCache {
  /** `ŷ⟨t⟩`, each `[vocabSize, 1]`. */
  yHat: tf.Tensor[];
  /** `a⟨t⟩`, each `[nA, 1]`. */
  a: tf.Tensor[];
  /** `x⟨t⟩`, one-hot (zeros for a `null` input), each `[vocabSize, 1]`. */
  x: tf.Tensor[];
  /** A copy of the initial hidden state, `[nA, 1]` (the notebook's `a[-1] = np.copy(a0)`). */
  a0: tf.Tensor;
}

/**
 * What `rnnForward` returns: the notebook's `(loss, cache)`.
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharForwardResult {
  /** `−Σ_t log ŷ⟨t⟩[Y[t]]`, summed over the characters (a number). */
  loss: number;
  /** What `rnnBackward` needs. */
  cache: CharForwardCache;
}

/** Checks one name's indices: integers in `[0, vocabSize)` (`null` allowed in `X`). */
export function checkIndices(
  fn: string,
  argument: string,
  value: unknown,
  vocabSize: number,
  allowNull: boolean,
): (number | null)[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100_000) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a non-empty array of character indices, got ${describeValue(value)}`,
      { argument },
    );
  }
  value.forEach((ix: unknown, t) => {
    if (ix === null && allowNull) return;
    assertNumber(fn, `${argument}[${t}]`, ix, { integer: true, min: 0, max: vocabSize - 1 });
  });
  return value as (number | null)[];
}

/**
 * The character model's `rnn_forward` (the notebook's `utils.py`): runs the RNN over one name,
 * input `X[t]` (one-hot, zeros for `null`, the notebook's `None` that starts every name),
 * accumulating the cross-entropy of the next characters `Y[t]`.
 *
 * @param X - Input indices, `null` for "no character" (length `T`).
 * @param Y - Target indices, `X` shifted by one and ending with `'\n'`'s (length `T`).
 * @param a0 - The initial hidden state, `[nA, 1]`.
 * @param parameters - `{ Wax [nA, nX], Waa [nA, nA], Wya [nY, nA], b [nA, 1], by [nY, 1] }`.
 * @param vocabSize - The vocabulary's size (default 27, the notebook's); must be the parameters'.
 * @returns `{ loss, cache }`; the cache's tensors are new (the caller disposes them).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { characterModel } from '@dlkit/sequence';
 * const parameters = characterModel.initializeParameters(10, 27, 27);
 * const a0 = tf.zeros([10, 1]);
 * const { loss, cache } = characterModel.rnnForward([null, 18, 5, 24], [18, 5, 24, 0], a0, parameters);
 * console.log(loss.toFixed(3)); // 13.183: about 4 · ln 27 for a model that has learned nothing
 * tf.dispose([a0, ...Object.values(cache).flat(), ...Object.values(parameters)]);
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function rnnForward(
  X: readonly (number | null)[],
  Y: readonly number[],
  a0: tf.Tensor,
  parameters: CharParameters,
  vocabSize = 27,
): CharForwardResult {
  const fn = 'rnnForward';
  const shapes = new ShapeChecker(fn);
  const sizes = checkParameters(shapes, 'parameters', parameters);
  shapes.checkFloat('a0', a0, ['nA', 1]);
  assertNumber(fn, 'vocabSize', vocabSize, { integer: true, min: 1 });
  if (vocabSize !== sizes.vocabSize) {
    throw new DlkitError(
      'value',
      fn,
      `vocabSize must be the parameters' ${sizes.vocabSize}, got ${vocabSize}`,
      { argument: 'vocabSize' },
    );
  }
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
  return forward(xs, ys, a0, parameters, vocabSize);
}

/** `rnnForward` without the checks. */
export function forward(
  X: readonly (number | null)[],
  Y: readonly number[],
  a0: tf.Tensor,
  parameters: CharParameters,
  vocabSize: number,
): CharForwardResult {
  const cell = cellParameters(parameters);
  const cache: CharForwardCache = { yHat: [], a: [], x: [], a0: a0.clone() };
  let aPrev = cache.a0;
  for (const ix of X) {
    const x = oneHotColumn(ix, vocabSize);
    const { aNext, ytPred } = rnnCellStep(x, aPrev, cell);
    cache.x.push(x);
    cache.a.push(aNext);
    cache.yHat.push(ytPred);
    aPrev = aNext;
  }
  const loss = tf.tidy(() => {
    const picked = cache.yHat.map((y, t) => y.slice([Y[t] as number, 0], [1, 1]));
    return tf.neg(tf.sum(tf.log(tf.concat(picked))));
  });
  const value = loss.dataSync()[0] as number;
  loss.dispose();
  return { loss: value, cache };
}
