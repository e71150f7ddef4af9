import type { RandomState } from '@dlkit/core';
import { pointsData, type PointsData } from './options.js';

/**
 * scikit-learn's tail of every point generator: shuffle rows (`util.shuffle`), then add
 * `normal(scale=noise)` to every coordinate, in NumPy's order.
 */
export function finishPoints(
  rng: RandomState,
  x: Float64Array,
  y: Float64Array,
  m: number,
  d: number,
  shuffle: boolean,
  noise: number | null,
  layout: 'columns' | 'rows',
): PointsData {
  let xs = x;
  let ys = y;
  if (shuffle) {
    const idx = new Int32Array(m);
    for (let i = 0; i < m; i++) idx[i] = i;
    rng.shuffle(idx);
    xs = new Float64Array(m * d);
    ys = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const k = idx[i] as number;
      for (let j = 0; j < d; j++) xs[i * d + j] = x[k * d + j] as number;
      ys[i] = y[k] as number;
    }
  }
  if (noise !== null) {
    for (let i = 0; i < xs.length; i++) xs[i] = (xs[i] as number) + noise * rng.nextGaussian();
  }
  return pointsData(xs, ys, m, d, layout);
}
