import type * as tf from '@tensorflow/tfjs';
import { heapView, runOriginalKernel, type KernelArgs, type Wasm } from './kernel-util.js';

/**
 * `Tile` on wasm by block copies: each axis's block is written once and then repeated with
 * `copyWithin` doublings, so the kernel costs about a `memcpy` of its output. tfjs' wasm kernel
 * computes a source index per output element; the gradient of every batch normalisation tiles its
 * `[1, 1, 1, C]` statistics to `[m, nH, nW, C]` with it (40 calls, 44 % of a MobileNetV2
 * style-transfer step at 128×128, measured by `tf.profile`). Strings go to tfjs' kernel.
 */
export function tile({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs['x'] as tf.TensorInfo;
  const reps = (attrs ?? {})['reps'] as number[];
  if (x.dtype === 'string' || reps.length !== x.shape.length) {
    return runOriginalKernel(backend, 'Tile', inputs, attrs ?? {});
  }
  const outShape = x.shape.map((d, i) => d * (reps[i] as number));
  return tileInPlace(backend, x, reps, outShape);
}

function tileInPlace(
  backend: Wasm,
  x: tf.TensorInfo,
  reps: number[],
  outShape: number[],
): tf.TensorInfo {
  const out = backend.makeOutput(outShape, x.dtype);
  if (outShape.some((d) => d === 0)) return out;
  const src = heapView(backend, x);
  const dst = heapView(backend, out);
  const rank = x.shape.length;
  if (rank === 0) {
    dst.set(src.subarray(0, 1));
    return out;
  }
  const inStrides = strides(x.shape);
  const outStrides = strides(outShape);
  const fill = (axis: number, from: number, to: number): void => {
    const n = x.shape[axis] as number;
    if (axis === rank - 1) {
      dst.set(src.subarray(from, from + n), to);
    } else {
      for (let i = 0; i < n; i++) {
        fill(
          axis + 1,
          from + i * (inStrides[axis] as number),
          to + i * (outStrides[axis] as number),
        );
      }
    }
    repeatBlock(dst, to, n * (outStrides[axis] as number), reps[axis] as number);
  };
  fill(0, 0, 0);
  return out;
}

/** Row-major strides of `shape`, the last axis's being 1. */
function strides(shape: number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--)
    s[i] = (s[i + 1] as number) * (shape[i + 1] as number);
  return s;
}

/** Repeats the block `[start, start + length)` of `a`, already written, `times` times in all. */
function repeatBlock(a: tf.TypedArray, start: number, length: number, times: number): void {
  const total = length * times;
  for (let filled = length; filled < total;) {
    const n = Math.min(filled, total - filled);
    a.copyWithin(start + filled, start, start + n);
    filled += n;
  }
}
