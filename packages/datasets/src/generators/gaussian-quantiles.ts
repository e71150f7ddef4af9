import { RandomState, assertNumber, assertOptions } from '@dlkit/core';
import { finishPoints } from '../internal/points.js';
import {
  checkCount,
  checkSeedAndLayout,
  type PointOptions,
  type PointsData,
} from '../internal/options.js';

/** Options for {@link makeGaussianQuantiles}. */
export interface GaussianQuantilesOptions extends PointOptions {
  /** Number of points. Default 200. */
  m?: number;
  /** Number of classes: shells of equal count around the mean, inner shell is class 0. Default 2. */
  nClasses?: number;
  /** Number of coordinates. Default 2. */
  nFeatures?: number;
  /** Variance of every coordinate (the covariance is `cov · I`). Default 0.5 (the course's). */
  cov?: number;
  /** Seed of the NumPy-compatible generator. Default 1. */
  seed?: number;
}

/**
 * A Gaussian cut into concentric shells holding equal numbers of points, scikit-learn's
 * `make_gaussian_quantiles` (zero mean, covariance `cov · I`) with the same generator calls, so
 * `seed` gives the same points as `random_state=seed`. The planar lab uses it with `cov=0.5`.
 *
 * @param options - Size, classes, features, variance, seed, shuffling and layout.
 * @returns `{ X, Y }` (float32; the caller owns both); `Y` is the shell index.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { makeGaussianQuantiles } from '@dlkit/datasets';
 * const { X, Y } = makeGaussianQuantiles({ m: 200 });
 * console.log(X.shape, tf.tidy(() => Y.mean().dataSync()[0])); // [2, 200] 0.5
 * X.dispose();
 * Y.dispose();
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function makeGaussianQuantiles(options: GaussianQuantilesOptions = {}): PointsData {
  const fn = 'makeGaussianQuantiles';
  const {
    m = 200,
    nClasses = 2,
    nFeatures = 2,
    cov = 0.5,
    seed = 1,
    shuffle = true,
    layout = 'columns',
  } = assertOptions(fn, 'options', options, [
    'cov',
    'layout',
    'm',
    'nClasses',
    'nFeatures',
    'seed',
    'shuffle',
  ]);
  checkCount(fn, 'm', m, 1, 10_000_000);
  checkCount(fn, 'nClasses', nClasses, 1, m);
  checkCount(fn, 'nFeatures', nFeatures, 1, 10_000);
  assertNumber(fn, 'cov', cov, { min: 0, minExclusive: true });
  checkSeedAndLayout(fn, seed, layout);
  const rng = new RandomState(seed);
  const d = nFeatures;
  const s = Math.sqrt(cov);
  const raw = new Float64Array(m * d);
  for (let i = 0; i < raw.length; i++) raw[i] = rng.nextGaussian() * s;
  const dist = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let acc = 0;
    for (let j = 0; j < d; j++) acc += (raw[i * d + j] as number) ** 2;
    dist[i] = acc;
  }
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (a, b) => (dist[a] as number) - (dist[b] as number),
  );
  const x = new Float64Array(m * d);
  const y = new Float64Array(m);
  const step = Math.floor(m / nClasses);
  order.forEach((k, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = raw[k * d + j] as number;
    y[i] = Math.min(Math.floor(i / step), nClasses - 1);
  });
  return finishPoints(rng, x, y, m, d, shuffle, null, layout);
}
