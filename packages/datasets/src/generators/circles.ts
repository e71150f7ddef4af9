import { RandomState, assertNumber, assertOptions } from '@dlkit/core';
import { finishPoints } from '../internal/points.js';
import {
  checkCount,
  checkSeedAndLayout,
  linspace,
  type PointOptions,
  type PointsData,
} from '../internal/options.js';

/** Options for {@link makeCircles}. */
export interface CirclesOptions extends PointOptions {
  /** Number of points; `floor(m/2)` on the outer circle (class 0), the rest inside (class 1). Default 300. */
  m?: number;
  /** Radius of the inner circle relative to the outer one, in `[0, 1)`. Default 0.8. */
  factor?: number;
  /** Standard deviation of the Gaussian noise on every coordinate. Default 0.05 (the course's). */
  noise?: number;
  /** Seed of the NumPy-compatible generator. Default 1 (the course's `np.random.seed(1)`). */
  seed?: number;
}

/**
 * A circle inside a circle, scikit-learn's `make_circles` with the same NumPy generator calls:
 * the defaults equal the course's initialisation-lab training set
 * (`np.random.seed(1); sklearn.datasets.make_circles(n_samples=300, noise=.05)`) up to float32 rounding.
 *
 * @param options - Size, radius factor, noise, seed, shuffling and layout.
 * @returns `{ X, Y }` (float32; the caller owns both): `X` is `[2, m]`, `Y` is `[1, m]` in columns layout.
 *
 * @example
 * ```ts
 * import { makeCircles } from '@dlkit/datasets';
 * const { X, Y } = makeCircles({ m: 100, seed: 2 }); // the lab's test set
 * console.log(X.shape, Y.shape);
 * X.dispose();
 * Y.dispose();
 * ```
 *
 * @category C2 W1 · Initialization
 */
export function makeCircles(options: CirclesOptions = {}): PointsData {
  const fn = 'makeCircles';
  const {
    m = 300,
    factor = 0.8,
    noise = 0.05,
    seed = 1,
    shuffle = true,
    layout = 'columns',
  } = assertOptions(fn, 'options', options, ['factor', 'layout', 'm', 'noise', 'seed', 'shuffle']);
  checkCount(fn, 'm', m, 2, 10_000_000);
  assertNumber(fn, 'factor', factor, { min: 0, max: 1, maxExclusive: true });
  assertNumber(fn, 'noise', noise, { min: 0 });
  checkSeedAndLayout(fn, seed, layout);
  const nOut = Math.floor(m / 2);
  const nIn = m - nOut;
  const tOut = linspace(0, 2 * Math.PI, nOut, false);
  const tIn = linspace(0, 2 * Math.PI, nIn, false);
  const x = new Float64Array(2 * m);
  const y = new Float64Array(m);
  for (let i = 0; i < nOut; i++) {
    x[2 * i] = Math.cos(tOut[i] as number);
    x[2 * i + 1] = Math.sin(tOut[i] as number);
  }
  for (let i = 0; i < nIn; i++) {
    const r = nOut + i;
    x[2 * r] = Math.cos(tIn[i] as number) * factor;
    x[2 * r + 1] = Math.sin(tIn[i] as number) * factor;
    y[r] = 1;
  }
  return finishPoints(new RandomState(seed), x, y, m, 2, shuffle, noise, layout);
}
