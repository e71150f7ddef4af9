import * as tf from '@tensorflow/tfjs';

/**
 * The contract of dlkit's fused LSTM forward kernel (`LSTM_FORWARD_KERNEL` in `@dlkit/core`)
 * written with ordinary tfjs ops, step by step: the oracle fused kernels are tested against, on
 * any backend.
 *
 * @param xProj - `[m, Tx, 4nA]`, the input projection, gates in the order i, f, c, o.
 * @param recurrentKernel - `[nA, 4nA]`.
 * @param h0 - `[m, nA]`.
 * @param c0 - `[m, nA]`.
 * @returns `[hc, gates]`: `hc` `[m, Tx, 2nA]` (h then c at each step) and the activated `gates`
 *   `[m, Tx, 4nA]`; the caller disposes both.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { referenceLstmForward } from '@dlkit/test-harness';
 * const inputs = [tf.zeros([1, 2, 4]), tf.zeros([1, 4]), tf.zeros([1, 1]), tf.ones([1, 1])] as const;
 * const [hc, gates] = referenceLstmForward(...inputs);
 * console.log(hc.shape, gates.shape); // [1, 2, 2] [1, 2, 4]
 * tf.dispose([hc, gates, ...inputs]);
 * ```
 */
export function referenceLstmForward(
  xProj: tf.Tensor,
  recurrentKernel: tf.Tensor,
  h0: tf.Tensor,
  c0: tf.Tensor,
): [tf.Tensor3D, tf.Tensor3D] {
  return tf.tidy(() => {
    const steps = xProj.shape[1] as number;
    let h = h0 as tf.Tensor2D;
    let c = c0 as tf.Tensor2D;
    const hcs: tf.Tensor2D[] = [];
    const gateList: tf.Tensor2D[] = [];
    const [m, , width] = xProj.shape as [number, number, number];
    for (let t = 0; t < steps; t++) {
      // A slice per step: tfjs' unstack gradient fails on a one-step sequence.
      const xt = tf.reshape(tf.slice(xProj, [0, t, 0], [m, 1, width]), [m, width]);
      const z = tf.add(xt, tf.matMul(h, recurrentKernel as tf.Tensor2D));
      const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
      ];
      const [i, f, g, o] = [tf.sigmoid(zi), tf.sigmoid(zf), tf.tanh(zg), tf.sigmoid(zo)];
      c = tf.add(tf.mul(f, c), tf.mul(i, g));
      h = tf.mul(o, tf.tanh(c));
      hcs.push(tf.concat([h, c], 1));
      gateList.push(tf.concat([i, f, g, o], 1));
    }
    return [tf.stack(hcs, 1) as tf.Tensor3D, tf.stack(gateList, 1) as tf.Tensor3D];
  });
}

/**
 * The result dlkit's fused LSTM backward kernel (`LSTM_BACKWARD_KERNEL` in `@dlkit/core`) must
 * give, by autodiff: `tf.grads` of `sum(referenceLstmForward(...).hc * dhc)` with respect to
 * `xProj`, `h0` and `c0`.
 *
 * @param xProj - `[m, Tx, 4nA]`.
 * @param recurrentKernel - `[nA, 4nA]`.
 * @param h0 - `[m, nA]`.
 * @param c0 - `[m, nA]`.
 * @param dhc - `[m, Tx, 2nA]`, the gradient reaching the forward's `hc`.
 * @returns `[dz, dh0, dc0]`: `[m, Tx, 4nA]`, `[m, nA]`, `[m, nA]`; the caller disposes them.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { referenceLstmBackward } from '@dlkit/test-harness';
 * const inputs = [tf.zeros([1, 2, 4]), tf.zeros([1, 4]), tf.zeros([1, 1]), tf.ones([1, 1]), tf.ones([1, 2, 2])] as const;
 * const grads = referenceLstmBackward(...inputs);
 * console.log(grads.map((g) => g.shape)); // [[1, 2, 4], [1, 1], [1, 1]]
 * tf.dispose([...grads, ...inputs]);
 * ```
 */
export function referenceLstmBackward(
  xProj: tf.Tensor,
  recurrentKernel: tf.Tensor,
  h0: tf.Tensor,
  c0: tf.Tensor,
  dhc: tf.Tensor,
): [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D] {
  return tf.tidy(() => {
    const grads = tf.grads((x: tf.Tensor, h: tf.Tensor, c: tf.Tensor) => {
      const [hc, gates] = referenceLstmForward(x, recurrentKernel, h, c);
      gates.dispose();
      return tf.sum(tf.mul(hc, dhc));
    });
    return grads([xProj, h0, c0]) as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D];
  });
}
