import * as tf from '@tensorflow/tfjs';
import { DlkitError, RandomState, assertNumber, assertOptions } from '@dlkit/core';

/** Options for {@link planarFlower}. */
export interface PlanarFlowerOptions {
  /** Number of examples, even (half per class); the course uses 400. */
  m?: number;
  /** Seed of the NumPy-compatible generator; the course's `np.random.seed(1)` is the default. */
  seed?: number;
  /** Extra noise on the angle and radius (standard deviation); the course uses 0.2. */
  noise?: number;
  /**
   * `'columns'` (the course's layout: `X` is `[2, m]`, `Y` is `[1, m]`) or `'rows'` (tfjs's
   * batch-first layout: `X` is `[m, 2]`, `Y` is `[m, 1]`).
   */
  layout?: 'columns' | 'rows';
}

/** The points and labels {@link planarFlower} returns; the caller owns both tensors. */
export interface PlanarData {
  /** Coordinates, float32: `[2, m]` in columns layout, `[m, 2]` in rows layout. */
  X: tf.Tensor2D;
  /** Labels 0 (red) and 1 (blue), float32: `[1, m]` in columns layout, `[m, 1]` in rows layout. */
  Y: tf.Tensor2D;
}

/**
 * The course's "planar flower" data set (`load_planar_dataset`): two classes of points on the
 * petals of a four-petal rose curve, which logistic regression cannot separate and a network
 * with one hidden layer can. With the defaults it reproduces the course's `X` and `Y` exactly
 * (up to float32 rounding): examples `0…m/2-1` are class 0, the rest class 1.
 *
 * @param options - Size, seed, noise and layout.
 * @returns `{ X, Y }`.
 *
 * @example
 * ```ts
 * import { planarFlower } from '@dlkit/datasets';
 * const { X, Y } = planarFlower(); // X: [2, 400], Y: [1, 400]
 * console.log(X.shape, Y.shape);
 * X.dispose();
 * Y.dispose();
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function planarFlower(options: PlanarFlowerOptions = {}): PlanarData {
  const fn = 'planarFlower';
  const {
    m = 400,
    seed = 1,
    noise = 0.2,
    layout = 'columns',
  } = assertOptions(fn, 'options', options, ['layout', 'm', 'noise', 'seed']);
  assertNumber(fn, 'm', m, { integer: true, min: 2, max: 10_000_000 });
  if (m % 2 !== 0)
    throw new DlkitError('value', fn, `m must be even (half per class), got ${m}`, {
      argument: 'm',
    });
  assertNumber(fn, 'noise', noise, { min: 0 });
  if (layout !== 'columns' && layout !== 'rows') {
    throw new DlkitError('value', fn, `layout must be 'columns' or 'rows', got ${String(layout)}`, {
      argument: 'layout',
    });
  }
  const rng = new RandomState(seed);
  const N = m / 2;
  const a = 4; // the flower's largest radius
  const x = new Float32Array(2 * m); // row-major [m, 2]
  const y = new Float32Array(m);
  for (let j = 0; j < 2; j++) {
    const t = linspace(j * 3.12, (j + 1) * 3.12, N);
    const thetaNoise = rng.standardNormalArray(N);
    for (let i = 0; i < N; i++) t[i] = (t[i] as number) + (thetaNoise[i] as number) * noise;
    const radiusNoise = rng.standardNormalArray(N);
    for (let i = 0; i < N; i++) {
      const theta = t[i] as number;
      const r = a * Math.sin(4 * theta) + (radiusNoise[i] as number) * noise;
      const row = N * j + i;
      x[2 * row] = r * Math.sin(theta);
      x[2 * row + 1] = r * Math.cos(theta);
      y[row] = j;
    }
  }
  return tf.tidy(() => {
    const X = tf.tensor2d(x, [m, 2]);
    const Y = tf.tensor2d(y, [m, 1]);
    return layout === 'rows'
      ? { X, Y }
      : { X: X.transpose<tf.Tensor2D>(), Y: Y.transpose<tf.Tensor2D>() };
  });
}

/** `np.linspace(start, stop, num)`: the same float64 operations, so the same values. */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (num > 1) out[num - 1] = stop;
  else out[0] = start;
  return out;
}
