import { RandomState, assertNumber } from '@dlkit/core';
import { shuffleInPlace } from '../internal/shuffle.js';
import {
  POINT_LAYOUTS,
  checkChoice,
  checkCount,
  checkSeed,
  linspace,
  pointsData,
  type PointsData,
} from '../internal/options.js';

/** Options for {@link makeMoons}. */
export interface MoonsOptions {
  /** Number of points; `floor(m/2)` on the outer moon (class 0), the rest on the inner one. Default 300. */
  m?: number;
  /** Standard deviation of the Gaussian noise added to every coordinate. Default 0.2 (the course's). */
  noise?: number;
  /** Seed of the NumPy-compatible generator. Default 3 (the course's `np.random.seed(3)`). */
  seed?: number;
  /** Whether to shuffle the points (as scikit-learn does by default). Default true. */
  shuffle?: boolean;
  /** `'columns'` (course: `X` is `[2, m]`, `Y` is `[1, m]`) or `'rows'` (`X` is `[m, 2]`, `Y` is `[m, 1]`). */
  layout?: 'columns' | 'rows';
}

/**
 * Two interleaving half circles, scikit-learn's `make_moons`, drawn with the same NumPy
 * generator calls: with the defaults it equals the course's optimisation-lab data
 * (`np.random.seed(3); sklearn.datasets.make_moons(n_samples=300, noise=.2)`) up to float32 rounding.
 *
 * @param options - Size, noise, seed, shuffling and layout.
 * @returns `{ X, Y }` (float32; the caller owns both): `X` is `[2, m]`, `Y` is `[1, m]` in columns layout.
 *
 * @example
 * ```ts
 * import { makeMoons } from '@dlkit/datasets';
 * const { X, Y } = makeMoons({ m: 300 }); // X: [2, 300], Y: [1, 300]
 * console.log(X.shape, Y.shape);
 * X.dispose();
 * Y.dispose();
 * ```
 *
 * @category C2 W2 · Optimization methods
 */
export function makeMoons(options: MoonsOptions = {}): PointsData {
  const fn = 'makeMoons';
  const { m = 300, noise = 0.2, seed = 3, shuffle = true, layout = 'columns' } = options;
  checkCount(fn, 'm', m, 2, 10_000_000);
  assertNumber(fn, 'noise', noise, { min: 0 });
  checkSeed(fn, seed);
  checkChoice(fn, 'layout', layout, POINT_LAYOUTS);
  const nOut = Math.floor(m / 2);
  const nIn = m - nOut;
  const tOut = linspace(0, Math.PI, nOut);
  const tIn = linspace(0, Math.PI, nIn);
  const x = new Float64Array(2 * m);
  const y = new Float64Array(m);
  for (let i = 0; i < nOut; i++) {
    x[2 * i] = Math.cos(tOut[i] as number);
    x[2 * i + 1] = Math.sin(tOut[i] as number);
  }
  for (let i = 0; i < nIn; i++) {
    const r = nOut + i;
    x[2 * r] = 1 - Math.cos(tIn[i] as number);
    x[2 * r + 1] = 1 - Math.sin(tIn[i] as number) - 0.5;
    y[r] = 1;
  }
  return finishPoints(new RandomState(seed), x, y, m, 2, shuffle, noise, layout);
}

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
    shuffleInPlace(rng, idx);
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
