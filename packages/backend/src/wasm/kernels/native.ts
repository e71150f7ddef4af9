import { DlkitError } from '@dlkit/core';
import { NATIVE_WASM_BASE64 } from './native-wasm.js';
import type { Wasm } from './kernel-util.js';

/**
 * dlkit's native kernels (native/*.c compiled to wasm SIMD128), instantiated on tfjs' own wasm
 * memory: every pointer argument is a byte offset in tfjs' heap
 * (`backend.getMemoryOffset(dataId)`), so kernels read their inputs and write their outputs in
 * place, with no copies.
 */
export interface NativeKernels {
  /** `C[p] = A[p] @ B[p]`; A `[batch, M, K]`, B `[batch, K, N]`, C `[batch, M, N]`. */
  batchedMatmul(
    a: number,
    b: number,
    c: number,
    batch: number,
    m: number,
    k: number,
    n: number,
  ): void;
  /** `out[j] = sum_i x[i, j]` for x `[rows, cols]`. */
  columnSum(x: number, out: number, rows: number, cols: number): void;
  /** `y = permute(x, perm)` for 4-byte elements; `shape` and `perm` point at `rank` int32s. */
  transpose32(x: number, y: number, rank: number, shape: number, perm: number): void;
  /** The fused LSTM forward kernel (native/lstm.c). */
  lstmForward(
    xProj: number,
    u: number,
    h0: number,
    c0: number,
    hc: number,
    gates: number,
    m: number,
    steps: number,
    units: number,
  ): void;
  /** The fused LSTM backward kernel (native/lstm.c); `ut` is the recurrent kernel transposed. */
  lstmBackward(
    dhc: number,
    ut: number,
    c0: number,
    hc: number,
    gates: number,
    dz: number,
    dh0: number,
    dc0: number,
    m: number,
    steps: number,
    units: number,
  ): void;
  /** The fused GRU forward kernel (native/gru.c). */
  gruForward(
    xProj: number,
    u: number,
    ub: number,
    h0: number,
    h: number,
    gates: number,
    m: number,
    steps: number,
    units: number,
  ): void;
  /** The fused GRU backward kernel (native/gru.c); `ut` is the recurrent kernel transposed. */
  gruBackward(
    dh: number,
    ut: number,
    h0: number,
    h: number,
    gates: number,
    dx: number,
    drec: number,
    dh0: number,
    m: number,
    steps: number,
    units: number,
  ): void;
  /** The fused Adam update (native/adam.c); `bc1`, `bc2` are `1 - beta1^t`, `1 - beta2^t`. */
  adamUpdate(
    value: number,
    m: number,
    v: number,
    gradient: number,
    valueOut: number,
    mOut: number,
    vOut: number,
    size: number,
    learningRate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    bc1: number,
    bc2: number,
  ): void;
  /**
   * The filter gradient of an NHWC convolution (native/conv_filter.c): `dw` `[kh*kw*ci, co]`
   * from `x` `[n, H, W, ci]` and `dy` `[n*oh*ow, co]`, im2col and GEMM in chunks of `chunk`
   * output positions; `scratch` holds `chunk*Kp + co4*chunk + co4*Kp` floats (`Kp` = kh*kw*ci
   * rounded up to 8, `co4` = co rounded up to 4).
   */
  conv2dFilterGrad(
    x: number,
    dy: number,
    dw: number,
    scratch: number,
    n: number,
    h: number,
    w: number,
    ci: number,
    oh: number,
    ow: number,
    co: number,
    kh: number,
    kw: number,
    sh: number,
    sw: number,
    top: number,
    left: number,
    chunk: number,
  ): void;
  /** 64 bytes of tfjs' heap reserved for small int32 arguments (a transpose's shape and perm). */
  readonly scratch: number;
  /** An int32 view of tfjs' whole heap (take it anew after anything that may grow the heap). */
  int32View(): Int32Array;
}

/** Bytes of tfjs' heap given to the module's stack (the transpose keeps 4 small arrays there). */
const STACK_BYTES = 4096;
const SCRATCH_BYTES = 64;

interface NativeExports {
  __stack_pointer: WebAssembly.Global;
  batched_matmul: NativeKernels['batchedMatmul'];
  column_sum: NativeKernels['columnSum'];
  transpose32: NativeKernels['transpose32'];
  lstm_forward: NativeKernels['lstmForward'];
  lstm_backward: NativeKernels['lstmBackward'];
  gru_forward: NativeKernels['gruForward'];
  gru_backward: NativeKernels['gruBackward'];
  adam_update: NativeKernels['adamUpdate'];
  conv2d_filter_grad: NativeKernels['conv2dFilterGrad'];
}

interface EmscriptenHeap {
  asm: { memory: WebAssembly.Memory };
  _malloc: (bytes: number) => number;
}

let compiled: WebAssembly.Module | null = null;
const instances = new WeakMap<WebAssembly.Memory, NativeKernels | null>();

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The native kernels on `backend`'s memory, instantiated on first use (one instance per tfjs wasm
 * memory), or null where the module cannot import that memory (tfjs' threaded build shares its
 * memory, which this module does not declare): callers then use tfjs' own kernels. The module's
 * stack and scratch block are allocated once in tfjs' heap and never freed.
 */
export function nativeKernels(backend: Wasm): NativeKernels | null {
  const heap = backend.wasm as unknown as EmscriptenHeap;
  const memory = heap.asm.memory;
  let kernels = instances.get(memory);
  if (kernels === undefined) {
    kernels = instantiate(heap, memory);
    instances.set(memory, kernels);
  }
  return kernels;
}

function instantiate(heap: EmscriptenHeap, memory: WebAssembly.Memory): NativeKernels | null {
  compiled ??= new WebAssembly.Module(decode(NATIVE_WASM_BASE64));
  let exports: NativeExports;
  try {
    exports = new WebAssembly.Instance(compiled, { env: { memory } })
      .exports as unknown as NativeExports;
  } catch {
    return null;
  }
  const block = heap._malloc(STACK_BYTES + SCRATCH_BYTES + 16);
  const top = (block + 15 + STACK_BYTES) & ~15; // the stack grows down from here
  exports.__stack_pointer.value = top;
  return {
    batchedMatmul: exports.batched_matmul,
    columnSum: exports.column_sum,
    transpose32: exports.transpose32,
    lstmForward: exports.lstm_forward,
    lstmBackward: exports.lstm_backward,
    gruForward: exports.gru_forward,
    gruBackward: exports.gru_backward,
    adamUpdate: exports.adam_update,
    conv2dFilterGrad: exports.conv2d_filter_grad,
    scratch: top,
    int32View: () => new Int32Array(memory.buffer),
  };
}

/**
 * The native kernels for a kernel that exists only through them (dlkit's fused kernels, which
 * registration withdraws where the module is unavailable: see `registerWasmTrainingKernels`).
 */
export function nativeOrThrow(backend: Wasm, kernel: string): NativeKernels {
  const kernels = nativeKernels(backend);
  if (kernels === null) {
    throw new DlkitError(
      'backend',
      kernel,
      "dlkit's native wasm module cannot use this wasm backend's memory (tfjs' threaded build shares it)",
    );
  }
  return kernels;
}
