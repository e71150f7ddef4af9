import * as tf from '@tensorflow/tfjs';

/**
 * Name of dlkit's fused LSTM forward kernel: a whole sequence of LSTM steps in one kernel call.
 *
 * The contract (the same on every backend that registers it; `@dlkit/backend` registers it for
 * `wasm`, and `@dlkit/sequence`'s `lstmSequence` runs it when {@link hasKernel} says so):
 *
 * - inputs, in order: `xProj` `[m, Tx, 4 * nA]` (the input projection `x · kernel + bias`, gates
 *   in Keras' order i, f, c, o), `recurrentKernel` `[nA, 4 * nA]`, `h0` `[m, nA]`, `c0` `[m, nA]`;
 * - no attributes;
 * - outputs, in order: `hc` `[m, Tx, 2 * nA]` (at each step the hidden state `h` in
 *   `[..., 0:nA]` and the cell state `c` in `[..., nA:2nA]`), `gates` `[m, Tx, 4 * nA]` (the
 *   activated gates: sigmoid of i, f and o, tanh of the candidate c), all float32.
 *
 * The step is `z = xProj[:, t] + h[t-1] · recurrentKernel`, `c[t] = f * c[t-1] + i * g`,
 * `h[t] = o * tanh(c[t])`, with `h[-1] = h0` and `c[-1] = c0`.
 *
 * @example
 * ```ts
 * import { LSTM_FORWARD_KERNEL } from '@dlkit/core';
 * console.log(LSTM_FORWARD_KERNEL); // DlkitLstmForward
 * ```
 *
 * @category Fused kernels
 */
export const LSTM_FORWARD_KERNEL = 'DlkitLstmForward';

/**
 * Name of dlkit's fused LSTM backward kernel: back-propagation through time over a whole sequence
 * in one kernel call, the gradient of {@link LSTM_FORWARD_KERNEL}.
 *
 * - inputs, in order: `dhc` `[m, Tx, 2 * nA]` (the gradient of the loss with respect to the
 *   forward kernel's `hc` output, zeros where unused), `recurrentKernel` `[nA, 4 * nA]`, `h0`
 *   `[m, nA]`, `c0` `[m, nA]`, and the forward kernel's outputs `hc` `[m, Tx, 2 * nA]` and `gates`
 *   `[m, Tx, 4 * nA]`;
 * - no attributes;
 * - outputs, in order: `dz` `[m, Tx, 4 * nA]` (the gradient with respect to the gates'
 *   pre-activations, which is also the gradient with respect to `xProj`), `dh0` `[m, nA]`, `dc0`
 *   `[m, nA]`, all float32.
 *
 * The weight gradients follow from `dz` with ordinary products:
 * `dRecurrentKernel = sum_t h[t-1]^T · dz[:, t]`, `dKernel = x^T · dz`, `dBias = sum dz`,
 * `dx = dz · kernel^T`.
 *
 * @example
 * ```ts
 * import { LSTM_BACKWARD_KERNEL } from '@dlkit/core';
 * console.log(LSTM_BACKWARD_KERNEL); // DlkitLstmBackward
 * ```
 *
 * @category Fused kernels
 */
export const LSTM_BACKWARD_KERNEL = 'DlkitLstmBackward';

/**
 * Name of dlkit's fused GRU forward kernel: a whole sequence of GRU steps in one kernel call, for
 * Keras' default GRU (`reset_after=True`, PyTorch's `nn.GRU`) with sigmoid gates and a tanh
 * candidate.
 *
 * The contract (`@dlkit/backend` registers it for `wasm`, and `@dlkit/sequence`'s `gruSequence`
 * runs it when {@link hasKernel} says so):
 *
 * - inputs, in order: `xProj` `[m, Tx, 3 * nA]` (the input projection `x · kernel + bias[0]`,
 *   gates in Keras' order z, r, h), `recurrentKernel` `[nA, 3 * nA]`, `recurrentBias`
 *   `[3 * nA]` (Keras' `bias[1]`), `h0` `[m, nA]`;
 * - no attributes;
 * - outputs, in order: `h` `[m, Tx, nA]` (the hidden state at every step), `gates`
 *   `[m, Tx, 4 * nA]` (per step `z`, `r`, the candidate `hh` and the recurrent candidate term
 *   `rh`, each `nA` wide), all float32.
 *
 * The step is `rec = h[t-1] · recurrentKernel + recurrentBias` split into `rz, rr, rh`,
 * `z = sigmoid(xz + rz)`, `r = sigmoid(xr + rr)`, `hh = tanh(xh + r * rh)`,
 * `h[t] = z * h[t-1] + (1 - z) * hh`, with `h[-1] = h0`.
 *
 * @example
 * ```ts
 * import { GRU_FORWARD_KERNEL } from '@dlkit/core';
 * console.log(GRU_FORWARD_KERNEL); // DlkitGruForward
 * ```
 *
 * @category Fused kernels
 */
