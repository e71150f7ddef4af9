import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import { assertSteps } from './check.js';
import { rnnCellStep, type RnnCellCache } from './rnn-cell-forward.js';
import { checkRnnParameters, type RnnParameters } from './rnn-parameters.js';
import type { SequenceCaches } from './sequence-caches.js';

/**
 * What {@link rnnForward} returns: the notebook's `(a, y_pred, caches)`.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface RnnForwardResult {
  /** The hidden state of every step, `[nA, m, Tx]` (new). */
  a: tf.Tensor;
  /** The prediction of every step, `[nY, m, Tx]` (new). */
  yPred: tf.Tensor;
  /** Every step's {@link RnnCellCache} and `x`; free them with {@link disposeCaches}. */
  caches: SequenceCaches<RnnCellCache>;
}

/** Step t of a `[n, m, Tx]` sequence, `[n, m]` (a new tensor). */
export function stepOf(x: tf.Tensor, t: number): tf.Tensor {
  const [n, m] = x.shape as [number, number, number];
  return tf.tidy(() => tf.reshape(tf.slice(x, [0, 0, t], [n, m, 1]), [n, m]));
}

/**
 * The forward pass of the basic RNN over a whole sequence (the notebook's `rnn_forward`):
 * {@link rnnCellForward} at each step `t = 1 … Tx`, starting from `a0`, with the same parameters.
 *
 * @param x - The input sequence, `[nX, m, Tx]` (examples in columns, time last).
 * @param a0 - The initial hidden state, `[nA, m]`.
 * @param parameters - `{ Wax [nA, nX], Waa [nA, nA], Wya [nY, nA], ba [nA, 1], by [nY, 1] }`.
 * @returns `{ a [nA, m, Tx], yPred [nY, m, Tx], caches }`. The caller owns `a`, `yPred` and the
 * tensors the caches made (each step's `aNext` and `xt`): free those with
 * {@link disposeCaches}.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { rnnForward, disposeCaches } from '@dlkit/sequence';
 * const rng = new RandomState(1); // the notebook's np.random.seed(1) test cell
 * const x = rng.randn(3, 10, 4);
 * const a0 = rng.randn(5, 10);
 * const parameters = {
 *   Waa: rng.randn(5, 5), Wax: rng.randn(5, 3), Wya: rng.randn(2, 5),
 *   ba: rng.randn(5, 1), by: rng.randn(2, 1),
 * };
 * const { a, yPred, caches } = rnnForward(x, a0, parameters);
 * console.log(a.shape, yPred.shape, caches.caches.length); // [5, 10, 4] [2, 10, 4] 4
 * disposeCaches(caches);
 * tf.dispose([x, a0, a, yPred, ...Object.values(parameters)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function rnnForward(
  x: tf.Tensor,
  a0: tf.Tensor,
  parameters: RnnParameters,
): RnnForwardResult {
  const fn = 'rnnForward';
  const shapes = new ShapeChecker(fn).checkFloat('x', x, ['nX', 'm', 'Tx']);
  const p = checkRnnParameters(shapes, 'parameters', parameters);
  shapes.checkFloat('a0', a0, ['nA', 'm']);
  const Tx = shapes.dim('Tx');
  assertSteps(fn, 'x', Tx);
  const caches: RnnCellCache[] = [];
  const ys: tf.Tensor[] = [];
  let aPrev = a0;
  for (let t = 0; t < Tx; t++) {
    const xt = stepOf(x, t);
    const { aNext, ytPred } = rnnCellStep(xt, aPrev, p);
    caches.push({ aNext, aPrev, xt, parameters: p });
    ys.push(ytPred);
    aPrev = aNext;
  }
  const a = tf.stack(
    caches.map((c) => c.aNext),
    2,
  );
  const yPred = tf.stack(ys, 2);
  tf.dispose(ys);
  return { a, yPred, caches: { caches, x } };
}
