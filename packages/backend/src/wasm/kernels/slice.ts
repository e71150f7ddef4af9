import * as tf from '@tensorflow/tfjs';
import { heapView, runOriginalKernel, type KernelArgs, type Wasm } from './kernel-util.js';

/**
 * Copies the box `begin`/`size` of `x` into a new wasm tensor, reading `x` in place. tfjs' wasm
 * `Slice` (and `SplitV` and `Unpack`, which use it) first copies the *whole* input out of the
 * heap with `readSync`: an LSTM slicing one time step out of `[m, T, n]` copied the full sequence
 * T times per pass.
 */
export function sliceInPlace(
  backend: Wasm,
  x: tf.TensorInfo,
  begin: number[],
  size: number[],
): tf.TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  const total = size.reduce((p, v) => p * v, 1);
  if (total === 0) return out;
  const src = heapView(backend, x);
  const dst = heapView(backend, out);
  const strides = tf.util.computeStrides(x.shape);
  if (tf.slice_util.isSliceContinous(x.shape, begin, size)) {
    const offset = tf.slice_util.computeFlatOffset(begin, strides);
    dst.set(src.subarray(offset, offset + total));
    return out;
  }
  // Copy runs along the last axis; walk the other axes like an odometer.
  const rank = x.shape.length;
  const run = size[rank - 1] as number;
  const index = new Array<number>(rank - 1).fill(0);
  const rows = total / run;
  for (let r = 0, o = 0; r < rows; r++, o += run) {
    let offset = begin[rank - 1] as number;
    for (let d = 0; d < rank - 1; d++)
      offset += ((begin[d] as number) + (index[d] as number)) * (strides[d] as number);
    dst.set(src.subarray(offset, offset + run), o);
    for (let d = rank - 2; d >= 0; d--) {
      index[d] = (index[d] as number) + 1;
      if ((index[d] as number) < (size[d] as number)) break;
      index[d] = 0;
    }
  }
  return out;
}

/** `Slice` on wasm without copying the whole input first (strings go to tfjs' kernel). */
export function slice({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs['x'] as tf.TensorInfo;
  if (x.dtype === 'string') return runOriginalKernel(backend, 'Slice', inputs, attrs ?? {});
  const a = attrs ?? {};
  const [begin, size] = tf.slice_util.parseSliceParams(
    x as unknown as tf.Tensor,
    a['begin'] as number[],
    a['size'] as number[],
  ) as [number[], number[]];
  return sliceInPlace(backend, x, begin, size);
}

/** `SplitV` on wasm with in-place slices (the LSTM cell's split into four gates). */
export function splitV({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo[] {
  const x = inputs['x'] as tf.TensorInfo;
  const a = attrs ?? {};
  const axis = tf.util.parseAxisParam(a['axis'] as number, x.shape)[0] as number;
  const sizes = tf.backend_util.prepareSplitSize(
    x as unknown as tf.Tensor,
    a['numOrSizeSplits'] as number | number[],
    axis,
  );
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = x.shape.slice();
    size[axis] = s;
    const part = sliceInPlace(backend, x, begin.slice(), size);
    begin[axis] = (begin[axis] as number) + s;
    return part;
  });
}

/** `Unpack` on wasm with in-place slices (the RNN's split of a sequence into time steps). */
export function unpack({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo[] {
  const value = inputs['value'] as tf.TensorInfo;
  let axis = (attrs ?? {})['axis'] as number;
  if (axis < 0) axis += value.shape.length;
  const count = value.shape[axis] as number;
  const outShape = value.shape.filter((_, i) => i !== axis);
  const size = value.shape.slice();
  size[axis] = 1;
  const begin = new Array<number>(value.shape.length).fill(0);
  const outs: tf.TensorInfo[] = [];
  for (let i = 0; i < count; i++) {
    begin[axis] = i;
    const part = sliceInPlace(backend, value, begin, size);
    part.shape = outShape;
    outs.push(part);
  }
  return outs;
}
