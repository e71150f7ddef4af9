import * as tf from '@tensorflow/tfjs';
import { ShapeChecker, softmax } from '@dlkit/core';
import { checkRnnParameters, type RnnParameters } from './rnn-parameters.js';

/**
 * What {@link rnnCellForward} keeps for {@link rnnCellBackward}: the notebook's
 * `(a_next, a_prev, xt, parameters)`. `aNext` is the returned tensor; the others are the
 * caller's.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface RnnCellCache {
  /** The new hidden state, `[nA, m]`. */
  aNext: tf.Tensor;
  /** The previous hidden state, `[nA, m]`. */
  aPrev: tf.Tensor;
  /** The input of this step, `[nX, m]`. */
  xt: tf.Tensor;
  /** The cell's parameters. */
  parameters: RnnParameters;
}

/**
 * What {@link rnnCellForward} returns: the notebook's `(a_next, yt_pred, cache)`.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface RnnCellForwardResult {
  /** The new hidden state `tanh(Waa aPrev + Wax xt + ba)`, `[nA, m]` (new). */
  aNext: tf.Tensor;
  /** The prediction `softmax(Wya aNext + by)` over axis 0, `[nY, m]` (new). */
  ytPred: tf.Tensor;
  /** What {@link rnnCellBackward} needs. */
  cache: RnnCellCache;
}

/** Checks the cell's arguments: `xt [nX, m]`, the parameters, `aPrev [nA, m]`. */
export function checkRnnCellArguments(
  fn: string,
  xt: tf.Tensor,
  aPrev: tf.Tensor,
  parameters: unknown,
): RnnParameters {
  const shapes = new ShapeChecker(fn).checkFloat('xt', xt, ['nX', 'm']);
  const p = checkRnnParameters(shapes, 'parameters', parameters);
  shapes.checkFloat('aPrev', aPrev, ['nA', 'm']);
  return p;
}

/** One step without checks: `aNext` and `ytPred` (new tensors). */
export function rnnCellStep(
  xt: tf.Tensor,
  aPrev: tf.Tensor,
  p: RnnParameters,
): { aNext: tf.Tensor; ytPred: tf.Tensor } {
  return tf.tidy(() => {
    const aNext = tf.tanh(tf.matMul(p.Waa, aPrev).add(tf.matMul(p.Wax, xt)).add(p.ba));
    const ytPred = softmax(tf.matMul(p.Wya, aNext).add(p.by)).A;
    return { aNext, ytPred };
  });
}

/**
 * One forward step of the basic RNN cell (the notebook's `rnn_cell_forward`), examples in
 * columns: `aNext = tanh(Waa aPrev + Wax xt + ba)`, `ytPred = softmax(Wya aNext + by)` with the
 * softmax over the `nY` classes (axis 0).
 *
 * @param xt - The input at step t, `[nX, m]`.
 * @param aPrev - The hidden state at step t−1, `[nA, m]`.
 * @param parameters - `{ Wax [nA, nX], Waa [nA, nA], Wya [nY, nA], ba [nA, 1], by [nY, 1] }`.
 * @returns `{ aNext [nA, m], ytPred [nY, m], cache }`. The caller owns `aNext` and `ytPred`;
 * the cache holds `aNext` and the caller's own tensors, so it needs no disposing of its own.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { rnnCellForward } from '@dlkit/sequence';
 * const rng = new RandomState(1); // the notebook's np.random.seed(1) test cell
 * const xt = rng.randn(3, 10);
 * const aPrev = rng.randn(5, 10);
 * const parameters = {
 *   Waa: rng.randn(5, 5), Wax: rng.randn(5, 3), Wya: rng.randn(2, 5),
 *   ba: rng.randn(5, 1), by: rng.randn(2, 1),
 * };
 * const { aNext, ytPred } = rnnCellForward(xt, aPrev, parameters);
 * console.log(aNext.shape, ytPred.shape); // [5, 10] [2, 10]
 * tf.dispose([xt, aPrev, aNext, ytPred, ...Object.values(parameters)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function rnnCellForward(
  xt: tf.Tensor,
  aPrev: tf.Tensor,
  parameters: RnnParameters,
): RnnCellForwardResult {
  const p = checkRnnCellArguments('rnnCellForward', xt, aPrev, parameters);
  const { aNext, ytPred } = rnnCellStep(xt, aPrev, p);
  return { aNext, ytPred, cache: { aNext, aPrev, xt, parameters: p } };
}
