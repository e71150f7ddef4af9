import type * as tf from '@tensorflow/tfjs';
import { nativeKernels } from './native.js';
import type { Wasm } from './kernel-util.js';

/**
 * Column sums of `x` viewed as `[rows, cols]` (float32), by dlkit's SIMD kernel: the bias
 * gradient of a dense layer. Null where dlkit's native module is unavailable.
 */
export function columnSumSimd(
  backend: Wasm,
  x: tf.TensorInfo,
  rows: number,
  cols: number,
  outShape: number[],
): tf.TensorInfo | null {
  const kernels = nativeKernels(backend);
  if (kernels === null) return null;
  const out = backend.makeOutput(outShape, 'float32');
  kernels.columnSum(
    backend.getMemoryOffset(x.dataId),
    backend.getMemoryOffset(out.dataId),
    rows,
    cols,
  );
  return out;
}

/**
 * `C[p] = A[p] @ B[p]` for `a` `[batch, M, K]` and `b` `[batch, K, N]` (float32, untransposed),
 * computed in place in tfjs' heap by dlkit's own SIMD kernel (native/batched_matmul.c, compiled to
 * wasm SIMD128). About 10x tfjs' scalar batched loop on attention shapes. Null where dlkit's
 * native module is unavailable.
 */
export function batchedMatMulSimd(
  backend: Wasm,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  batch: number,
): tf.TensorInfo | null {
  const kernels = nativeKernels(backend);
  if (kernels === null) return null;
  const [M, K] = a.shape.slice(-2) as [number, number];
  const N = b.shape[b.shape.length - 1] as number;
  const out = backend.makeOutput([batch, M, N], 'float32');
  kernels.batchedMatmul(
    backend.getMemoryOffset(a.dataId),
    backend.getMemoryOffset(b.dataId),
    backend.getMemoryOffset(out.dataId),
    batch,
    M,
    K,
    N,
  );
  return out;
}

/**
 * `x` with its axes permuted (`perm`, rank 1-6, 4-byte elements: float32 or int32), by dlkit's
 * transpose kernel: rows copied whole when the last axis stays last, 4x4 shuffle blocks for a
 * matrix. tfjs' wasm transpose walks every element through a generic index loop. Null where
 * dlkit's native module is unavailable.
 */
export function transposeSimd(
  backend: Wasm,
  x: tf.TensorInfo,
  perm: number[],
): tf.TensorInfo | null {
  const kernels = nativeKernels(backend);
  if (kernels === null) return null;
  const out = backend.makeOutput(
    perm.map((p) => x.shape[p] as number),
    x.dtype,
  );
  // makeOutput may grow the heap: take the view after it.
  const ints = kernels.int32View();
  ints.set(x.shape, kernels.scratch / 4);
  ints.set(perm, kernels.scratch / 4 + 8);
  kernels.transpose32(
    backend.getMemoryOffset(x.dataId),
    backend.getMemoryOffset(out.dataId),
    x.shape.length,
    kernels.scratch,
    kernels.scratch + 32,
  );
  return out;
}
