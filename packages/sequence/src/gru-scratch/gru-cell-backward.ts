import * as tf from '@tensorflow/tfjs';
import { ShapeChecker, assertOneOf } from '@dlkit/core';
import { readCache } from '../rnn/check.js';
import type { GruCellCache } from './gru-cell-forward.js';
import { checkGruParameters } from './gru-parameters.js';

/**
 * The parameter gradients of a GRU, keyed by the parameters' names with a `d` (new tensors).
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface GruParameterGradients {
  /** `[nA, nA + nX]`. */
  dWz: tf.Tensor;
  /** `[nA, 1]`. */
  dbz: tf.Tensor;
  /** `[nA, nA + nX]`. */
  dWr: tf.Tensor;
  /** `[nA, 1]`. */
  dbr: tf.Tensor;
  /** `[nA, nA + nX]`. */
  dWh: tf.Tensor;
  /** `[nA, 1]`. */
  dbh: tf.Tensor;
  /** `[nA, 1]`, with `resetAfter` only. */
  dbhh?: tf.Tensor;
}

/**
 * What {@link gruCellBackward} returns (new tensors).
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface GruCellGradients extends GruParameterGradients {
  /** Gradient with respect to the input, `[nX, m]`. */
  dxt: tf.Tensor;
  /** Gradient with respect to the previous hidden state, `[nA, m]`. */
  daPrev: tf.Tensor;
}

/** The checked fields of a {@link GruCellCache}. */
export type CheckedGruCache = GruCellCache;

/** Checks a {@link GruCellCache} (`argument` is how the caller knows it) against `shapes`. */
export function checkGruCellCache(
  shapes: ShapeChecker,
  argument: string,
  value: unknown,
): CheckedGruCache {
  const c = readCache(shapes.fn, argument, value);
  const resetAfter = assertOneOf(shapes.fn, `${argument}.resetAfter`, c['resetAfter'], [
    true,
    false,
  ]);
  shapes.checkFloat(`${argument}.xt`, c['xt'] as tf.Tensor, ['nX', 'm']);
  const parameters = checkGruParameters(
    shapes,
    `${argument}.parameters`,
    c['parameters'],
    resetAfter,
  );
  const keys = ['aNext', 'aPrev', 'zt', 'rt', 'cct', ...(resetAfter ? ['hn'] : [])];
  for (const key of keys) shapes.checkFloat(`${argument}.${key}`, c[key] as tf.Tensor, ['nA', 'm']);
  return { ...(c as unknown as GruCellCache), parameters, resetAfter };
}

/** The candidate's part of the backward pass: `dWh`, `dbh` (`dbhh`) and its `daPrev`, `dxt` and `drt`. */
function candidateGradients(
  dpre: tf.Tensor,
  c: CheckedGruCache,
): {
  dWh: tf.Tensor;
  dbh: tf.Tensor;
  dbhh?: tf.Tensor;
  da: tf.Tensor;
  dx: tf.Tensor;
  dr: tf.Tensor;
} {
  const nA = c.aPrev.shape[0] as number;
  const nX = c.xt.shape[0] as number;
  const m = c.xt.shape[1] as number;
  const Wh = c.parameters.Wh;
  if (c.resetAfter) {
    const WhA = tf.slice(Wh, [0, 0], [nA, nA]);
    const WhX = tf.slice(Wh, [0, nA], [nA, nX]);
    const dhn = dpre.mul(c.rt);
    return {
      dWh: tf.concat([tf.matMul(dhn, c.aPrev, false, true), tf.matMul(dpre, c.xt, false, true)], 1),
      dbh: tf.sum(dpre, 1, true),
      dbhh: tf.sum(dhn, 1, true),
      da: tf.matMul(WhA, dhn, true, false),
      dx: tf.matMul(WhX, dpre, true, false),
      dr: dpre.mul(c.hn as tf.Tensor),
    };
  }
  const dconcat = tf.matMul(Wh, dpre, true, false);
  const dra = tf.slice(dconcat, [0, 0], [nA, m]);
  return {
    dWh: tf.matMul(dpre, tf.concat([c.rt.mul(c.aPrev), c.xt], 0), false, true),
    dbh: tf.sum(dpre, 1, true),
    da: dra.mul(c.rt),
    dx: tf.slice(dconcat, [nA, 0], [nX, m]),
    dr: dra.mul(c.aPrev),
  };
}

