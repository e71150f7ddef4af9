import { RandomState, assertNumber, assertOptions } from '@dlkit/core';
import { finishPoints } from '../internal/points.js';
import {
  checkCount,
  checkSeedAndLayout,
  linspace,
  type PointOptions,
  type PointsData,
} from '../internal/options.js';

/** Options for {@link makeMoons}. */
export interface MoonsOptions extends PointOptions {
  /** Number of points; `floor(m/2)` on the outer moon (class 0), the rest on the inner one. Default 300. */
  m?: number;
  /** Standard deviation of the Gaussian noise added to every coordinate. Default 0.2 (the course's). */
  noise?: number;
  /** Seed of the NumPy-compatible generator. Default 3 (the course's `np.random.seed(3)`). */
  seed?: number;
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
  const {
    m = 300,
    noise = 0.2,
    seed = 3,
    shuffle = true,
    layout = 'columns',
  } = assertOptions(fn, 'options', options, ['layout', 'm', 'noise', 'seed', 'shuffle']);
  checkCount(fn, 'm', m, 2, 10_000_000);
  assertNumber(fn, 'noise', noise, { min: 0 });
  checkSeedAndLayout(fn, seed, layout);
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
