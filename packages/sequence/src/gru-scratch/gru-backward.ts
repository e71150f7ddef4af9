import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import { checkSequenceBackward } from '../rnn/rnn-backward.js';
import { stepOf } from '../rnn/rnn-forward.js';
import type { SequenceCaches } from '../rnn/sequence-caches.js';
import {
  checkGruCellCache,
  gruCellGradients,
  type CheckedGruCache,
  type GruParameterGradients,
} from './gru-cell-backward.js';
import type { GruCellCache } from './gru-cell-forward.js';

/**
 * What {@link gruBackward} returns (new tensors).
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface GruGradients extends GruParameterGradients {
  /** Gradient with respect to the inputs, `[nX, m, T]`. */
  dx: tf.Tensor;
  /** Gradient with respect to the initial hidden state, `[nA, m]`. */
  da0: tf.Tensor;
}

/**
 * Back-propagation through time for the from-scratch GRU: from the last step to the first,
 * {@link gruCellBackward} with `da⟨t⟩ + daPrev⟨t+1⟩`, summing the parameter gradients over the
 * steps. `T` is read from `da`, as the notebook's `rnn_backward` does.
 *
 * @param da - Gradient of the loss with respect to every hidden state, `[nA, m, T]`.
 * @param caches - The `caches` of {@link gruForward}.
 * @returns The new tensors `dx [nX, m, T]`, `da0 [nA, m]`, `dWz, dWr, dWh [nA, nA + nX]`,
 * `dbz, dbr, dbh [nA, 1]` and, with `resetAfter`, `dbhh [nA, 1]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { gruForward, gruBackward, disposeCaches } from '@dlkit/sequence';
 * const rng = new RandomState(1);
 * const x = rng.randn(3, 10, 4);
 * const a0 = rng.randn(5, 10);
 * const parameters = {
 *   Wz: rng.randn(5, 8), bz: rng.randn(5, 1), Wr: rng.randn(5, 8), br: rng.randn(5, 1),
 *   Wh: rng.randn(5, 8), bh: rng.randn(5, 1),
 * };
 * const { a, caches } = gruForward(x, a0, parameters);
 * const da = rng.randn(5, 10, 4);
 * const gradients = gruBackward(da, caches);
 * console.log(gradients.dx.shape, gradients.dWz.shape); // [3, 10, 4] [5, 8]
 * disposeCaches(caches);
 * tf.dispose([x, a0, a, da, ...Object.values(parameters), ...Object.values(gradients)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function gruBackward(da: tf.Tensor, caches: SequenceCaches<GruCellCache>): GruGradients {
  const shapes = new ShapeChecker('gruBackward');
  const { steps, T } = checkSequenceBackward<CheckedGruCache>(
    shapes,
    da,
    caches,
    checkGruCellCache,
  );
  return tf.tidy(() => {
    const first = steps[0] as CheckedGruCache;
    let daPrev: tf.Tensor = tf.zerosLike(first.aPrev);
    let sums: GruParameterGradients | undefined;
    const dxs: tf.Tensor[] = [];
    for (let t = T - 1; t >= 0; t--) {
      const {
        dxt,
        daPrev: da1,
        ...g
      } = gruCellGradients(tf.add(stepOf(da, t), daPrev), steps[t] as CheckedGruCache);
      dxs.unshift(dxt);
      daPrev = da1;
      const previous = sums;
      sums =
        previous === undefined
          ? g
          : (Object.fromEntries(
              Object.entries(g).map(([k, v]) => [
                k,
                tf.add(previous[k as keyof GruParameterGradients] as tf.Tensor, v),
              ]),
            ) as unknown as GruParameterGradients);
    }
    return { dx: tf.stack(dxs, 2), da0: daPrev, ...(sums as GruParameterGradients) };
  });
}