/** The step's gradients without checks (new tensors). */
export function gruCellGradients(daNext: tf.Tensor, c: CheckedGruCache): GruCellGradients {
  // tf.tidy's types do not take an optional field (dbhh); the value is a plain tensor record.
  return tf.tidy((): tf.TensorContainer => {
    const nA = c.aPrev.shape[0] as number;
    const nX = c.xt.shape[0] as number;
    const m = c.xt.shape[1] as number;
    const p = c.parameters;
    const dpre = daNext.mul(tf.sub(1, c.zt)).mul(tf.sub(1, c.cct.square()));
    const h = candidateGradients(dpre, c);
    const dzz = daNext.mul(c.aPrev.sub(c.cct)).mul(c.zt).mul(tf.sub(1, c.zt));
    const drr = h.dr.mul(c.rt).mul(tf.sub(1, c.rt));
    const concat = tf.concat([c.aPrev, c.xt], 0);
    const dconcat = tf.matMul(p.Wz, dzz, true, false).add(tf.matMul(p.Wr, drr, true, false));
    const grads: GruCellGradients = {
      dxt: tf.slice(dconcat, [nA, 0], [nX, m]).add(h.dx),
      daPrev: tf.slice(dconcat, [0, 0], [nA, m]).add(h.da).add(daNext.mul(c.zt)),
      dWz: tf.matMul(dzz, concat, false, true),
      dbz: tf.sum(dzz, 1, true),
      dWr: tf.matMul(drr, concat, false, true),
      dbr: tf.sum(drr, 1, true),
      dWh: h.dWh,
      dbh: h.dbh,
    };
    if (h.dbhh !== undefined) grads.dbhh = h.dbhh;
    return grads as unknown as tf.TensorContainer;
  }) as unknown as GruCellGradients;
}

/**
 * The backward pass of one GRU step, for the variant the cache records. With
 * `dcct = daNext ⊙ (1 − zt) ⊙ (1 − cct²)` (the candidate's pre-activation) and
 * `dzt = daNext ⊙ (aPrev − cct) ⊙ zt(1 − zt)`: reset-before gives
 * `[d(rt ⊙ aPrev); dx_h] = Whᵀ dcct`, `drt = d(rt ⊙ aPrev) ⊙ aPrev ⊙ rt(1 − rt)`; reset-after
 * gives `dhn = dcct ⊙ rt`, `drt = dcct ⊙ hn ⊙ rt(1 − rt)`, `dbhh = Σ_m dhn`. Then
 * `dW· = d· [aPrev; xt]ᵀ` for the gates, `db· = Σ_m d·`, and `daPrev`, `dxt` collect every path
 * (including `daNext ⊙ zt`). Sums over the examples, as the course's backward passes do.
 *
 * @param daNext - Gradient of the loss with respect to `aNext`, `[nA, m]`.
 * @param cache - The {@link GruCellCache} of {@link gruCellForward}.
 * @returns The new tensors `dxt [nX, m]`, `daPrev [nA, m]`, `dWz, dWr, dWh [nA, nA + nX]`,
 * `dbz, dbr, dbh [nA, 1]` and, with `resetAfter`, `dbhh [nA, 1]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { gruCellForward, gruCellBackward } from '@dlkit/sequence';
 * const rng = new RandomState(1);
 * const xt = rng.randn(3, 10);
 * const aPrev = rng.randn(5, 10);
 * const parameters = {
 *   Wz: rng.randn(5, 8), bz: rng.randn(5, 1), Wr: rng.randn(5, 8), br: rng.randn(5, 1),
 *   Wh: rng.randn(5, 8), bh: rng.randn(5, 1), bhh: rng.randn(5, 1),
 * };
 * const { aNext, cache } = gruCellForward(xt, aPrev, parameters, { resetAfter: true });
 * const daNext = rng.randn(5, 10);
 * const gradients = gruCellBackward(daNext, cache);
 * console.log(gradients.dWh.shape, gradients.dbhh?.shape); // [5, 8] [5, 1]
 * tf.dispose([xt, aPrev, aNext, daNext, cache.zt, cache.rt, cache.cct, cache.hn!]);
 * tf.dispose([...Object.values(parameters), ...Object.values(gradients)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function gruCellBackward(daNext: tf.Tensor, cache: GruCellCache): GruCellGradients {
  const shapes = new ShapeChecker('gruCellBackward');
  const c = checkGruCellCache(shapes, 'cache', cache);
  shapes.checkFloat('daNext', daNext, ['nA', 'm']);
  return gruCellGradients(daNext, c);
}
