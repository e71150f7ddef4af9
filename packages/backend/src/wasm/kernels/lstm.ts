import type * as tf from '@tensorflow/tfjs';
import { DlkitError } from '@dlkit/core';
import { nativeOrThrow } from './native.js';
import { runWasmKernel, type KernelArgs } from './kernel-util.js';

/**
 * Reads `[m, Tx, nA]` from the input that sets them (`xProj` `[m, Tx, 4nA]` forward, `hc`
 * `[m, Tx, 2nA]` backward; the GRU's likewise) and checks every input against them: the native kernels trust these
 * shapes to address tfjs' heap, so a wrong one must not reach them.
 */
export function checkedDims(
  kernel: string,
  inputs: Record<string, tf.TensorInfo | undefined>,
  lead: string,
  perStep: number,
  expected: (m: number, steps: number, units: number) => Record<string, number[]>,
): [number, number, number] {
  const fail = (name: string, want: string, t: tf.TensorInfo | undefined): never => {
    const got = t === undefined ? 'nothing' : `${t.dtype} [${t.shape.join(', ')}]`;
    throw new DlkitError('shape', kernel, `${name} must be a float32 ${want} tensor, got ${got}`, {
      argument: name,
    });
  };
  const x = inputs[lead];
  const [m, steps, width] = (x?.shape ?? []) as [number, number, number];
  if (x === undefined || x.shape.length !== 3 || width % perStep !== 0 || x.dtype !== 'float32') {
    fail(lead, `[m, Tx, ${perStep}nA]`, x);
  }
  const units = width / perStep;
  for (const [name, shape] of Object.entries(expected(m, steps, units))) {
    const t = inputs[name];
    const same = t?.dtype === 'float32' && t.shape.length === shape.length;
    if (!same || shape.some((d, i) => t.shape[i] !== d)) fail(name, `[${shape.join(', ')}]`, t);
  }
  return [m, steps, units];
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
  const [m, steps, units] = checkedDims('DlkitLstmForward', inputs, 'xProj', 4, (n, _, a) => ({
    recurrentKernel: [a, 4 * a],
    h0: [n, a],
    c0: [n, a],
  }));
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
  const [m, steps, units] = checkedDims('DlkitLstmBackward', inputs, 'hc', 2, (n, t, a) => ({
    dhc: [n, t, 2 * a],
    recurrentKernel: [a, 4 * a],
    c0: [n, a],
    gates: [n, t, 4 * a],
  }));
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
