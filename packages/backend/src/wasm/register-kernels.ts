import * as tf from '@tensorflow/tfjs';
import {
  ADAM_UPDATE_KERNEL,
  DlkitError,
  GRU_BACKWARD_KERNEL,
  GRU_FORWARD_KERNEL,
  LSTM_BACKWARD_KERNEL,
  LSTM_FORWARD_KERNEL,
} from '@dlkit/core';
import { adamUpdate } from './kernels/adam-update.js';
import { batchMatMul, fusedMatMul } from './kernels/batch-mat-mul.js';
import { conv2dBackpropFilter } from './kernels/conv2d-backprop-filter.js';
import { conv2dBackpropInput } from './kernels/conv2d-backprop-input.js';
import { depthwiseBackpropFilter } from './kernels/depthwise-backprop-filter.js';
import { depthwiseBackpropInput } from './kernels/depthwise-backprop-input.js';
import { einsum } from './kernels/einsum.js';
import { gruBackward, gruForward } from './kernels/gru.js';
import { cast } from './kernels/cast.js';
import { identity } from './kernels/identity.js';
import { lstmBackward, lstmForward } from './kernels/lstm.js';
import { maxPoolGrad } from './kernels/max-pool-grad.js';
import { nativeKernels } from './kernels/native.js';
import { originals, type Wasm, type WasmKernelFunc } from './kernels/kernel-util.js';
import { slice, splitV, unpack } from './kernels/slice.js';
import { reverse } from './kernels/reverse.js';
import { sum } from './kernels/sum.js';
import { tile } from './kernels/tile.js';
import { transpose } from './kernels/transpose.js';
import { unsortedSegmentSum } from './kernels/unsorted-segment-sum.js';

interface DlkitKernel {
  name: string;
  func: WasmKernelFunc;
  /** Replaces tfjs' own wasm kernel (kept and called for the fast path). */
  replaces: boolean;
  /** Runs only on dlkit's native module: withdrawn where that cannot load (see below). */
  native?: boolean;
}

const KERNELS: readonly DlkitKernel[] = [
  { name: 'Conv2DBackpropFilter', func: conv2dBackpropFilter, replaces: false },
  { name: 'DepthwiseConv2dNativeBackpropFilter', func: depthwiseBackpropFilter, replaces: false },
  { name: 'DepthwiseConv2dNativeBackpropInput', func: depthwiseBackpropInput, replaces: false },
  { name: 'UnsortedSegmentSum', func: unsortedSegmentSum, replaces: false },
  { name: 'Einsum', func: einsum, replaces: false },
  { name: LSTM_FORWARD_KERNEL, func: lstmForward, replaces: false, native: true },
  { name: LSTM_BACKWARD_KERNEL, func: lstmBackward, replaces: false, native: true },
  { name: GRU_FORWARD_KERNEL, func: gruForward, replaces: false, native: true },
  { name: GRU_BACKWARD_KERNEL, func: gruBackward, replaces: false, native: true },
  { name: ADAM_UPDATE_KERNEL, func: adamUpdate, replaces: false, native: true },
  { name: 'BatchMatMul', func: batchMatMul, replaces: true },
  { name: '_FusedMatMul', func: fusedMatMul, replaces: true },
  { name: 'Conv2DBackpropInput', func: conv2dBackpropInput, replaces: true },
  { name: 'MaxPoolGrad', func: maxPoolGrad, replaces: true },
  { name: 'Sum', func: sum, replaces: true },
  { name: 'Slice', func: slice, replaces: true },
  { name: 'SplitV', func: splitV, replaces: true },
  { name: 'Unpack', func: unpack, replaces: true },
  { name: 'Identity', func: identity, replaces: true },
  { name: 'Cast', func: cast, replaces: true },
  { name: 'Transpose', func: transpose, replaces: true },
  { name: 'Tile', func: tile, replaces: true },
  { name: 'Reverse', func: reverse, replaces: true },
];

/** Kernels that hold complex or string tensors, which the wasm backend cannot store. */
const NO_FALLBACK = new Set([
  'Complex',
  'ComplexAbs',
  'Real',
  'Imag',
  'FFT',
  'IFFT',
  'RFFT',
  'IRFFT',
  'Draw',
  'StaticRegexReplace',
  'StringNGrams',
  'StringSplit',
  'StringToHashBucketFast',
]);

