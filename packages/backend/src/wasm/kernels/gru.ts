import type * as tf from '@tensorflow/tfjs';
import type { KernelArgs } from './kernel-util.js';
import { callRecurrent, checkedDims, pickInputs, transposed } from './recurrent.js';

/**
 * `DlkitGruForward` on wasm (the contract of `GRU_FORWARD_KERNEL` in `@dlkit/core`): every step of
 * the sequence in one call of native/gru.c, in place on tfjs' heap: per step one
 * `[m, nA] · [nA, 3nA]` product on 4x8 SIMD tiles, then the gates, the candidate and `h` with SIMD
 * sigmoid and tanh.
 */
export function gruForward(args: KernelArgs): tf.TensorInfo[] {
  const dims = checkedDims('DlkitGruForward', args.inputs, 'xProj', 3, (n, _, a) => ({
    recurrentKernel: [a, 3 * a],
    recurrentBias: [3 * a],
    h0: [n, a],
  }));
  const [m, steps, units] = dims;
  const { backend } = args;
  const h = backend.makeOutput([m, steps, units], 'float32');
  const gates = backend.makeOutput([m, steps, 4 * units], 'float32');
  const inputs = pickInputs(args, ['xProj', 'recurrentKernel', 'recurrentBias', 'h0']);
  callRecurrent(backend, 'DlkitGruForward', 'gruForward', [...inputs, h, gates], dims);
  return [h, gates];
}

/**
 * `DlkitGruBackward` on wasm (the contract of `GRU_BACKWARD_KERNEL` in `@dlkit/core`):
 * back-propagation through every step in one call of native/gru.c, in place on tfjs' heap; the
 * recurrent kernel is transposed once for the per-step `dRec · U^T` products.
 */
export function gruBackward(args: KernelArgs): tf.TensorInfo[] {
  const dims = checkedDims('DlkitGruBackward', args.inputs, 'h', 1, (n, t, a) => ({
    dh: [n, t, a],
    recurrentKernel: [a, 3 * a],
    h0: [n, a],
    gates: [n, t, 4 * a],
  }));
  const [m, steps, units] = dims;
  const { backend } = args;
  const [dh, u, h0, h, gates] = pickInputs(args, ['dh', 'recurrentKernel', 'h0', 'h', 'gates']);
  const ut = transposed(backend, u!);
  const dxProj = backend.makeOutput([m, steps, 3 * units], 'float32');
  const dRec = backend.makeOutput([m, steps, 3 * units], 'float32');
  const dh0 = backend.makeOutput([m, units], 'float32');
  const tensors = [dh!, ut, h0!, h!, gates!, dxProj, dRec, dh0];
  callRecurrent(backend, 'DlkitGruBackward', 'gruBackward', tensors, dims);
  backend.disposeData(ut.dataId);
  return [dxProj, dRec, dh0];
}
