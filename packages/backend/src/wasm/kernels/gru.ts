import type * as tf from '@tensorflow/tfjs';
import { nativeOrThrow } from './native.js';
import { checkedDims } from './lstm.js';
import { runWasmKernel, type KernelArgs } from './kernel-util.js';

/**
 * `DlkitGruForward` on wasm (the contract of `GRU_FORWARD_KERNEL` in `@dlkit/core`): every step of
 * the sequence in one call of native/gru.c, in place on tfjs' heap: per step one
 * `[m, nA] · [nA, 3nA]` product on 4x8 SIMD tiles, then the gates, the candidate and `h` with SIMD
 * sigmoid and tanh.
 */
export function gruForward({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const [xProj, u, ub, h0] = ['xProj', 'recurrentKernel', 'recurrentBias', 'h0'].map(
    (name) => inputs[name] as tf.TensorInfo,
  ) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const [m, steps, units] = checkedDims('DlkitGruForward', inputs, 'xProj', 3, (n, _, a) => ({
    recurrentKernel: [a, 3 * a],
    recurrentBias: [3 * a],
    h0: [n, a],
  }));
  const h = backend.makeOutput([m, steps, units], 'float32');
  const gates = backend.makeOutput([m, steps, 4 * units], 'float32');
  const at = (t: tf.TensorInfo): number => backend.getMemoryOffset(t.dataId);
  nativeOrThrow(backend, 'DlkitGruForward').gruForward(
    at(xProj),
    at(u),
    at(ub),
    at(h0),
    at(h),
    at(gates),
    m,
    steps,
    units,
  );
  return [h, gates];
}

/**
 * `DlkitGruBackward` on wasm (the contract of `GRU_BACKWARD_KERNEL` in `@dlkit/core`):
 * back-propagation through every step in one call of native/gru.c, in place on tfjs' heap; the
 * recurrent kernel is transposed once for the per-step `dRec · U^T` products.
 */
export function gruBackward({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const [dh, u, h0, h, gates] = ['dh', 'recurrentKernel', 'h0', 'h', 'gates'].map(
    (name) => inputs[name] as tf.TensorInfo,
  ) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const [m, steps, units] = checkedDims('DlkitGruBackward', inputs, 'h', 1, (n, t, a) => ({
    dh: [n, t, a],
    recurrentKernel: [a, 3 * a],
    h0: [n, a],
    gates: [n, t, 4 * a],
  }));
  const ut = runWasmKernel(backend, 'Transpose', { x: u }, { perm: [1, 0] }) as tf.TensorInfo;
  const dxProj = backend.makeOutput([m, steps, 3 * units], 'float32');
  const dRec = backend.makeOutput([m, steps, 3 * units], 'float32');
  const dh0 = backend.makeOutput([m, units], 'float32');
  const at = (t: tf.TensorInfo): number => backend.getMemoryOffset(t.dataId);
  nativeOrThrow(backend, 'DlkitGruBackward').gruBackward(
    at(dh),
    at(ut),
    at(h0),
    at(h),
    at(gates),
    at(dxProj),
    at(dRec),
    at(dh0),
    m,
    steps,
    units,
  );
  backend.disposeData(ut.dataId);
  return [dxProj, dRec, dh0];
}
