import type * as tf from '@tensorflow/tfjs';
import { heapView, type KernelArgs } from './kernel-util.js';

/**
 * `UnsortedSegmentSum` on wasm, summed directly in the wasm heap: one pass over `x`, adding each
 * row to the row its segment id names (ids outside `[0, numSegments)` are dropped, as in
 * TensorFlow). This is the gradient of `gather`, so of every Embedding layer.
 */
export function unsortedSegmentSum({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs['x'] as tf.TensorInfo;
  const segmentIds = inputs['segmentIds'] as tf.TensorInfo;
  const numSegments = (attrs ?? {})['numSegments'] as number;
  const rows = segmentIds.shape.reduce((p, v) => p * v, 1);
  const rest = x.shape.slice(segmentIds.shape.length);
  const width = rest.reduce((p, v) => p * v, 1);
  const out = backend.makeOutput([numSegments, ...rest], x.dtype);
  // Views are taken after makeOutput: allocation may grow (and move) the heap.
  const o = heapView(backend, out);
  o.fill(0);
  const xs = heapView(backend, x);
  const ids = heapView(backend, segmentIds);
  for (let r = 0; r < rows; r++) {
    const id = ids[r] as number;
    if (id < 0 || id >= numSegments) continue;
    const src = r * width;
    const dst = id * width;
    for (let k = 0; k < width; k++) o[dst + k] = (o[dst + k] as number) + (xs[src + k] as number);
  }
  return out;
}
