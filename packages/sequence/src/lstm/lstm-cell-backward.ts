import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import { readCache } from '../rnn/check.js';
import type { LstmCellCache } from './lstm-cell-forward.js';
import { checkGateParameters, type LstmGateParameters } from './lstm-parameters.js';

/**
 * The parameter gradients of the LSTM's gates, keyed as the notebook's (new tensors).
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface LstmParameterGradients {
  /** `[nA, nA + nX]`. */
  dWf: tf.Tensor;
  /** `[nA, 1]`. */
  dbf: tf.Tensor;
  /** `[nA, nA + nX]`. */
  dWi: tf.Tensor;
  /** `[nA, 1]`. */
  dbi: tf.Tensor;
  /** `[nA, nA + nX]`. */
  dWc: tf.Tensor;
  /** `[nA, 1]`. */
  dbc: tf.Tensor;
  /** `[nA, nA + nX]`. */
  dWo: tf.Tensor;
  /** `[nA, 1]`. */
  dbo: tf.Tensor;
}

/**
 * What {@link lstmCellBackward} returns: the notebook's
 * `{dxt, da_prev, dc_prev, dWf, dbf, dWi, dbi, dWc, dbc, dWo, dbo}` (new tensors).
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface LstmCellGradients extends LstmParameterGradients {
  /** Gradient with respect to the input, `[nX, m]`. */
  dxt: tf.Tensor;
  /** Gradient with respect to the previous hidden state, `[nA, m]`. */
  daPrev: tf.Tensor;
  /** Gradient with respect to the previous cell state, `[nA, m]`. */
  dcPrev: tf.Tensor;
}

/** The checked fields of an {@link LstmCellCache}. */
export type CheckedLstmCache = Omit<LstmCellCache, 'parameters'> & {
  parameters: LstmGateParameters;
};

const STATE_KEYS = ['aNext', 'cNext', 'aPrev', 'cPrev', 'ft', 'it', 'cct', 'ot'] as const;
const GATE_KEYS = ['Wf', 'bf', 'Wi', 'bi', 'Wc', 'bc', 'Wo', 'bo'] as const;

/** Checks an {@link LstmCellCache} (`argument` is how the caller knows it) against `shapes`. */
export function checkLstmCellCache(
  shapes: ShapeChecker,
  argument: string,
  value: unknown,
): CheckedLstmCache {
  const c = readCache(shapes.fn, argument, value);
  shapes.checkFloat(`${argument}.xt`, c['xt'] as tf.Tensor, ['nX', 'm']);
  const parameters = checkGateParameters(
    shapes,
    `${argument}.parameters`,
    c['parameters'],
    GATE_KEYS,
  );
  for (const key of STATE_KEYS) {
    shapes.checkFloat(`${argument}.${key}`, c[key] as tf.Tensor, ['nA', 'm']);
  }
  return { ...(c as unknown as LstmCellCache), parameters };
}

/** The step's gradients without checks (new tensors). */
export function lstmCellGradients(
  daNext: tf.Tensor,
  dcNext: tf.Tensor,
  c: CheckedLstmCache,
): LstmCellGradients {
  return tf.tidy(() => {
    const nA = c.aNext.shape[0] as number;
    const p = c.parameters;
    const one = (g: tf.Tensor): tf.Tensor => tf.sub(1, g);
    const tanhC = tf.tanh(c.cNext);
    // The cell state's total gradient: from cNext directly and through aNext = ot ⊙ tanh(cNext).
    const dc = dcNext.add(daNext.mul(c.ot).mul(one(tanhC.square())));
    const dot = daNext.mul(tanhC).mul(c.ot).mul(one(c.ot));
    const dcct = dc.mul(c.it).mul(one(c.cct.square()));
    const dit = dc.mul(c.cct).mul(c.it).mul(one(c.it));
    const dft = dc.mul(c.cPrev).mul(c.ft).mul(one(c.ft));
    const concat = tf.concat([c.aPrev, c.xt], 0);
    const dW = (dz: tf.Tensor): tf.Tensor => tf.matMul(dz, concat, false, true);
    const db = (dz: tf.Tensor): tf.Tensor => tf.sum(dz, 1, true);
    const back = (W: tf.Tensor, dz: tf.Tensor): tf.Tensor => tf.matMul(W, dz, true, false);
    const dconcat = back(p.Wf, dft).add(back(p.Wi, dit)).add(back(p.Wc, dcct)).add(back(p.Wo, dot));
    const nX = (dconcat.shape[0] as number) - nA;
    const m = dconcat.shape[1] as number;
    return {
      dxt: tf.slice(dconcat, [nA, 0], [nX, m]),
      daPrev: tf.slice(dconcat, [0, 0], [nA, m]),
      dcPrev: dc.mul(c.ft),
      dWf: dW(dft),
      dbf: db(dft),
      dWi: dW(dit),
      dbi: db(dit),
      dWc: dW(dcct),
      dbc: db(dcct),
      dWo: dW(dot),
      dbo: db(dot),
    };
  });
}

