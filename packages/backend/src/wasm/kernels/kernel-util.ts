import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { DlkitError } from '@dlkit/core';

/** The wasm backend as kernels see it. */
export type Wasm = BackendWasm;

/** What a kernel gets: inputs, attributes and the backend. */
export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  attrs?: tf.NamedAttrMap;
  backend: Wasm;
}

/** A kernel function in dlkit's own signature (tfjs' `KernelFunc` with the wasm backend). */
export type WasmKernelFunc = (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[];

/**
 * A scope for compositions of wasm kernels: `run` calls another registered wasm kernel directly
 * (no engine, no tape, no `Tensor` objects) and remembers the result; `dispose` frees every
 * intermediate except those named to keep.
 */
export class KernelScope {
  private readonly made: tf.TensorInfo[] = [];

  constructor(readonly backend: Wasm) {}

  /** Calls the wasm kernel `name` and returns its single output. */
  run(name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
    const out = runWasmKernel(this.backend, name, inputs, attrs);
    if (Array.isArray(out)) {
      for (const o of out) this.backend.disposeData(o.dataId);
      throw new DlkitError(
        'backend',
        name,
        `returned ${out.length} outputs where one was expected`,
      );
    }
    this.made.push(out);
    return out;
  }

  /** Tracks a tensor made outside `run` (e.g. with `backend.makeOutput`). */
  track(info: tf.TensorInfo): tf.TensorInfo {
    this.made.push(info);
    return info;
  }

  /** Reshape without copying (the wasm reshape shares the buffer). */
  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  /** Frees every intermediate except `keep` (usually the kernel's output). */
  dispose(...keep: tf.TensorInfo[]): void {
    for (const info of this.made) {
      if (!keep.includes(info)) this.backend.disposeData(info.dataId);
    }
    this.made.length = 0;
  }
}

/** The error for a kernel that the wasm backend does not have. */
export function missingKernel(name: string): DlkitError {
  return new DlkitError('backend', name, `no kernel ${name} is registered for the wasm backend`);
}

/** Calls the wasm kernel `name` directly and returns its output(s). */
export function runWasmKernel(
  backend: Wasm,
  name: string,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo | tf.TensorInfo[] {
  const config = tf.getKernel(name, 'wasm');
  if (config === undefined) throw missingKernel(name);
  return config.kernelFunc({ inputs, attrs, backend }) as tf.TensorInfo | tf.TensorInfo[];
}

/** Kernels that dlkit replaced, kept so a replacement can call tfjs' own version. */
export const originals = new Map<string, tf.KernelConfig>();

/** Calls tfjs' own wasm kernel `name` even when dlkit replaced it. */
export function runOriginalKernel(
  backend: Wasm,
  name: string,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const config = originals.get(name) ?? tf.getKernel(name, 'wasm');
  if (config === undefined) throw missingKernel(name);
  return config.kernelFunc({ inputs, attrs, backend }) as tf.TensorInfo;
}

/** Reads a wasm tensor's values in place (a view on the wasm heap: do not keep it). */
export function heapView(backend: Wasm, info: tf.TensorInfo): tf.TypedArray {
  return backend.typedArrayFromHeap(info) as tf.TypedArray;
}

/** `backend_util.computeConv2DInfo`'s explicit-or-named padding attribute. */
export type PadAttr = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

/**
 * `backend_util.computeConv2DInfo` from a convolution kernel's attributes (`strides`, `pad`,
 * `dilations` (default 1), `dimRoundingMode`), for the input and filter shapes given.
 */
export function convInfoFromAttrs(
  inputShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  attrs: tf.NamedAttrMap,
  depthwise = false,
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    attrs['strides'] as number | [number, number],
    (attrs['dilations'] as number | [number, number] | undefined) ?? 1,
    attrs['pad'] as PadAttr,
    attrs['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
    depthwise,
  );
}

/** `[n, n]` for a number, the pair itself otherwise. */
export function pair(v: number | [number, number] | number[]): [number, number] {
  if (typeof v === 'number') return [v, v];
  return [v[0] ?? 1, v[1] ?? v[0] ?? 1];
}
