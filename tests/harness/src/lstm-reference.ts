import * as tf from '@tensorflow/tfjs';

/**
 * The contract of dlkit's fused LSTM forward kernel (`LSTM_FORWARD_KERNEL` in `@dlkit/core`)
 * written with ordinary tfjs ops, step by step: the oracle fused kernels are tested against, on
 * any backend, and (with {@link registerReferenceLstmKernels}) the fused kernel of backends that
 * have none, so tests can take `lstmSequence`'s fused path on `cpu`.
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
 * A reference implementation of the `DlkitLstmBackward` kernel contract (`LSTM_BACKWARD_KERNEL`
 * in `@dlkit/core`) written with ordinary tfjs ops: back-propagation through time from the last
 * step to the first, using only what the contract passes (the forward kernel's `hc` and activated
 * `gates`, not `xProj`):
 *
 * - `dh = dhc[:, t, :nA] + dhNext`, `dc = dhc[:, t, nA:] + dcNext + dh * o * (1 - tanh(c[t])^2)`;
 * - `dzI = dc * g * i(1 - i)`, `dzF = dc * c[t-1] * f(1 - f)`, `dzG = dc * i * (1 - g^2)`,
 *   `dzO = dh * tanh(c[t]) * o(1 - o)`;
 * - `dhNext = dz[:, t] · U^T`, `dcNext = dc * f`; after step 0 these are `dh0` and `dc0`.
 *
 * The harness' tests check it against `tf.grads` of {@link referenceLstmForward} and against
 * finite differences of a float64 LSTM.
 *
 * @param dhc - The gradient of the loss with respect to `hc`, `[m, Tx, 2nA]`.
 * @param U - The recurrent kernel, `[nA, 4nA]`.
 * @param h0 - The initial hidden state, `[m, nA]`.
 * @param c0 - The initial cell state, `[m, nA]`.
 * @param hc - The forward kernel's `hc`, `[m, Tx, 2nA]`.
 * @param gates - The forward kernel's activated gates, `[m, Tx, 4nA]`.
 * @returns `[dz, dh0, dc0]`: the gradient with respect to the gates' pre-activations (equal to
 * the gradient with respect to `xProj`) `[m, Tx, 4nA]`, and `[m, nA]` twice. The caller owns them.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { referenceLstmBackward, referenceLstmForward } from '@dlkit/test-harness';
 * const [xProj, U, h0, c0] = [tf.ones([1, 2, 4]), tf.zeros([1, 4]), tf.zeros([1, 1]), tf.zeros([1, 1])];
 * const [hc, gates] = referenceLstmForward(xProj, U, h0, c0);
 * const dhc = tf.onesLike(hc);
 * const [dz, dh0, dc0] = referenceLstmBackward(dhc, U, h0, c0, hc, gates);
 * console.log(dz.shape, dh0.shape, dc0.shape); // [1, 2, 4] [1, 1] [1, 1]
 * tf.dispose([xProj, U, h0, c0, hc, gates, dhc, dz, dh0, dc0]);
 * ```
 */
