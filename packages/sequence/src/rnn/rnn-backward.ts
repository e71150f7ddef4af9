import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker } from '@dlkit/core';
import { readCache, readCacheList } from './check.js';
import { checkRnnCellCache, rnnCellGradients } from './rnn-cell-backward.js';
import type { RnnCellCache } from './rnn-cell-forward.js';
import { stepOf } from './rnn-forward.js';
import type { SequenceCaches } from './sequence-caches.js';

/**
 * What {@link rnnBackward} returns: the notebook's `{dx, da0, dWax, dWaa, dba}` (new tensors).
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface RnnGradients {
  /** Gradient with respect to the inputs, `[nX, m, T]`. */
  dx: tf.Tensor;
  /** Gradient with respect to the initial hidden state, `[nA, m]`. */
  da0: tf.Tensor;
  /** Gradient with respect to `Wax`, summed over the steps, `[nA, nX]`. */
  dWax: tf.Tensor;
  /** Gradient with respect to `Waa`, `[nA, nA]`. */
  dWaa: tf.Tensor;
  /** Gradient with respect to `ba`, `[nA, 1]`. */
  dba: tf.Tensor;
}

/**
 * Checks a sequence's `caches` and `da` (`[nA, m, T]` with `1 <= T <= ` the forward pass's
 * steps), returning the step caches, checked by `checkStep`, and `T`.
 */
export function checkSequenceBackward<C>(
  shapes: ShapeChecker,
  da: tf.Tensor,
  caches: unknown,
  checkStep: (shapes: ShapeChecker, argument: string, value: unknown) => C,
): { steps: C[]; T: number } {
  const list = readCacheList(
    shapes.fn,
    'caches.caches',
    readCache(shapes.fn, 'caches', caches)['caches'],
  );
  const steps = list.map((step, t) => checkStep(shapes, `caches.caches[${t}]`, step));
  shapes.checkFloat('da', da, ['nA', 'm', null]);
  const T = da.shape[2] as number;
  if (T < 1 || T > steps.length) {
    throw new DlkitError(
      'shape',
      shapes.fn,
      `da must have between 1 and ${steps.length} time steps (the forward pass's), got ${T}`,
      { argument: 'da' },
    );
  }
  return { steps, T };
}

/**
 * Back-propagation through time for the basic RNN (the notebook's `rnn_backward`): from the
 * last step to the first, {@link rnnCellBackward} with `da⟨t⟩ + daPrev⟨t+1⟩` as the upstream
 * gradient, summing the parameter gradients over the steps. As in the notebook, the number of
 * steps `T` is read from `da`: a `da` with fewer steps than the forward pass back-propagates its
 * first `T` steps only.
 *
 * @param da - Gradient of the loss with respect to every hidden state, `[nA, m, T]` (from the
 * outputs; the recurrence adds the rest).
 * @param caches - The `caches` of {@link rnnForward}.
 * @returns `{ dx [nX, m, T], da0 [nA, m], dWax [nA, nX], dWaa [nA, nA], dba [nA, 1] }`, new
 * tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { rnnForward, rnnBackward, disposeCaches } from '@dlkit/sequence';
 * const rng = new RandomState(1);
 * const x = rng.randn(3, 10, 4);
 * const a0 = rng.randn(5, 10);
 * const parameters = {
 *   Wax: rng.randn(5, 3), Waa: rng.randn(5, 5), Wya: rng.randn(2, 5),
 *   ba: rng.randn(5, 1), by: rng.randn(2, 1),
 * };
 * const { a, yPred, caches } = rnnForward(x, a0, parameters);
 * const da = rng.randn(5, 10, 4);
 * const gradients = rnnBackward(da, caches);
 * console.log(gradients.dx.shape, gradients.dWaa.shape); // [3, 10, 4] [5, 5]
 * disposeCaches(caches);
 * tf.dispose([x, a0, a, yPred, da, ...Object.values(parameters), ...Object.values(gradients)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function rnnBackward(da: tf.Tensor, caches: SequenceCaches<RnnCellCache>): RnnGradients {
  const shapes = new ShapeChecker('rnnBackward');
  const { steps, T } = checkSequenceBackward<RnnCellCache>(shapes, da, caches, checkRnnCellCache);
  return tf.tidy(() => {
    const first = steps[0] as RnnCellCache;
    let daPrev: tf.Tensor = tf.zerosLike(first.aPrev);
    let dWax: tf.Tensor = tf.zerosLike(first.parameters.Wax);
    let dWaa: tf.Tensor = tf.zerosLike(first.parameters.Waa);
    let dba: tf.Tensor = tf.zerosLike(first.parameters.ba);
    const dxs: tf.Tensor[] = [];
    for (let t = T - 1; t >= 0; t--) {
      const g = rnnCellGradients(tf.add(stepOf(da, t), daPrev), steps[t] as RnnCellCache);
      dxs.unshift(g.dxt);
      daPrev = g.daPrev;
      dWax = dWax.add(g.dWax);
      dWaa = dWaa.add(g.dWaa);
      dba = dba.add(g.dba);
    }
    return { dx: tf.stack(dxs, 2), da0: daPrev, dWax, dWaa, dba };
  });
}