const calls = new Map<string, number>();
const fallbacks = new Map<string, number>();
let registered: string[] | null = null;

/**
 * How often dlkit's wasm kernels ran and how often a kernel fell back to the `cpu` backend, since
 * the last {@link resetWasmKernelStats}.
 *
 * @category Backends
 */
export interface WasmKernelStats {
  /** Calls per dlkit kernel (compositions of wasm kernels, run in the wasm heap). */
  calls: Record<string, number>;
  /** Calls per kernel that ran on the `cpu` backend (data copied out of and back into wasm). */
  cpuFallbacks: Record<string, number>;
}

/**
 * Counts of dlkit's wasm kernel calls and `cpu` fallbacks (for benchmarks and profiling).
 *
 * @returns The counts since the last reset.
 *
 * @example
 * ```ts
 * import { wasmKernelStats } from '@dlkit/backend';
 * console.log(wasmKernelStats().cpuFallbacks); // {} when nothing fell back
 * ```
 *
 * @category Backends
 */
export function wasmKernelStats(): WasmKernelStats {
  return { calls: Object.fromEntries(calls), cpuFallbacks: Object.fromEntries(fallbacks) };
}

/**
 * Sets the counts of {@link wasmKernelStats} to zero.
 *
 * @example
 * ```ts
 * import { resetWasmKernelStats, wasmKernelStats } from '@dlkit/backend';
 * resetWasmKernelStats();
 * console.log(wasmKernelStats().calls); // {}
 * ```
 *
 * @category Backends
 */
export function resetWasmKernelStats(): void {
  calls.clear();
  fallbacks.clear();
}

function counted(name: string, func: WasmKernelFunc, into: Map<string, number>): tf.KernelFunc {
  return ((args: Parameters<WasmKernelFunc>[0]) => {
    into.set(name, (into.get(name) ?? 0) + 1);
    return func(args);
  }) as unknown as tf.KernelFunc;
}

/** Runs kernel `name` on the cpu backend with inputs copied out of wasm, outputs copied back. */
export function cpuFallback(name: string): WasmKernelFunc {
  return ({ inputs, attrs, backend }) => {
    const cpu = tf.findBackend('cpu');
    const kernel = tf.getKernel(name, 'cpu');
    if (cpu === null || kernel === undefined) {
      throw new DlkitError(
        'backend',
        name,
        `no kernel ${name} is registered for the wasm backend nor for the cpu backend`,
      );
    }
    const toCpu = (info: tf.TensorInfo): tf.TensorInfo => ({
      dataId: cpu.write(backend.readSync(info.dataId), info.shape, info.dtype),
      shape: info.shape,
      dtype: info.dtype,
    });
    const cpuInputs: tf.NamedTensorInfoMap = {};
    const list = Array.isArray(inputs) ? (inputs as tf.TensorInfo[]) : null;
    const moved = list !== null ? list.map(toCpu) : null;
    if (list === null)
      for (const [k, v] of Object.entries(inputs)) if (v !== undefined) cpuInputs[k] = toCpu(v);
    const result = kernel.kernelFunc({
      inputs: (moved ?? cpuInputs) as tf.NamedTensorInfoMap,
      attrs: attrs ?? {},
      backend: cpu,
    }) as tf.TensorInfo | tf.TensorInfo[];
    const outs = Array.isArray(result) ? result : [result];
    const back = outs.map((o) =>
      backend.makeOutput(o.shape, o.dtype, undefined, cpu.readSync(o.dataId)),
    );
    for (const o of outs) cpu.disposeData(o.dataId);
    for (const i of moved ?? Object.values(cpuInputs))
      if (i !== undefined) cpu.disposeData(i.dataId);
    return Array.isArray(result) ? back : (back[0] as tf.TensorInfo);
  };
}