export function referenceLstmBackward(
  dhc: tf.Tensor,
  U: tf.Tensor,
  h0: tf.Tensor,
  c0: tf.Tensor,
  hc: tf.Tensor,
  gates: tf.Tensor,
): [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D] {
  return tf.tidy(() => {
    const [m, Tx] = hc.shape as [number, number, number];
    const nA = U.shape[0] as number;
    const at = (t: tf.Tensor, step: number, from: number, size: number): tf.Tensor2D =>
      tf.reshape(tf.slice(t, [0, step, from], [m, 1, size]), [m, size]);
    let dhNext: tf.Tensor2D = tf.zerosLike(h0 as tf.Tensor2D);
    let dcNext: tf.Tensor2D = tf.zerosLike(c0 as tf.Tensor2D);
    const dzs: tf.Tensor2D[] = new Array<tf.Tensor2D>(Tx);
    for (let t = Tx - 1; t >= 0; t--) {
      const c = at(hc, t, nA, nA);
      const cPrev = t > 0 ? at(hc, t - 1, nA, nA) : (c0 as tf.Tensor2D);
      const i = at(gates, t, 0, nA);
      const f = at(gates, t, nA, nA);
      const g = at(gates, t, 2 * nA, nA);
      const o = at(gates, t, 3 * nA, nA);
      const tanhC = tf.tanh(c);
      const dh = tf.add(at(dhc, t, 0, nA), dhNext);
      const dc = tf.add(
        tf.add(at(dhc, t, nA, nA), dcNext),
        tf.mul(tf.mul(dh, o), tf.sub(1, tf.square(tanhC))),
      );
      const sigmoidGrad = (s: tf.Tensor): tf.Tensor => tf.mul(s, tf.sub(1, s));
      const dzI = tf.mul(tf.mul(dc, g), sigmoidGrad(i));
      const dzF = tf.mul(tf.mul(dc, cPrev), sigmoidGrad(f));
      const dzG = tf.mul(tf.mul(dc, i), tf.sub(1, tf.square(g)));
      const dzO = tf.mul(tf.mul(dh, tanhC), sigmoidGrad(o));
      const dz = tf.concat([dzI, dzF, dzG, dzO], 1) as tf.Tensor2D;
      dzs[t] = dz;
      dhNext = tf.matMul(dz, U as tf.Tensor2D, false, true);
      dcNext = tf.mul(dc, f);
    }
    return [tf.stack(dzs, 1) as tf.Tensor3D, dhNext, dcNext];
  });
}

/**
 * Registers {@link referenceLstmForward} and {@link referenceLstmBackward} as the
 * `DlkitLstmForward` and `DlkitLstmBackward` kernels of a backend (by default the active one), so
 * `lstmSequence` takes its fused path there. For tests only: the kernels run ordinary tfjs ops.
 * A kernel the backend already has (e.g. `@dlkit/backend`'s on wasm) is left in place.
 *
 * @param backendName - The backend to register them for (default `tf.getBackend()`).
 * @returns A function that unregisters the kernels this call registered.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { registerReferenceLstmKernels } from '@dlkit/test-harness';
 * const unregister = registerReferenceLstmKernels();
 * console.log(tf.getKernel('DlkitLstmForward', tf.getBackend()) !== undefined); // true
 * unregister();
 * ```
 */
export function registerReferenceLstmKernels(backendName: string = tf.getBackend()): () => void {
  // The names of `LSTM_FORWARD_KERNEL` and `LSTM_BACKWARD_KERNEL` in `@dlkit/core`, written out
  // so this file depends on tfjs only.
  const forwardName = 'DlkitLstmForward';
  const backwardName = 'DlkitLstmBackward';
  const input = (inputs: tf.NamedTensorInfoMap, name: string): tf.Tensor => {
    const t = inputs[name];
    if (!(t instanceof tf.Tensor)) throw new Error(`reference LSTM kernel: no input ${name}`);
    return t;
  };
  const registered: string[] = [];
  const register = (kernelName: string, kernelFunc: tf.KernelFunc): void => {
    if (tf.getKernel(kernelName, backendName) !== undefined) return;
    tf.registerKernel({ kernelName, backendName, kernelFunc });
    registered.push(kernelName);
  };
  register(forwardName, ({ inputs }) =>
    referenceLstmForward(
      input(inputs, 'xProj'),
      input(inputs, 'recurrentKernel'),
      input(inputs, 'h0'),
      input(inputs, 'c0'),
    ),
  );
  register(backwardName, ({ inputs }) =>
    referenceLstmBackward(
      input(inputs, 'dhc'),
      input(inputs, 'recurrentKernel'),
      input(inputs, 'h0'),
      input(inputs, 'c0'),
      input(inputs, 'hc'),
      input(inputs, 'gates'),
    ),
  );
  return () => {
    for (const kernelName of registered.splice(0)) tf.unregisterKernel(kernelName, backendName);
  };
}
