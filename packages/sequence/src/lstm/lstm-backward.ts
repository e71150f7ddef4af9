import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import { checkSequenceBackward } from '../rnn/rnn-backward.js';
import { stepOf } from '../rnn/rnn-forward.js';
import type { SequenceCaches } from '../rnn/sequence-caches.js';
import {
  checkLstmCellCache,
  lstmCellGradients,
  type CheckedLstmCache,
  type LstmParameterGradients,
} from './lstm-cell-backward.js';
import type { LstmCellCache } from './lstm-cell-forward.js';

/**
 * What {@link lstmBackward} returns: the notebook's
 * `{dx, da0, dWf, dbf, dWi, dbi, dWc, dbc, dWo, dbo}` (new tensors).
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface LstmGradients extends LstmParameterGradients {
  /** Gradient with respect to the inputs, `[nX, m, T]`. */
  dx: tf.Tensor;
  /** Gradient with respect to the initial hidden state, `[nA, m]`. */
  da0: tf.Tensor;
}

const PARAMETER_KEYS = ['dWf', 'dbf', 'dWi', 'dbi', 'dWc', 'dbc', 'dWo', 'dbo'] as const;

/**
 * Back-propagation through time for the LSTM (the notebook's `lstm_backward`): from the last
 * step to the first, {@link lstmCellBackward} with `da⟨t⟩ + daPrev⟨t+1⟩` and `dcPrev⟨t+1⟩`
 * (zero after the last step), summing the parameter gradients over the steps. As in the
 * notebook, `T` is read from `da`: a `da` with fewer steps than the forward pass
 * back-propagates its first `T` steps only (the notebook's own test cell does this).
 *
 * @param da - Gradient of the loss with respect to every hidden state, `[nA, m, T]`.
 * @param caches - The `caches` of {@link lstmForward}.
 * @returns The new tensors `dx [nX, m, T]`, `da0 [nA, m]`, `dWf, dWi, dWc, dWo [nA, nA + nX]` and
 * `dbf, dbi, dbc, dbo [nA, 1]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { lstmForward, lstmBackward, disposeCaches } from '@dlkit/sequence';
 * const rng = new RandomState(1);
 * const x = rng.randn(3, 10, 7);
 * const a0 = rng.randn(5, 10);
 * const parameters = {
 *   Wf: rng.randn(5, 8), bf: rng.randn(5, 1), Wi: rng.randn(5, 8), bi: rng.randn(5, 1),
 *   Wo: rng.randn(5, 8), bo: rng.randn(5, 1), Wc: rng.randn(5, 8), bc: rng.randn(5, 1),
 *   Wy: tf.zeros([2, 5]), by: tf.zeros([2, 1]),
 * };
 * const { a, y, c, caches } = lstmForward(x, a0, parameters);
 * const da = rng.randn(5, 10, 7);
 * const gradients = lstmBackward(da, caches);
 * console.log(gradients.dx.shape, gradients.dWf.shape); // [3, 10, 7] [5, 8]
 * disposeCaches(caches);
 * tf.dispose([x, a0, a, y, c, da, ...Object.values(parameters), ...Object.values(gradients)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function lstmBackward(da: tf.Tensor, caches: SequenceCaches<LstmCellCache>): LstmGradients {
  const shapes = new ShapeChecker('lstmBackward');
  const { steps, T } = checkSequenceBackward<CheckedLstmCache>(
    shapes,
    da,
    caches,
    checkLstmCellCache,
  );
  return tf.tidy(() => {
    const first = steps[0] as CheckedLstmCache;
    let daPrev: tf.Tensor = tf.zerosLike(first.aPrev);
    let dcPrev: tf.Tensor = tf.zerosLike(first.aPrev);
    const sums = Object.fromEntries(
      PARAMETER_KEYS.map((k) => [k, tf.zerosLike(first.parameters[k.slice(1) as 'Wf'])]),
    ) as Record<(typeof PARAMETER_KEYS)[number], tf.Tensor>;
    const dxs: tf.Tensor[] = [];
    for (let t = T - 1; t >= 0; t--) {
      const daNext = tf.add(stepOf(da, t), daPrev);
      const g = lstmCellGradients(daNext, dcPrev, steps[t] as CheckedLstmCache);
      dxs.unshift(g.dxt);
      daPrev = g.daPrev;
      dcPrev = g.dcPrev;
      for (const k of PARAMETER_KEYS) sums[k] = sums[k].add(g[k]);
    }
    return { dx: tf.stack(dxs, 2), da0: daPrev, ...sums };
  });
}
