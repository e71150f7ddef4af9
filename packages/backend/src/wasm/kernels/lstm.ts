import type * as tf from '@tensorflow/tfjs';
import { nativeOrThrow } from './native.js';
import { runWasmKernel, type KernelArgs } from './kernel-util.js';

/** `[m, steps, units]` of an LSTM kernel call, read from `xProj` `[m, Tx, 4 nA]` or `hc`. */
function dims(x: tf.TensorInfo, perStep: number, kernel: string): [number, number, number] {
  const [m, steps, width] = x.shape as [number, number, number];
  if (x.shape.length !== 3 || width % perStep !== 0 || x.dtype !== 'float32') {
    throw new Error(
      `${kernel}: expected a float32 [m, Tx, ${perStep}nA] tensor, got ${x.dtype} [${x.shape.join(', ')}]`,
    );
  }
  return [m, steps, width / perStep];
}

/**
 * `DlkitLstmForward` on wasm (the contract of `LSTM_FORWARD_KERNEL` in `@dlkit/core`): every step of
 * the sequence in one call of native/lstm.c, in place on tfjs' heap: per step one
 * `[m, nA] · [nA, 4nA]` product on 4x8 SIMD tiles, then the gates, `c` and `h` with SIMD sigmoid and tanh.
 */
export function lstmForward({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const [xProj, u, h0, c0] = ['xProj', 'recurrentKernel', 'h0', 'c0'].map(
    (name) => inputs[name] as tf.TensorInfo,
  ) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const [m, steps, units] = dims(xProj, 4, 'DlkitLstmForward');
  const hc = backend.makeOutput([m, steps, 2 * units], 'float32');
  const gates = backend.makeOutput([m, steps, 4 * units], 'float32');
  const at = (t: tf.TensorInfo): number => backend.getMemoryOffset(t.dataId);
  nativeOrThrow(backend, 'DlkitLstmForward').lstmForward(
    at(xProj),
    at(u),
    at(h0),
    at(c0),
    at(hc),
    at(gates),
    m,
    steps,
    units,
  );
  return [hc, gates];
}

/**
 * `DlkitLstmBackward` on wasm (the contract of `LSTM_BACKWARD_KERNEL` in `@dlkit/core`):
 * back-propagation through every step in one call of native/lstm.c, in place on tfjs' heap; the
 * recurrent kernel is transposed once for the per-step `dz · U^T` products.
 */
export function lstmBackward({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const [dhc, u, c0, hc, gates] = ['dhc', 'recurrentKernel', 'c0', 'hc', 'gates'].map(
    (name) => inputs[name] as tf.TensorInfo,
  ) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const [m, steps, units] = dims(hc, 2, 'DlkitLstmBackward');
  const ut = runWasmKernel(backend, 'Transpose', { x: u }, { perm: [1, 0] }) as tf.TensorInfo;
  const dz = backend.makeOutput([m, steps, 4 * units], 'float32');
  const dh0 = backend.makeOutput([m, units], 'float32');
  const dc0 = backend.makeOutput([m, units], 'float32');
  const at = (t: tf.TensorInfo): number => backend.getMemoryOffset(t.dataId);
  nativeOrThrow(backend, 'DlkitLstmBackward').lstmBackward(
    at(dhc),
    at(ut),
    at(c0),
    at(hc),
    at(gates),
    at(dz),
    at(dh0),
    at(dc0),
    m,
    steps,
    units,
  );
  backend.disposeData(ut.dataId);
  return [dz, dh0, dc0];
}
