import type * as tf from '@tensorflow/tfjs';
import { DlkitError } from '@dlkit/core';
import { nativeOrThrow } from './native.js';
import { runWasmKernel, type KernelArgs, type Wasm } from './kernel-util.js';

/** The native recurrent kernels: each takes heap offsets of its tensors, then `m, steps, units`. */
export type RecurrentNative = 'lstmForward' | 'lstmBackward' | 'gruForward' | 'gruBackward';

/** `[m, Tx, nA]`: the batch, the time steps and the units of a recurrent kernel call. */
export type RecurrentDims = [m: number, steps: number, units: number];

/**
 * Reads `[m, Tx, nA]` from the input that sets them (`xProj` `[m, Tx, 4nA]` forward, `hc`
 * `[m, Tx, 2nA]` backward; the GRU's likewise) and checks every input against them: the native
 * kernels trust these shapes to address tfjs' heap, so a wrong one must not reach them.
 */
export function checkedDims(
  kernel: string,
  inputs: Record<string, tf.TensorInfo | undefined>,
  lead: string,
  perStep: number,
  expected: (m: number, steps: number, units: number) => Record<string, number[]>,
): RecurrentDims {
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

/** The named inputs of a kernel call, in the order given (checked by {@link checkedDims} first). */
export function pickInputs(args: KernelArgs, names: readonly string[]): tf.TensorInfo[] {
  return names.map((name) => args.inputs[name] as tf.TensorInfo);
}

/** The recurrent kernel `U` `[nA, gates nA]` transposed, for the backward kernels' `d · U^T`. */
export function transposed(backend: Wasm, u: tf.TensorInfo): tf.TensorInfo {
  return runWasmKernel(backend, 'Transpose', { x: u }, { perm: [1, 0] }) as tf.TensorInfo;
}

/**
 * Runs one native recurrent kernel over the whole sequence, in place on tfjs' heap: the tensors
 * (inputs, then the outputs it fills) go by their heap offsets, followed by `m, steps, units`.
 */
export function callRecurrent(
  backend: Wasm,
  kernel: string,
  native: RecurrentNative,
  tensors: tf.TensorInfo[],
  [m, steps, units]: RecurrentDims,
): void {
  const run = nativeOrThrow(backend, kernel)[native] as (...args: number[]) => void;
  run(...tensors.map((t) => backend.getMemoryOffset(t.dataId)), m, steps, units);
}
