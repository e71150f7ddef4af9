import * as tf from '@tensorflow/tfjs';
import { ShapeChecker, softmax } from '@dlkit/core';
import { checkLstmParameters, type LstmParameters } from './lstm-parameters.js';

/**
 * What {@link lstmCellForward} keeps for {@link lstmCellBackward}: the notebook's
 * `(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)`.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface LstmCellCache {
  /** The new hidden state, `[nA, m]` (the returned tensor). */
  aNext: tf.Tensor;
  /** The new cell state, `[nA, m]` (the returned tensor). */
  cNext: tf.Tensor;
  /** The previous hidden state, `[nA, m]`. */
  aPrev: tf.Tensor;
  /** The previous cell state, `[nA, m]`. */
  cPrev: tf.Tensor;
  /** The forget gate `Γf`, `[nA, m]`. */
  ft: tf.Tensor;
  /** The update gate `Γi`, `[nA, m]`. */
  it: tf.Tensor;
  /** The candidate cell `c̃`, `[nA, m]`. */
  cct: tf.Tensor;
  /** The output gate `Γo`, `[nA, m]`. */
  ot: tf.Tensor;
  /** The input of this step, `[nX, m]`. */
  xt: tf.Tensor;
  /** The cell's parameters. */
  parameters: LstmParameters;
}

/**
 * What {@link lstmCellForward} returns: the notebook's `(a_next, c_next, yt_pred, cache)`.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface LstmCellForwardResult {
  /** The new hidden state, `[nA, m]`. */
  aNext: tf.Tensor;
  /** The new cell state, `[nA, m]`. */
  cNext: tf.Tensor;
  /** The prediction `softmax(Wy aNext + by)` over axis 0, `[nY, m]`. */
  ytPred: tf.Tensor;
  /** What {@link lstmCellBackward} needs; its gates `ft, it, cct, ot` are new tensors too. */
  cache: LstmCellCache;
}

/** One step without checks: the new states, the prediction and the gates (new tensors). */
export function lstmCellStep(
  xt: tf.Tensor,
  aPrev: tf.Tensor,
  cPrev: tf.Tensor,
  p: LstmParameters,
): Omit<LstmCellCache, 'aPrev' | 'cPrev' | 'xt' | 'parameters'> & { ytPred: tf.Tensor } {
  return tf.tidy(() => {
    const concat = tf.concat([aPrev, xt], 0);
    const gate = (W: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.matMul(W, concat).add(b);
    const ft = tf.sigmoid(gate(p.Wf, p.bf));
    const it = tf.sigmoid(gate(p.Wi, p.bi));
    const cct = tf.tanh(gate(p.Wc, p.bc));
    const cNext = ft.mul(cPrev).add(it.mul(cct));
    const ot = tf.sigmoid(gate(p.Wo, p.bo));
    const aNext = ot.mul(tf.tanh(cNext));
    const ytPred = softmax(tf.matMul(p.Wy, aNext).add(p.by)).A;
    return { aNext, cNext, ft, it, cct, ot, ytPred };
  });
}

/**
 * One forward step of the LSTM cell (the notebook's `lstm_cell_forward`), examples in columns:
 * with `concat = [aPrev; xt]`, the gates `ft = σ(Wf concat + bf)`, `it = σ(Wi concat + bi)`,
 * `ot = σ(Wo concat + bo)`, the candidate `cct = tanh(Wc concat + bc)`, then
 * `cNext = ft ⊙ cPrev + it ⊙ cct`, `aNext = ot ⊙ tanh(cNext)`, `ytPred = softmax(Wy aNext + by)`.
 *
 * @param xt - The input at step t, `[nX, m]`.
 * @param aPrev - The hidden state at step t−1, `[nA, m]`.
 * @param cPrev - The cell state at step t−1, `[nA, m]`.
 * @param parameters - `{ Wf, Wi, Wc, Wo [nA, nA + nX], bf, bi, bc, bo [nA, 1], Wy [nY, nA], by [nY, 1] }`.
 * @returns `{ aNext [nA, m], cNext [nA, m], ytPred [nY, m], cache }`. The caller owns the three
 * tensors and the cache's gates `ft, it, cct, ot`; the cache's other tensors are these or the
 * caller's.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { lstmCellForward } from '@dlkit/sequence';
 * const rng = new RandomState(1); // the notebook's np.random.seed(1) test cell
 * const xt = rng.randn(3, 10);
 * const aPrev = rng.randn(5, 10);
 * const cPrev = rng.randn(5, 10);
 * const parameters = {
 *   Wf: rng.randn(5, 8), bf: rng.randn(5, 1), Wi: rng.randn(5, 8), bi: rng.randn(5, 1),
 *   Wo: rng.randn(5, 8), bo: rng.randn(5, 1), Wc: rng.randn(5, 8), bc: rng.randn(5, 1),
 *   Wy: rng.randn(2, 5), by: rng.randn(2, 1),
 * };
 * const { aNext, cNext, ytPred, cache } = lstmCellForward(xt, aPrev, cPrev, parameters);
 * console.log(aNext.shape, cNext.shape, ytPred.shape); // [5, 10] [5, 10] [2, 10]
 * tf.dispose([xt, aPrev, cPrev, aNext, cNext, ytPred, cache.ft, cache.it, cache.cct, cache.ot]);
 * tf.dispose(Object.values(parameters));
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function lstmCellForward(
  xt: tf.Tensor,
  aPrev: tf.Tensor,
  cPrev: tf.Tensor,
  parameters: LstmParameters,
): LstmCellForwardResult {
  const shapes = new ShapeChecker('lstmCellForward').checkFloat('xt', xt, ['nX', 'm']);
  const p = checkLstmParameters(shapes, 'parameters', parameters, true);
  shapes.checkFloat('aPrev', aPrev, ['nA', 'm']).checkFloat('cPrev', cPrev, ['nA', 'm']);
  const { ytPred, ...step } = lstmCellStep(xt, aPrev, cPrev, p);
  return {
    aNext: step.aNext,
    cNext: step.cNext,
    ytPred,
    cache: { ...step, aPrev, cPrev, xt, parameters: p },
  };
}