/**
 * Registers dlkit's training kernels for tfjs' `wasm` backend: the gradients it lacks
 * (`Conv2DBackpropFilter`, `DepthwiseConv2dNativeBackpropFilter`,
 * `DepthwiseConv2dNativeBackpropInput`, `UnsortedSegmentSum`, `Einsum`) as compositions of fast
 * wasm kernels, dlkit's fused LSTM kernels (`DlkitLstmForward`, `DlkitLstmBackward`: a whole
 * sequence per call, used by `@dlkit/sequence`'s LSTM), fused GRU kernels (`DlkitGruForward`,
 * `DlkitGruBackward`, used by its GRU) and fused Adam update (`DlkitAdamUpdate`,
 * used by `@dlkit/optimizers`' `adam()`), faster replacements found by profiling (`BatchMatMul` and `_FusedMatMul` with
 * operands transposed first and batched products on dlkit's own SIMD kernel, `Conv2DBackpropInput`, `MaxPoolGrad`, `Sum` over leading axes,
 * `Slice`, `SplitV`, `Unpack`, `Transpose`, a copy-free `Identity`), and a counted `cpu` fallback for the remaining rare kernels the
 * `cpu` backend has. Idempotent; {@link setupBackend} calls it.
 *
 * @returns The names of the kernels dlkit registered or replaced (fallbacks not included).
 *
 * @example
 * ```ts
 * import { registerWasmTrainingKernels } from '@dlkit/backend';
 * console.log(registerWasmTrainingKernels().includes('Conv2DBackpropFilter')); // true
 * ```
 *
 * @category Backends
 */
export function registerWasmTrainingKernels(): string[] {
  if (registered !== null) return registered.slice();
  const names: string[] = [];
  for (const k of KERNELS) {
    const existing = tf.getKernel(k.name, 'wasm');
    if (k.replaces) {
      if (existing === undefined) continue;
      originals.set(k.name, existing);
      tf.unregisterKernel(k.name, 'wasm');
    } else if (existing !== undefined) {
      continue;
    }
    const config: tf.KernelConfig = {
      kernelName: k.name,
      backendName: 'wasm',
      kernelFunc: counted(k.name, k.func, calls),
    };
    if (existing?.setupFunc !== undefined) config.setupFunc = existing.setupFunc;
    if (k.native === true) {
      config.setupFunc = (backend) => void withdrawFusedKernelsWithoutNative(backend as Wasm);
    }
    tf.registerKernel(config);
    names.push(k.name);
  }
  // A wasm backend initialised before this call ran no setupFunc of these kernels: check it now.
  const initialised = tf.engine().registry['wasm'];
  if (initialised !== undefined) withdrawFusedKernelsWithoutNative(initialised as Wasm);
  for (const cpuKernel of tf.getKernelsForBackend('cpu')) {
    const name = cpuKernel.kernelName;
    if (NO_FALLBACK.has(name) || tf.getKernel(name, 'wasm') !== undefined) continue;
    tf.registerKernel({
      kernelName: name,
      backendName: 'wasm',
      kernelFunc: counted(name, cpuFallback(name), fallbacks),
    });
  }
  registered = names;
  return names.slice();
}

/**
 * Unregisters dlkit's fused kernels (`DlkitLstmForward`, `DlkitLstmBackward`, `DlkitGruForward`,
 * `DlkitGruBackward`, `DlkitAdamUpdate`)
 * from `wasm` when dlkit's native module cannot load on `backend` (tfjs' threaded build, whose
 * memory is shared), so that `hasKernel` is false and the ops of `@dlkit/sequence` and
 * `@dlkit/optimizers` take their composite paths. Runs as those kernels' `setupFunc`, when tfjs
 * initialises the backend.
 *
 * @returns The names of the kernels it withdrew (none where the native module loads).
 */
export function withdrawFusedKernelsWithoutNative(backend: Wasm): string[] {
  if (nativeKernels(backend) !== null) return [];
  const withdrawn: string[] = [];
  for (const k of KERNELS) {
    if (k.native === true && tf.getKernel(k.name, 'wasm') !== undefined) {
      tf.unregisterKernel(k.name, 'wasm');
      withdrawn.push(k.name);
    }
  }
  return withdrawn;
}

/** The names of dlkit's own wasm kernels (for tests). */
export const dlkitWasmKernelNames: readonly string[] = KERNELS.map((k) => k.name);

export type { Wasm };
