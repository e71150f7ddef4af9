import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import {
  checkGruParameters,
  readGruOptions,
  type GruOptions,
  type GruParameters,
} from './gru-parameters.js';

/**
 * What {@link gruCellForward} keeps for {@link gruCellBackward}.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface GruCellCache {
  /** The new hidden state, `[nA, m]` (the returned tensor). */
  aNext: tf.Tensor;
  /** The previous hidden state, `[nA, m]`. */
  aPrev: tf.Tensor;
  /** The input of this step, `[nX, m]`. */
  xt: tf.Tensor;
  /** The update gate `zt = σ(Wz [aPrev; xt] + bz)`, `[nA, m]`. */
  zt: tf.Tensor;
  /** The reset gate `rt = σ(Wr [aPrev; xt] + br)`, `[nA, m]`. */
  rt: tf.Tensor;
  /** The candidate hidden state `cct`, `[nA, m]`. */
  cct: tf.Tensor;
  /** With `resetAfter`, the candidate's recurrent part `Wh_a aPrev + bhh`, `[nA, m]`. */
  hn?: tf.Tensor;
  /** The cell's parameters. */
  parameters: GruParameters;
  /** Which variant ran. */
  resetAfter: boolean;
}

/**
 * What {@link gruCellForward} returns.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface GruCellForwardResult {
  /** The new hidden state `(1 − zt) ⊙ cct + zt ⊙ aPrev`, `[nA, m]`. */
  aNext: tf.Tensor;
  /** What {@link gruCellBackward} needs; its gates are new tensors too. */
  cache: GruCellCache;
}

/** The checked arguments of a GRU step. */
export function checkGruCellArguments(
  fn: string,
  xt: tf.Tensor,
  aPrev: tf.Tensor,
  parameters: unknown,
  options: unknown,
): { p: GruParameters; resetAfter: boolean } {
  const resetAfter = readGruOptions(fn, options);
  const shapes = new ShapeChecker(fn).checkFloat('xt', xt, ['nX', 'm']);
  const p = checkGruParameters(shapes, 'parameters', parameters, resetAfter);
  shapes.checkFloat('aPrev', aPrev, ['nA', 'm']);
  return { p, resetAfter };
}

/** One step without checks: the new state and the cache's new tensors. */
export function gruCellStep(
  xt: tf.Tensor,
  aPrev: tf.Tensor,
  p: GruParameters,
  resetAfter: boolean,
): Pick<GruCellCache, 'aNext' | 'zt' | 'rt' | 'cct' | 'hn'> {
  return tf.tidy(() => {
    const nA = aPrev.shape[0] as number;
    const nX = xt.shape[0] as number;
    const concat = tf.concat([aPrev, xt], 0);
    const zt = tf.sigmoid(tf.matMul(p.Wz, concat).add(p.bz));
    const rt = tf.sigmoid(tf.matMul(p.Wr, concat).add(p.br));
    let cct: tf.Tensor;
    let hn: tf.Tensor | undefined;
    if (resetAfter) {
      const WhA = tf.slice(p.Wh, [0, 0], [nA, nA]);
      const WhX = tf.slice(p.Wh, [0, nA], [nA, nX]);
      hn = tf.matMul(WhA, aPrev).add(p.bhh as tf.Tensor);
      cct = tf.tanh(tf.matMul(WhX, xt).add(p.bh).add(rt.mul(hn)));
    } else {
      cct = tf.tanh(tf.matMul(p.Wh, tf.concat([rt.mul(aPrev), xt], 0)).add(p.bh));
    }
    const aNext = tf.sub(1, zt).mul(cct).add(zt.mul(aPrev));
    return hn === undefined ? { aNext, zt, rt, cct } : { aNext, zt, rt, cct, hn };
  });
}

/**
 * One forward step of a GRU cell from scratch, examples in columns: with `concat = [aPrev; xt]`,
 * the update gate `zt = σ(Wz concat + bz)`, the reset gate `rt = σ(Wr concat + br)`, the
 * candidate `cct = tanh(Wh [rt ⊙ aPrev; xt] + bh)` (or with `resetAfter`,
 * `tanh(Wh_x xt + bh + rt ⊙ (Wh_a aPrev + bhh))`, PyTorch's `nn.GRU`), and
 * `aNext = (1 − zt) ⊙ cct + zt ⊙ aPrev` as PyTorch and Keras write it (the lecture's update gate
 * is `Γu = 1 − zt`).
 *
 * @param xt - The input at step t, `[nX, m]`.
 * @param aPrev - The hidden state at step t−1, `[nA, m]`.
 * @param parameters - `{ Wz, Wr, Wh [nA, nA + nX], bz, br, bh [nA, 1] }`, and `bhh [nA, 1]` with
 * `resetAfter`.
 * @param options - `resetAfter` (default false).
 * @returns `{ aNext [nA, m], cache }`. The caller owns `aNext` and the cache's gates `zt`, `rt`,
 * `cct` (and `hn`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { gruCellForward } from '@dlkit/sequence';
 * const rng = new RandomState(1);
 * const xt = rng.randn(3, 10);
 * const aPrev = rng.randn(5, 10);
 * const parameters = {
 *   Wz: rng.randn(5, 8), bz: rng.randn(5, 1), Wr: rng.randn(5, 8), br: rng.randn(5, 1),
 *   Wh: rng.randn(5, 8), bh: rng.randn(5, 1),
 * };
 * const { aNext, cache } = gruCellForward(xt, aPrev, parameters);
 * console.log(aNext.shape); // [5, 10]
 * tf.dispose([xt, aPrev, aNext, cache.zt, cache.rt, cache.cct, ...Object.values(parameters)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function gruCellForward(
  xt: tf.Tensor,
  aPrev: tf.Tensor,
  parameters: GruParameters,
  options: GruOptions = {},
): GruCellForwardResult {
  const { p, resetAfter } = checkGruCellArguments('gruCellForward', xt, aPrev, parameters, options);
  const step = gruCellStep(xt, aPrev, p, resetAfter);
  return { aNext: step.aNext, cache: { ...step, aPrev, xt, parameters: p, resetAfter } };
}
