import * as tf from '@tensorflow/tfjs';
import { heapView, runOriginalKernel, type KernelArgs } from './kernel-util.js';

/**
 * `Sum` on wasm. Sums over leading axes (the bias gradient of every dense layer: `[m, n]` summed
 * over `m`) run as one pass of column sums in the wasm heap, accumulated in float64; tfjs' own
 * wasm kernel transposes the input first and is ~20x slower there. Other axes go to tfjs'
 * kernel.
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
  const out = backend.makeOutput(outShape, 'float32');
  const acc = new Float64Array(cols);
  const xs = heapView(backend, x) as Float32Array;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) acc[c] = (acc[c] as number) + (xs[base + c] as number);
  }
  (heapView(backend, out) as Float32Array).set(acc);
  return out;
}
