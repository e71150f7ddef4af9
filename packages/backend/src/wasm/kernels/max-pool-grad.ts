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
  const tiles = OH * fh <= H && OW * fw <= W;
  if (tiles && sh === fh && sw === fw && dh === 1 && dw === 1 && top === 0 && left === 0) {
    // Windows tile the input without overlap or padding (pool 2, stride 2): each input cell
    // belongs to at most one window, so the gradient is written, not accumulated.
    for (let n = 0; n < N; n++) {
      for (let a0 = 0; a0 < OH; a0++) {
        for (let b0 = 0; b0 < OW; b0++) {
          const first = ((n * H + a0 * fh) * W + b0 * fw) * C;
          const gBase = ((n * OH + a0) * OW + b0) * C;
          for (let c = 0; c < C; c++) {
            let bestV = -Infinity;
            let bestAt = -1;
            for (let i = 0; i < fh; i++) {
              const row = first + i * W * C + c;
              for (let j = 0; j < fw; j++) {
                const at = row + j * C;
                const v = x[at] as number;
                if (v > bestV) {
                  bestV = v;
                  bestAt = at;
                }
              }
            }
            if (bestAt >= 0) dx[bestAt] = g[gBase + c] as number;
          }
        }
      }
    }
    return out;
  }
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
