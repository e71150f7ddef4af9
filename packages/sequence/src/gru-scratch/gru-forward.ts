import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import { assertSteps } from '../rnn/check.js';
import { stepOf } from '../rnn/rnn-forward.js';
import type { SequenceCaches } from '../rnn/sequence-caches.js';
import { gruCellStep, type GruCellCache } from './gru-cell-forward.js';
import {
  checkGruParameters,
  readGruOptions,
  type GruOptions,
  type GruParameters,
} from './gru-parameters.js';

/**
 * What {@link gruForward} returns.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface GruForwardResult {
  /** The hidden state of every step, `[nA, m, Tx]` (new). */
  a: tf.Tensor;
  /** Every step's {@link GruCellCache} and `x`; free them with `disposeCaches`. */
  caches: SequenceCaches<GruCellCache>;
}

/**
 * The forward pass of a GRU over a whole sequence, from scratch: {@link gruCellForward} at each
 * step from `a0`, with the same parameters and variant.
 *
 * @param x - The input sequence, `[nX, m, Tx]` (examples in columns, time last).
 * @param a0 - The initial hidden state, `[nA, m]`.
 * @param parameters - `{ Wz, Wr, Wh [nA, nA + nX], bz, br, bh [nA, 1] }`, and `bhh [nA, 1]` with
 * `resetAfter`.
 * @param options - `resetAfter` (default false).
 * @returns `{ a [nA, m, Tx], caches }`. The caller owns `a` and the tensors the caches made
 * (free those with `disposeCaches`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { gruForward, disposeCaches } from '@dlkit/sequence';
 * const rng = new RandomState(1);
 * const x = rng.randn(3, 10, 4);
 * const a0 = rng.randn(5, 10);
 * const parameters = {
 *   Wz: rng.randn(5, 8), bz: rng.randn(5, 1), Wr: rng.randn(5, 8), br: rng.randn(5, 1),
 *   Wh: rng.randn(5, 8), bh: rng.randn(5, 1),
 * };
 * const { a, caches } = gruForward(x, a0, parameters);
 * console.log(a.shape); // [5, 10, 4]
 * disposeCaches(caches);
 * tf.dispose([x, a0, a, ...Object.values(parameters)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function gruForward(
  x: tf.Tensor,
  a0: tf.Tensor,
  parameters: GruParameters,
  options: GruOptions = {},
): GruForwardResult {
  const fn = 'gruForward';
  const resetAfter = readGruOptions(fn, options);
  const shapes = new ShapeChecker(fn).checkFloat('x', x, ['nX', 'm', 'Tx']);
  const p = checkGruParameters(shapes, 'parameters', parameters, resetAfter);
  shapes.checkFloat('a0', a0, ['nA', 'm']);
  const Tx = shapes.dim('Tx');
  assertSteps(fn, 'x', Tx);
  const caches: GruCellCache[] = [];
  let aPrev = a0;
  for (let t = 0; t < Tx; t++) {
    const xt = stepOf(x, t);
    const step = gruCellStep(xt, aPrev, p, resetAfter);
    caches.push({ ...step, aPrev, xt, parameters: p, resetAfter });
    aPrev = step.aNext;
  }
  const a = tf.stack(
    caches.map((s) => s.aNext),
    2,
  );
  return { a, caches: { caches, x } };
}
