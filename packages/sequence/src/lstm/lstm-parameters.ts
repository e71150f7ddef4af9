import type * as tf from '@tensorflow/tfjs';
import { DlkitError, formatShape, type ShapeChecker } from '@dlkit/core';
import { checkParameters } from '../rnn/check.js';

/**
 * The parameters of the course's LSTM cell, examples in columns. Each gate's weights act on the
 * concatenation `[aPrev; xt]` (`[nA + nX, m]`, the previous hidden state first): `Wf, bf` the
 * forget gate, `Wi, bi` the update (input) gate, `Wc, bc` the candidate cell, `Wo, bo` the
 * output gate, `Wy, by` the prediction.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface LstmParameters {
  /** Forget-gate weights, `[nA, nA + nX]`. */
  Wf: tf.Tensor;
  /** Forget-gate bias, `[nA, 1]`. */
  bf: tf.Tensor;
  /** Update-gate weights, `[nA, nA + nX]`. */
  Wi: tf.Tensor;
  /** Update-gate bias, `[nA, 1]`. */
  bi: tf.Tensor;
  /** Candidate-cell weights, `[nA, nA + nX]`. */
  Wc: tf.Tensor;
  /** Candidate-cell bias, `[nA, 1]`. */
  bc: tf.Tensor;
  /** Output-gate weights, `[nA, nA + nX]`. */
  Wo: tf.Tensor;
  /** Output-gate bias, `[nA, 1]`. */
  bo: tf.Tensor;
  /** Prediction weights, `[nY, nA]` (not needed by the backward pass). */
  Wy: tf.Tensor;
  /** Prediction bias, `[nY, 1]`. */
  by: tf.Tensor;
}

/** The gate keys, in the notebook's order. */
export const LSTM_GATES = ['f', 'i', 'c', 'o'] as const;

/** The gate parameters (what the backward pass needs). */
export type LstmGateParameters = Omit<LstmParameters, 'Wy' | 'by'>;

/**
 * Checks the gate weights `W [nA, nA + nX]` and biases `b [nA, 1]` of `gates` (call after `xt` or
 * `x` bound `nX`), binding `nA`.
 */
export function checkGateParameters<K extends string>(
  shapes: ShapeChecker,
  argument: string,
  value: unknown,
  keys: readonly K[],
): Record<K, tf.Tensor> {
  const layout = Object.fromEntries(
    keys.map((k) => [k, k.startsWith('W') ? ['nA', null] : ['nA', 1]]),
  ) as Record<K, ['nA', null] | ['nA', 1]>;
  const p = checkParameters(shapes, argument, value, layout);
  const nA = shapes.dim('nA');
  const nX = shapes.dim('nX');
  for (const k of keys.filter((key) => key.startsWith('W'))) {
    const shape = p[k].shape;
    if (shape[1] !== nA + nX) {
      throw new DlkitError(
        'shape',
        shapes.fn,
        `${argument}.${k} must have shape [nA, nA + nX] with nA = ${nA}, nX = ${nX}, got ${formatShape(shape)}`,
        { argument: `${argument}.${k}` },
      );
    }
  }
  return p;
}

const GATE_KEYS = ['Wf', 'bf', 'Wi', 'bi', 'Wc', 'bc', 'Wo', 'bo'] as const;

/** Checks {@link LstmParameters} (the prediction's too when `withOutput`), binding `nA`, `nY`. */
export function checkLstmParameters(
  shapes: ShapeChecker,
  argument: string,
  value: unknown,
  withOutput: boolean,
): LstmParameters {
  const gates = checkGateParameters(shapes, argument, value, GATE_KEYS);
  if (!withOutput) return gates as LstmParameters;
  const out = checkParameters(shapes, argument, value, { Wy: ['nY', 'nA'], by: ['nY', 1] });
  return { ...gates, ...out };
}
