import { RandomState, assertNumber, assertOptions } from '@dlkit/core';
import { finishPoints } from '../internal/points.js';
import {
  checkCount,
  checkSeedAndLayout,
  type PointOptions,
  type PointsData,
} from '../internal/options.js';

/** Options for {@link makeBlobs}. */
export interface BlobsOptions extends PointOptions {
  /** Number of points, spread as evenly as possible over the centres. Default 200. */
  m?: number;
  /** Number of clusters (classes `0…centers-1`). Default 6. */
  centers?: number;
  /** Number of coordinates per point. Default 2. */
  nFeatures?: number;
  /** Standard deviation of every cluster. Default 1. */
  clusterStd?: number;
  /** Range `[low, high)` the centres are drawn from uniformly. Default `[-10, 10]`. */
  centerBox?: [number, number];
  /** Seed of the NumPy-compatible generator. Default 5 (the course's `random_state=5`). */
  seed?: number;
}

/**
 * Isotropic Gaussian clusters, scikit-learn's `make_blobs` with the same generator calls: the
 * defaults equal the course's planar-lab extra set
 * (`make_blobs(n_samples=200, random_state=5, n_features=2, centers=6)`) up to float32 rounding.
 *
 * @param options - Size, number of centres and features, spread, seed, shuffling and layout.
 * @returns `{ X, Y }` (float32; the caller owns both); `Y` holds the cluster index.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { makeBlobs } from '@dlkit/datasets';
 * const { X, Y } = makeBlobs(); // X: [2, 200], Y: [1, 200], labels 0…5
 * console.log(X.shape, tf.tidy(() => Y.max().dataSync()[0])); // [2, 200] 5
 * X.dispose();
 * Y.dispose();
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function makeBlobs(options: BlobsOptions = {}): PointsData {
  const fn = 'makeBlobs';
  const {
    m = 200,
    centers = 6,
    nFeatures = 2,
    clusterStd = 1,
    centerBox = [-10, 10],
    seed = 5,
    shuffle = true,
    layout = 'columns',
  } = assertOptions(fn, 'options', options, [
    'centerBox',
    'centers',
    'clusterStd',
    'layout',
    'm',
    'nFeatures',
    'seed',
    'shuffle',
  ]);
  checkCount(fn, 'm', m, 1, 10_000_000);
  checkCount(fn, 'centers', centers, 1, m);
  checkCount(fn, 'nFeatures', nFeatures, 1, 10_000);
  assertNumber(fn, 'clusterStd', clusterStd, { min: 0 });
  const [low, high] = centerBox;
  assertNumber(fn, 'centerBox[0]', low);
  assertNumber(fn, 'centerBox[1]', high, { min: low });
  checkSeedAndLayout(fn, seed, layout);
  const rng = new RandomState(seed);
  const d = nFeatures;
  const c = new Float64Array(centers * d);
  const range = high - low;
  for (let i = 0; i < c.length; i++) c[i] = low + range * rng.nextDouble();
  const x = new Float64Array(m * d);
  const y = new Float64Array(m);
  let row = 0;
  for (let k = 0; k < centers; k++) {
    const n = Math.floor(m / centers) + (k < m % centers ? 1 : 0);
    for (let i = 0; i < n; i++, row++) {
      for (let j = 0; j < d; j++) {
        x[row * d + j] = (c[k * d + j] as number) + clusterStd * rng.nextGaussian();
      }
      y[row] = k;
    }
  }
  return finishPoints(rng, x, y, m, d, shuffle, null, layout);
}
