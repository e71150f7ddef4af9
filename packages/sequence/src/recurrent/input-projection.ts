import * as tf from '@tensorflow/tfjs';
import type { SequenceDims } from './sequence-dims.js';

/**
 * `x · kernel + bias` for every step at once, as one matmul over all `m * Tx` rows:
 * `[m, Tx, gates nA]` for `x` `[m, Tx, nX]` and `kernel` `[nX, gates nA]`.
 */
export function inputProjection(
  x: tf.Tensor,
  kernel: tf.Tensor,
  bias: tf.Tensor,
  d: SequenceDims,
  gates: number,
): tf.Tensor3D {
  return tf.tidy(() => {
    const rows = tf.reshape(x, [d.m * d.Tx, d.nX]) as tf.Tensor2D;
    const projected = tf.add(tf.matMul(rows, kernel as tf.Tensor2D), bias);
    return tf.reshape(projected, [d.m, d.Tx, gates * d.nA]);
  });
}

/**
 * Step `t` of a projection `[m, Tx, width]`, as `[m, width]`. Per-step slices, not
 * `tf.unstack`: tfjs' unstack gradient fails when `Tx = 1`.
 */
export function stepInput(projection: tf.Tensor3D, t: number): tf.Tensor2D {
  const [m, , width] = projection.shape;
  return tf.reshape(tf.slice(projection, [0, t, 0], [m, 1, width]), [m, width]);
}

/**
 * `h[t-1]` for every step `t`, as the rows `[m * Tx, nA]` the recurrent kernel's gradient is one
 * matmul over: `h0` `[m, nA]`, then the hidden states of steps `0 .. Tx-2`, read from the first
 * `nA` columns of `states` `[m, Tx, ≥ nA]` (the GRU's `h`, the LSTM's `[h, c]`).
 */
export function previousStates(h0: tf.Tensor, states: tf.Tensor, d: SequenceDims): tf.Tensor2D {
  return tf.tidy(() => {
    const { m, Tx, nA } = d;
    const first = tf.reshape(h0, [m, 1, nA]);
    const earlier = Tx === 1 ? null : tf.slice(states, [0, 0, 0], [m, Tx - 1, nA]);
    const all = earlier === null ? first : tf.concat([first, earlier], 1);
    return tf.reshape(all, [m * Tx, nA]);
  });
}