/**
 * The backward pass of one LSTM step (the notebook's `lstm_cell_backward`). With
 * `dc = dcNext + daNext ⊙ ot ⊙ (1 − tanh²(cNext))`: `dot = daNext ⊙ tanh(cNext) ⊙ ot(1 − ot)`,
 * `dcct = dc ⊙ it ⊙ (1 − cct²)`, `dit = dc ⊙ cct ⊙ it(1 − it)`, `dft = dc ⊙ cPrev ⊙ ft(1 − ft)`;
 * `dW· = d· [aPrev; xt]ᵀ`, `db· = Σ_m d·`, `[daPrev; dxt] = Σ W·ᵀ d·` over the four gates, and
 * `dcPrev = dc ⊙ ft`. Sums over the examples, as the notebook does.
 *
 * @param daNext - Gradient of the loss with respect to `aNext`, `[nA, m]`.
 * @param dcNext - Gradient of the loss with respect to `cNext`, `[nA, m]`.
 * @param cache - The {@link LstmCellCache} of {@link lstmCellForward}.
 * @returns The new tensors `dxt [nX, m]`, `daPrev [nA, m]`, `dcPrev [nA, m]`,
 * `dWf, dWi, dWc, dWo [nA, nA + nX]` and `dbf, dbi, dbc, dbo [nA, 1]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { lstmCellForward, lstmCellBackward } from '@dlkit/sequence';
 * const rng = new RandomState(1);
 * const xt = rng.randn(3, 10);
 * const aPrev = rng.randn(5, 10);
 * const cPrev = rng.randn(5, 10);
 * const parameters = {
 *   Wf: rng.randn(5, 8), bf: rng.randn(5, 1), Wi: rng.randn(5, 8), bi: rng.randn(5, 1),
 *   Wo: rng.randn(5, 8), bo: rng.randn(5, 1), Wc: rng.randn(5, 8), bc: rng.randn(5, 1),
 *   Wy: rng.randn(2, 5), by: rng.randn(2, 1),
 * };
 * const { aNext, cNext, ytPred, cache } = lstmCellForward(xt, aPrev, cPrev, parameters);
 * const daNext = rng.randn(5, 10);
 * const dcNext = rng.randn(5, 10);
 * const gradients = lstmCellBackward(daNext, dcNext, cache);
 * console.log(gradients.dWf.shape, gradients.dxt.shape); // [5, 8] [3, 10]
 * tf.dispose([xt, aPrev, cPrev, aNext, cNext, ytPred, cache.ft, cache.it, cache.cct, cache.ot]);
 * tf.dispose([daNext, dcNext, ...Object.values(parameters), ...Object.values(gradients)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function lstmCellBackward(
  daNext: tf.Tensor,
  dcNext: tf.Tensor,
  cache: LstmCellCache,
): LstmCellGradients {
  const shapes = new ShapeChecker('lstmCellBackward');
  const c = checkLstmCellCache(shapes, 'cache', cache);
  shapes.checkFloat('daNext', daNext, ['nA', 'm']).checkFloat('dcNext', dcNext, ['nA', 'm']);
  return lstmCellGradients(daNext, dcNext, c);
}
