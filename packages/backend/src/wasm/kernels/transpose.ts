import type * as tf from '@tensorflow/tfjs';
import { transposeSimd } from './batched-matmul-simd.js';
import { runOriginalKernel, type KernelArgs } from './kernel-util.js';

/**
 * `Transpose` on wasm by dlkit's kernel (native/batched_matmul.c) for float32 and int32 tensors
 * of rank 1-6; other dtypes go to tfjs' kernel. The attention head split and merge, the
 * transposed operands of every matmul gradient and dlkit's own compositions all go through it.
 */
export function transpose({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs['x'] as tf.TensorInfo;
  const perm = (attrs ?? {})['perm'] as number[];
  const size = x.shape.reduce((p, v) => p * v, 1);
  if ((x.dtype !== 'float32' && x.dtype !== 'int32') || x.shape.length > 6 || size === 0) {
    return runOriginalKernel(backend, 'Transpose', inputs, attrs ?? {});
  }
  return (
    transposeSimd(backend, x, perm) ?? runOriginalKernel(backend, 'Transpose', inputs, attrs ?? {})
  );
}
