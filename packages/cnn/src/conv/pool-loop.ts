import * as tf from '@tensorflow/tfjs';
import type { PoolMode, WindowGeometry } from './hparameters.js';

/** The values of one `f x f` window of channel `c` of example `i`, row by row. */
function windowValues(
  a: tf.TensorBuffer<tf.Rank.R4>,
  i: number,
  vertStart: number,
  horizStart: number,
  c: number,
  f: number,
): number[] {
  const values: number[] = [];
  for (let dh = 0; dh < f; dh++) {
    for (let dw = 0; dw < f; dw++) values.push(a.get(i, vertStart + dh, horizStart + dw, c));
  }
  return values;
}

/** The notebook's `pool_forward` loops: the max or mean of every window, channel by channel. */
export function poolForwardLoop(
  aPrev: tf.Tensor4D,
  g: WindowGeometry,
  mode: PoolMode,
): tf.Tensor4D {
  const { m, nCPrev, f, stride, nH, nW } = g;
  const a = aPrev.bufferSync();
  const A = tf.buffer<tf.Rank.R4>([m, nH, nW, nCPrev], 'float32');
  for (let i = 0; i < m; i++) {
    for (let h = 0; h < nH; h++) {
      for (let w = 0; w < nW; w++) {
        for (let c = 0; c < nCPrev; c++) {
          const slice = windowValues(a, i, stride * h, stride * w, c, f);
          const value =
            mode === 'max' ? Math.max(...slice) : slice.reduce((s, v) => s + v, 0) / (f * f);
          A.set(value, i, h, w, c);
        }
      }
    }
  }
  return A.toTensor();
}

/**
 * The notebook's `pool_backward` loops: max pooling sends each gradient to the window's maximum
 * (`create_mask_from_window`: every entry equal to it), average pooling spreads it evenly
 * (`distribute_value`: `dA / (f * f)` to each entry).
 */
export function poolBackwardLoop(
  dA: tf.Tensor4D,
  aPrev: tf.Tensor4D,
  g: WindowGeometry,
  mode: PoolMode,
): tf.Tensor4D {
  const { m, nCPrev, f, stride, nH, nW } = g;
  const a = aPrev.bufferSync();
  const da = dA.bufferSync();
  const dAPrev = tf.buffer<tf.Rank.R4>(aPrev.shape, 'float32');
  for (let i = 0; i < m; i++) {
    for (let h = 0; h < nH; h++) {
      for (let w = 0; w < nW; w++) {
        for (let c = 0; c < nCPrev; c++) {
          const [vertStart, horizStart] = [stride * h, stride * w];
          const slice = windowValues(a, i, vertStart, horizStart, c, f);
          const max = Math.max(...slice);
          const grad = da.get(i, h, w, c);
          slice.forEach((v, k) => {
            const share = mode === 'max' ? (v === max ? grad : 0) : grad / (f * f);
            const [r, s] = [vertStart + Math.floor(k / f), horizStart + (k % f)];
            dAPrev.set(dAPrev.get(i, r, s, c) + share, i, r, s, c);
          });
        }
      }
    }
  }
  return dAPrev.toTensor();
}
