import type * as tf from '@tensorflow/tfjs';
import { BATCHED_MATMUL_WASM_BASE64 } from './batched-matmul-wasm.js';
import { heapView, type Wasm } from './kernel-util.js';

interface BatchedMatmulModule {
  memory: WebAssembly.Memory;
  run: (a: number, b: number, c: number, batch: number, m: number, k: number, n: number) => void;
  columnSum: (x: number, out: number, rows: number, cols: number) => void;
  transpose: (x: number, y: number, rank: number, shape: number, perm: number) => void;
}

let instance: BatchedMatmulModule | null = null;
/** Where operands start in the module's memory (above its 64 KiB stack). */
const BASE = 1 << 20;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function load(): BatchedMatmulModule {
  if (instance === null) {
    const module = new WebAssembly.Module(decode(BATCHED_MATMUL_WASM_BASE64));
    const exports = new WebAssembly.Instance(module, {}).exports as {
      memory: WebAssembly.Memory;
      batched_matmul: BatchedMatmulModule['run'];
      column_sum: BatchedMatmulModule['columnSum'];
      transpose32: BatchedMatmulModule['transpose'];
    };
    instance = {
      memory: exports.memory,
      run: exports.batched_matmul,
      columnSum: exports.column_sum,
      transpose: exports.transpose32,
    };
  }
  return instance;
}

/** Grows the module's memory to hold `floats` numbers above {@link BASE}; returns a view. */
function reserve(mod: BatchedMatmulModule, floats: number): Float32Array {
  const bytes = BASE + 4 * floats;
  const have = mod.memory.buffer.byteLength;
  if (bytes > have) mod.memory.grow(Math.ceil((bytes - have) / 65536));
  return new Float32Array(mod.memory.buffer);
}

/**
 * Column sums of `x` viewed as `[rows, cols]` (float32), by dlkit's SIMD kernel: the bias
 * gradient of a dense layer.
 */
export function columnSumSimd(
  backend: Wasm,
  x: tf.TensorInfo,
  rows: number,
  cols: number,
  outShape: number[],
): tf.TensorInfo {
  const mod = load();
  const heap = reserve(mod, rows * cols + cols);
  const offX = BASE / 4;
  const offOut = offX + rows * cols;
  heap.set(heapView(backend, x) as Float32Array, offX);
  mod.columnSum(offX * 4, offOut * 4, rows, cols);
  const out = backend.makeOutput(outShape, 'float32');
  (heapView(backend, out) as Float32Array).set(heap.subarray(offOut, offOut + cols));
  return out;
}

/**
 * `C[p] = A[p] @ B[p]` for `a` `[batch, M, K]` and `b` `[batch, K, N]` (float32, untransposed),
 * computed by dlkit's own SIMD kernel (native/batched_matmul.c, compiled to wasm SIMD128) in a
 * separate small wasm module: the operands are copied into its memory and the product back into
 * tfjs' heap. About 5x tfjs' scalar batched loop on attention shapes.
 */
export function batchedMatMulSimd(
  backend: Wasm,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  batch: number,
): tf.TensorInfo {
  const [M, K] = a.shape.slice(-2) as [number, number];
  const N = b.shape[b.shape.length - 1] as number;
  const mod = load();
  const sizeA = batch * M * K;
  const sizeB = batch * K * N;
  const sizeC = batch * M * N;
  const heap = reserve(mod, sizeA + sizeB + sizeC);
  const offA = BASE / 4;
  const offB = offA + sizeA;
  const offC = offB + sizeB;
  heap.set(heapView(backend, a) as Float32Array, offA);
  heap.set(heapView(backend, b) as Float32Array, offB);
  mod.run(offA * 4, offB * 4, offC * 4, batch, M, K, N);
  const out = backend.makeOutput([batch, M, N], 'float32');
  (heapView(backend, out) as Float32Array).set(heap.subarray(offC, offC + sizeC));
  return out;
}

/**
 * `x` with its axes permuted (`perm`, rank 1-6, 4-byte elements: float32 or int32), by dlkit's
 * transpose kernel: rows copied whole when the last axis stays last, 8x8 tiles for a matrix.
 * tfjs' wasm transpose walks every element through a generic index loop.
 */
export function transposeSimd(backend: Wasm, x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
  const rank = x.shape.length;
  const size = x.shape.reduce((p, v) => p * v, 1);
  const mod = load();
  const heap = reserve(mod, 16 + 2 * size);
  const ints = new Int32Array(heap.buffer);
  const offShape = BASE / 4;
  const offPerm = offShape + 8;
  const offX = offShape + 16;
  const offY = offX + size;
  ints.set(x.shape, offShape);
  ints.set(perm, offPerm);
  ints.set(
    new Int32Array(heapView(backend, x).buffer, backend.getMemoryOffset(x.dataId), size),
    offX,
  );
  mod.transpose(offX * 4, offY * 4, rank, offShape * 4, offPerm * 4);
  const out = backend.makeOutput(
    perm.map((p) => x.shape[p] as number),
    x.dtype,
  );
  new Int32Array(heapView(backend, out).buffer, backend.getMemoryOffset(out.dataId), size).set(
    ints.subarray(offY, offY + size),
  );
  return out;
}
