import type * as tf from '@tensorflow/tfjs';
import type { KernelArgs } from './kernel-util.js';
import { callRecurrent, checkedDims, pickInputs, transposed } from './recurrent.js';

/**
 * `DlkitLstmForward` on wasm (the contract of `LSTM_FORWARD_KERNEL` in `@dlkit/core`): every step of
 * the sequence in one call of native/lstm.c, in place on tfjs' heap: per step one
 * `[m, nA] · [nA, 4nA]` product on 4x8 SIMD tiles, then the gates, `c` and `h` with SIMD sigmoid and tanh.
 */
export function lstmForward(args: KernelArgs): tf.TensorInfo[] {
  const dims = checkedDims('DlkitLstmForward', args.inputs, 'xProj', 4, (n, _, a) => ({
    recurrentKernel: [a, 4 * a],
    h0: [n, a],
    c0: [n, a],
  }));
  const [m, steps, units] = dims;
  const { backend } = args;
  const hc = backend.makeOutput([m, steps, 2 * units], 'float32');
  const gates = backend.makeOutput([m, steps, 4 * units], 'float32');
  const inputs = pickInputs(args, ['xProj', 'recurrentKernel', 'h0', 'c0']);
  callRecurrent(backend, 'DlkitLstmForward', 'lstmForward', [...inputs, hc, gates], dims);
  return [hc, gates];
}

/**
 * `DlkitLstmBackward` on wasm (the contract of `LSTM_BACKWARD_KERNEL` in `@dlkit/core`):
 * back-propagation through every step in one call of native/lstm.c, in place on tfjs' heap; the
 * recurrent kernel is transposed once for the per-step `dz · U^T` products.
 */
export function lstmBackward(args: KernelArgs): tf.TensorInfo[] {
  const dims = checkedDims('DlkitLstmBackward', args.inputs, 'hc', 2, (n, t, a) => ({
    dhc: [n, t, 2 * a],
    recurrentKernel: [a, 4 * a],
    c0: [n, a],
    gates: [n, t, 4 * a],
  }));
  const [m, steps, units] = dims;
  const { backend } = args;
  const [dhc, u, c0, hc, gates] = pickInputs(args, ['dhc', 'recurrentKernel', 'c0', 'hc', 'gates']);
  const ut = transposed(backend, u!);
  const dz = backend.makeOutput([m, steps, 4 * units], 'float32');
  const dh0 = backend.makeOutput([m, units], 'float32');
  const dc0 = backend.makeOutput([m, units], 'float32');
  const tensors = [dhc!, ut, c0!, hc!, gates!, dz, dh0, dc0];
  callRecurrent(backend, 'DlkitLstmBackward', 'lstmBackward', tensors, dims);
  backend.disposeData(ut.dataId);
  return [dz, dh0, dc0];
}
