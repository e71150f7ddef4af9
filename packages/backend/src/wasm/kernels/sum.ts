import * as tf from '@tensorflow/tfjs';
import { columnSumSimd } from './batched-matmul-simd.js';
import { runOriginalKernel, type KernelArgs } from './kernel-util.js';

/**
 * `Sum` on wasm. Sums over leading axes (the bias gradient of every dense layer: `[m, n]` summed
 * over `m`) run as column sums on dlkit's SIMD kernel (native/batched_matmul.c); tfjs' own wasm
 * kernel transposes the input first. Other axes go to tfjs' kernel.
 */
export function sum({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs['x'] as tf.TensorInfo;
  const a = attrs ?? {};
  const axes = tf.util
    .parseAxisParam(a['axis'] as number | number[], x.shape)
    .slice()
    .sort((p, q) => p - q);
  const k = axes.length;
  const leading = k > 0 && k < x.shape.length && axes.every((ax, i) => ax === i);
  if (!leading || x.dtype !== 'float32') return runOriginalKernel(backend, 'Sum', inputs, a);
  const rows = x.shape.slice(0, k).reduce((p, v) => p * v, 1);
  const rest = x.shape.slice(k);
  const cols = rest.reduce((p, v) => p * v, 1);
  const outShape = a['keepDims'] === true ? [...x.shape.slice(0, k).map(() => 1), ...rest] : rest;
  return (
    columnSumSimd(backend, x, rows, cols, outShape) ?? runOriginalKernel(backend, 'Sum', inputs, a)
  );
}
