import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import { assertSteps } from '../rnn/check.js';
import { stepOf } from '../rnn/rnn-forward.js';
import type { SequenceCaches } from '../rnn/sequence-caches.js';
import { lstmCellStep, type LstmCellCache } from './lstm-cell-forward.js';
import { checkLstmParameters, type LstmParameters } from './lstm-parameters.js';

/**
 * What {@link lstmForward} returns: the notebook's `(a, y, c, caches)`.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface LstmForwardResult {
  /** The hidden state of every step, `[nA, m, Tx]` (new). */
  a: tf.Tensor;
  /** The prediction of every step, `[nY, m, Tx]` (new). */
  y: tf.Tensor;
  /** The cell state of every step, `[nA, m, Tx]` (new). */
  c: tf.Tensor;
  /** Every step's {@link LstmCellCache} and `x`; free them with `disposeCaches`. */
  caches: SequenceCaches<LstmCellCache>;
}

/**
 * The forward pass of an LSTM over a whole sequence (the notebook's `lstm_forward`):
 * {@link lstmCellForward} at each step, from the hidden state `a0` and a zero cell state.
 *
 * @param x - The input sequence, `[nX, m, Tx]` (examples in columns, time last).
 * @param a0 - The initial hidden state, `[nA, m]`.
 * @param parameters - `{ Wf, Wi, Wc, Wo [nA, nA + nX], bf, bi, bc, bo [nA, 1], Wy [nY, nA], by [nY, 1] }`.
 * @returns `{ a [nA, m, Tx], y [nY, m, Tx], c [nA, m, Tx], caches }`. The caller owns `a`, `y`,
 * `c` and the tensors the caches made (free those with `disposeCaches`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { lstmForward, disposeCaches } from '@dlkit/sequence';
 * const rng = new RandomState(1); // the notebook's np.random.seed(1) test cell
 * const x = rng.randn(3, 10, 7);
 * const a0 = rng.randn(5, 10);
 * const parameters = {
 *   Wf: rng.randn(5, 8), bf: rng.randn(5, 1), Wi: rng.randn(5, 8), bi: rng.randn(5, 1),
 *   Wo: rng.randn(5, 8), bo: rng.randn(5, 1), Wc: rng.randn(5, 8), bc: rng.randn(5, 1),
 *   Wy: rng.randn(2, 5), by: rng.randn(2, 1),
 * };
 * const { a, y, c, caches } = lstmForward(x, a0, parameters);
 * console.log(a.shape, y.shape, c.shape); // [5, 10, 7] [2, 10, 7] [5, 10, 7]
 * disposeCaches(caches);
 * tf.dispose([x, a0, a, y, c, ...Object.values(parameters)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function lstmForward(
  x: tf.Tensor,
  a0: tf.Tensor,
  parameters: LstmParameters,
): LstmForwardResult {
  const fn = 'lstmForward';
  const shapes = new ShapeChecker(fn).checkFloat('x', x, ['nX', 'm', 'Tx']);
  const p = checkLstmParameters(shapes, 'parameters', parameters, true);
  shapes.checkFloat('a0', a0, ['nA', 'm']);
  const Tx = shapes.dim('Tx');
  assertSteps(fn, 'x', Tx);
  const caches: LstmCellCache[] = [];
  const ys: tf.Tensor[] = [];
  let aPrev = a0;
  let cPrev = tf.zerosLike(a0);
  for (let t = 0; t < Tx; t++) {
    const xt = stepOf(x, t);
    const { ytPred, ...step } = lstmCellStep(xt, aPrev, cPrev, p);
    caches.push({ ...step, aPrev, cPrev, xt, parameters: p });
    ys.push(ytPred);
    aPrev = step.aNext;
    cPrev = step.cNext;
  }
  const a = tf.stack(
    caches.map((s) => s.aNext),
    2,
  );
  const c = tf.stack(
    caches.map((s) => s.cNext),
    2,
  );
  const y = tf.stack(ys, 2);
  tf.dispose(ys);
  return { a, y, c, caches: { caches, x } };
}
