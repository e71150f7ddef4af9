import * as tf from '@tensorflow/tfjs';
import { heapView, runOriginalKernel, type KernelArgs, type Wasm } from './kernel-util.js';

/**
 * `Reverse` on wasm by block copies: the axes after the last reversed one stay in order, so each
 * such block is copied whole to its mirrored place. tfjs' wasm kernel moves one element at a time:
 * flipping a `[3, 3, 512, 512]` filter, which every `Conv2DBackpropInput` does, took longer than
 * the convolution itself. Strings go to tfjs' kernel.
 */
export function reverse({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs['x'] as tf.TensorInfo;
  if (x.dtype === 'string') return runOriginalKernel(backend, 'Reverse', inputs, attrs ?? {});
  const dims = tf.util.parseAxisParam((attrs ?? {})['dims'] as number | number[], x.shape);
  return reverseInPlace(backend, x, new Set(dims));
}

function reverseInPlace(backend: Wasm, x: tf.TensorInfo, dims: Set<number>): tf.TensorInfo {
  const shape = x.shape;
  const out = backend.makeOutput(shape.slice(), x.dtype);
  const size = shape.reduce((p, v) => p * v, 1);
  if (size === 0) return out;
  const src = heapView(backend, x);
  const dst = heapView(backend, out);
  // Axes [inner, rank) are not reversed: blocks of `block` elements move whole.
  let inner = shape.length;
  while (inner > 0 && !dims.has(inner - 1)) inner--;
  const block = shape.slice(inner).reduce((p, v) => p * v, 1);
  if (inner === 0) {
    dst.set(src.subarray(0, size));
    return out;
  }
  const outer = shape.slice(0, inner);
  const strides = outer.map((_, d) => shape.slice(d + 1).reduce((p, v) => p * v, 1));
  const index = new Array<number>(inner).fill(0);
  const count = size / block;
  for (let k = 0, from = 0; k < count; k++, from += block) {
    let to = 0;
    for (let d = 0; d < inner; d++) {
      const i = index[d] as number;
      to += (dims.has(d) ? (outer[d] as number) - 1 - i : i) * (strides[d] as number);
    }
    if (block === 1) dst[to] = src[from] as number;
    else dst.set(src.subarray(from, from + block), to);
    for (let d = inner - 1; d >= 0; d--) {
      index[d] = (index[d] as number) + 1;
      if ((index[d] as number) < (outer[d] as number)) break;
      index[d] = 0;
    }
  }
  return out;
}
