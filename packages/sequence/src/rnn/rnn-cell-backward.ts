import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import { readCache } from './check.js';
import { checkRnnParameters } from './rnn-parameters.js';
import type { RnnCellCache } from './rnn-cell-forward.js';

/**
 * What {@link rnnCellBackward} returns: the notebook's gradient dictionary
 * `{dxt, da_prev, dWax, dWaa, dba}` (new tensors, the caller owns them).
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface RnnCellGradients {
  /** Gradient with respect to the input, `[nX, m]`. */
  dxt: tf.Tensor;
  /** Gradient with respect to the previous hidden state, `[nA, m]`. */
  daPrev: tf.Tensor;
  /** Gradient with respect to `Wax`, `[nA, nX]`. */
  dWax: tf.Tensor;
  /** Gradient with respect to `Waa`, `[nA, nA]`. */
  dWaa: tf.Tensor;
  /** Gradient with respect to `ba`, `[nA, 1]`. */
  dba: tf.Tensor;
}

/** Checks an {@link RnnCellCache} (`argument` is how the caller knows it) against `shapes`. */
export function checkRnnCellCache(
  shapes: ShapeChecker,
  argument: string,
  value: unknown,
): RnnCellCache {
  const c = readCache(shapes.fn, argument, value);
  shapes.checkFloat(`${argument}.xt`, c['xt'] as tf.Tensor, ['nX', 'm']);
  const parameters = checkRnnParameters(shapes, `${argument}.parameters`, c['parameters']);
  shapes.checkFloat(`${argument}.aPrev`, c['aPrev'] as tf.Tensor, ['nA', 'm']);
  shapes.checkFloat(`${argument}.aNext`, c['aNext'] as tf.Tensor, ['nA', 'm']);
  return {
    aNext: c['aNext'] as tf.Tensor,
    aPrev: c['aPrev'] as tf.Tensor,
    xt: c['xt'] as tf.Tensor,
    parameters,
  };
}

/** The step's gradients without checks (new tensors). */
export function rnnCellGradients(daNext: tf.Tensor, c: RnnCellCache): RnnCellGradients {
  return tf.tidy(() => {
    const dtanh = tf.sub(1, tf.square(c.aNext)).mul(daNext);
    return {
      dxt: tf.matMul(c.parameters.Wax, dtanh, true, false),
      daPrev: tf.matMul(c.parameters.Waa, dtanh, true, false),
      dWax: tf.matMul(dtanh, c.xt, false, true),
      dWaa: tf.matMul(dtanh, c.aPrev, false, true),
      dba: tf.sum(dtanh, 1, true),
    };
  });
}

/**
 * The backward pass of one RNN step (the notebook's `rnn_cell_backward`): with
 * `dtanh = (1 − aNext²) ⊙ daNext`, `dxt = Waxᵀ dtanh`, `daPrev = Waaᵀ dtanh`,
 * `dWax = dtanh xtᵀ`, `dWaa = dtanh aPrevᵀ`, `dba = Σ_m dtanh`. Sums over the examples, as the
 * notebook does (no `1/m`).
 *
 * @param daNext - Gradient of the loss with respect to `aNext`, `[nA, m]`.
 * @param cache - The {@link RnnCellCache} of {@link rnnCellForward}.
 * @returns `{ dxt [nX, m], daPrev [nA, m], dWax [nA, nX], dWaa [nA, nA], dba [nA, 1] }`, new
 * tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { rnnCellForward, rnnCellBackward } from '@dlkit/sequence';
 * const rng = new RandomState(1);
 * const xt = rng.randn(3, 10);
 * const aPrev = rng.randn(5, 10);
 * const parameters = {
 *   Wax: rng.randn(5, 3), Waa: rng.randn(5, 5), Wya: rng.randn(2, 5),
 *   ba: rng.randn(5, 1), by: rng.randn(2, 1),
 * };
 * const { aNext, ytPred, cache } = rnnCellForward(xt, aPrev, parameters);
 * const daNext = rng.randn(5, 10);
 * const gradients = rnnCellBackward(daNext, cache);
 * console.log(gradients.dWax.shape); // [5, 3]
 * tf.dispose([xt, aPrev, aNext, ytPred, daNext, ...Object.values(parameters), ...Object.values(gradients)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function rnnCellBackward(daNext: tf.Tensor, cache: RnnCellCache): RnnCellGradients {
  const shapes = new ShapeChecker('rnnCellBackward');
  const c = checkRnnCellCache(shapes, 'cache', cache);
  shapes.checkFloat('daNext', daNext, ['nA', 'm']);
  return rnnCellGradients(daNext, c);
}