export const GRU_FORWARD_KERNEL = 'DlkitGruForward';

/**
 * Name of dlkit's fused GRU backward kernel: back-propagation through time over a whole sequence
 * in one kernel call, the gradient of {@link GRU_FORWARD_KERNEL}.
 *
 * - inputs, in order: `dh` `[m, Tx, nA]` (the gradient of the loss with respect to the forward
 *   kernel's `h` output), `recurrentKernel` `[nA, 3 * nA]`, `h0` `[m, nA]`, and the forward
 *   kernel's outputs `h` `[m, Tx, nA]` and `gates` `[m, Tx, 4 * nA]`;
 * - no attributes;
 * - outputs, in order: `dxProj` `[m, Tx, 3 * nA]` (the gradient with respect to `xProj`),
 *   `dRec` `[m, Tx, 3 * nA]` (the gradient with respect to each step's
 *   `rec = h[t-1] · recurrentKernel + recurrentBias`), `dh0` `[m, nA]`, all float32.
 *
 * The weight gradients follow from `dRec` with ordinary products:
 * `dRecurrentKernel = sum_t h[t-1]^T · dRec[:, t]`, `dRecurrentBias = sum dRec`.
 *
 * @example
 * ```ts
 * import { GRU_BACKWARD_KERNEL } from '@dlkit/core';
 * console.log(GRU_BACKWARD_KERNEL); // DlkitGruBackward
 * ```
 *
 * @category Fused kernels
 */
export const GRU_BACKWARD_KERNEL = 'DlkitGruBackward';

/**
 * Name of dlkit's fused Adam update kernel: one optimizer step for one variable in one kernel
 * call, instead of the dozen element-wise ops of `tf.train.adam`.
 *
 * - inputs, in order: `value`, `m` (first moment), `v` (second moment) and `gradient`, all of
 *   the variable's shape, float32;
 * - attributes: `learningRate`, `beta1`, `beta2`, `epsilon`, and `beta1Power` and `beta2Power`
 *   (`beta1^t` and `beta2^t` for the step `t` being taken, counted from 1);
 * - outputs, in order: the new `value`, `m` and `v`.
 *
 * The update is tfjs' and Keras': `m = beta1 * m + (1 - beta1) * g`,
 * `v = beta2 * v + (1 - beta2) * g^2`,
 * `value -= learningRate * (m / (1 - beta1Power)) / (sqrt(v / (1 - beta2Power)) + epsilon)`.
 *
 * @example
 * ```ts
 * import { ADAM_UPDATE_KERNEL } from '@dlkit/core';
 * console.log(ADAM_UPDATE_KERNEL); // DlkitAdamUpdate
 * ```
 *
 * @category Fused kernels
 */
export const ADAM_UPDATE_KERNEL = 'DlkitAdamUpdate';

/**
 * Whether the active tfjs backend has a kernel registered under `kernelName`: how an op chooses
 * between a fused kernel (such as {@link LSTM_FORWARD_KERNEL}) and its composition of ordinary
 * tfjs ops.
 *
 * @param kernelName - A kernel name, e.g. {@link LSTM_FORWARD_KERNEL}.
 * @returns `true` when `tf.getKernel(kernelName, tf.getBackend())` finds a kernel.
 *
 * @example
 * ```ts
 * import { hasKernel } from '@dlkit/core';
 * console.log(hasKernel('BatchMatMul')); // true on every tfjs backend
 * ```
 *
 * @category Fused kernels
 */
export function hasKernel(kernelName: string): boolean {
  if (typeof kernelName !== 'string') return false;
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}
