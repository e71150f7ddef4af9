import type * as tf from '@tensorflow/tfjs';
import { DlkitError, assertOneOf, assertOptions, type ShapeChecker } from '@dlkit/core';
import { checkParameters } from '../rnn/check.js';
import { checkGateParameters } from '../lstm/lstm-parameters.js';

/**
 * The parameters of a from-scratch GRU cell, examples in columns. Each `W` acts on the
 * concatenation `[aPrev; xt]` (`[nA + nX, m]`, the hidden state first, as the LSTM's): its first
 * `nA` columns multiply the hidden state, the last `nX` the input. `Wz, bz` is the update gate,
 * `Wr, br` the reset gate, `Wh, bh` the candidate. With `resetAfter` the candidate's recurrent
 * part has its own bias `bhh` (PyTorch's `b_hn`).
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface GruParameters {
  /** Update-gate weights, `[nA, nA + nX]`. */
  Wz: tf.Tensor;
  /** Update-gate bias, `[nA, 1]`. */
  bz: tf.Tensor;
  /** Reset-gate weights, `[nA, nA + nX]`. */
  Wr: tf.Tensor;
  /** Reset-gate bias, `[nA, 1]`. */
  br: tf.Tensor;
  /** Candidate weights, `[nA, nA + nX]`. */
  Wh: tf.Tensor;
  /** Candidate bias (on the input part with `resetAfter`), `[nA, 1]`. */
  bh: tf.Tensor;
  /** The candidate's recurrent bias, `[nA, 1]`: required with `resetAfter`, rejected without. */
  bhh?: tf.Tensor;
}

/**
 * Options of the from-scratch GRU functions.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface GruOptions {
  /**
   * Where the reset gate acts. `false` (default, the lecture's and Cho et al.'s GRU): on the
   * hidden state before the candidate's matmul, `tanh(Wh [rt ⊙ aPrev; xt] + bh)`. `true`
   * (PyTorch's `nn.GRU`, Keras' default `reset_after`): on the matmul's recurrent part,
   * `tanh(Wh_x xt + bh + rt ⊙ (Wh_a aPrev + bhh))`.
   */
  resetAfter?: boolean;
}

const GATE_KEYS = ['Wz', 'bz', 'Wr', 'br', 'Wh', 'bh'] as const;

/** Checks {@link GruOptions}, returning `resetAfter` (default false). */
export function readGruOptions(fn: string, options: unknown): boolean {
  const { resetAfter = false } = assertOptions<GruOptions>(
    fn,
    'options',
    options as GruOptions | undefined,
    ['resetAfter'],
  );
  return assertOneOf(fn, 'options.resetAfter', resetAfter, [true, false]);
}

/** Checks {@link GruParameters} for the variant (call after `xt` or `x` bound `nX`). */
export function checkGruParameters(
  shapes: ShapeChecker,
  argument: string,
  value: unknown,
  resetAfter: boolean,
): GruParameters {
  const p = checkGateParameters(shapes, argument, value, GATE_KEYS);
  const bhh = (value as Record<string, unknown>)['bhh'];
  if (!resetAfter) {
    if (bhh !== undefined) {
      throw new DlkitError(
        'value',
        shapes.fn,
        `${argument}.bhh is only used with resetAfter: true; remove it or set resetAfter`,
        { argument: `${argument}.bhh` },
      );
    }
    return p;
  }
  return { ...p, ...checkParameters(shapes, argument, value, { bhh: ['nA', 1] }) };
}
