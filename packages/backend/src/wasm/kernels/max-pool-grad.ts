import * as tf from '@tensorflow/tfjs';
import { heapView, type KernelArgs, type PadAttr } from './kernel-util.js';

/**
 * `MaxPoolGrad` on wasm, computed in place in the wasm heap: for each pooling window the first
 * position holding the maximum (row-major, like tfjs' cpu kernel) receives that window's `dy`.
 * One pass over the windows, all channels at once; tfjs' own wasm kernel searches the windows
 * again for every input position and is several times slower.
 */
export function maxPoolGrad({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const dy = inputs['dy'] as tf.TensorInfo;
  const input = inputs['input'] as tf.TensorInfo;
  const a = attrs ?? {};
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    a['filterSize'] as number | [number, number],
    a['strides'] as number | [number, number],
    1,
    a['pad'] as PadAttr,
    a['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
  );
  const {
    batchSize: N,
    inHeight: H,
    inWidth: W,
    inChannels: C,
    outHeight: OH,
    outWidth: OW,
  } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const out = backend.makeOutput(input.shape, 'float32');
  const dx = heapView(backend, out) as Float32Array;
  dx.fill(0);
  const x = heapView(backend, input) as Float32Array;
  const g = heapView(backend, dy) as Float32Array;
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  for (let n = 0; n < N; n++) {
    for (let a0 = 0; a0 < OH; a0++) {
      const yStart = a0 * sh - top;
      for (let b0 = 0; b0 < OW; b0++) {
        const xStart = b0 * sw - left;
        best.fill(-Infinity);
        where.fill(-1);
        for (let i = 0; i < fh; i += dh) {
          const y = yStart + i;
          if (y < 0 || y >= H) continue;
          for (let j = 0; j < fw; j += dw) {
            const xx = xStart + j;
            if (xx < 0 || xx >= W) continue;
            const base = ((n * H + y) * W + xx) * C;
            for (let c = 0; c < C; c++) {
              const v = x[base + c] as number;
              if (v > (best[c] as number)) {
                best[c] = v;
                where[c] = base + c;
              }
            }
          }
        }
        const gBase = ((n * OH + a0) * OW + b0) * C;
        for (let c = 0; c < C; c++) {
          const w = where[c] as number;
          if (w >= 0) dx[w] = (dx[w] as number) + (g[gBase + c] as number);
        }
      }
    }
  }
  return out;
}
