import * as tf from '@tensorflow/tfjs';
import { assertNumber, assertOneOf } from '@dlkit/core';

/** Checks a seed: an integer in `[0, 2^32)`, as NumPy's `RandomState` accepts. */
export function checkSeed(fn: string, seed: unknown): number {
  return assertNumber(fn, 'seed', seed, { integer: true, min: 0, max: 4294967295 });
}

/** Checks a count such as `m` or `trainSize`: an integer in `[min, max]`. */
export function checkCount(
  fn: string,
  argument: string,
  value: unknown,
  min: number,
  max: number,
): number {
  return assertNumber(fn, argument, value, { integer: true, min, max });
}

/** `np.linspace(start, stop, num, endpoint)`: the same float64 operations, so the same values. */
export function linspace(start: number, stop: number, num: number, endpoint = true): Float64Array {
  const out = new Float64Array(num);
  const div = endpoint ? num - 1 : num;
  const step = (stop - start) / div;
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

/** 2-D points and their labels, the shape every point generator returns. */
export interface PointsData {
  /** Coordinates, float32: `[nX, m]` in columns layout, `[m, nX]` in rows layout. */
  X: tf.Tensor2D;
  /** Labels (class indices as numbers), float32: `[1, m]` in columns layout, `[m, 1]` in rows. */
  Y: tf.Tensor2D;
}

/** Builds the `{ X, Y }` pair from row-major points `[m, d]` and labels `[m]`. */
export function pointsData(
  x: Float64Array | Float32Array,
  y: ArrayLike<number>,
  m: number,
  d: number,
  layout: 'columns' | 'rows',
): PointsData {
  return tf.tidy(() => {
    const X = tf.tensor2d(Float32Array.from(x), [m, d]);
    const Y = tf.tensor2d(Float32Array.from(y), [m, 1]);
    return layout === 'rows'
      ? { X, Y }
      : { X: X.transpose<tf.Tensor2D>(), Y: Y.transpose<tf.Tensor2D>() };
  });
}

/** The layouts point generators accept. */
export const POINT_LAYOUTS = ['columns', 'rows'] as const;

/**
 * Options every random point generator shares (`makeMoons`, `makeCircles`, `makeBlobs`,
 * `makeGaussianQuantiles`).
 *
 * @category C1 W3 · Shallow neural network
 */
export interface PointOptions {
  /** Whether to shuffle the points (as scikit-learn does by default). Default true. */
  shuffle?: boolean;
  /**
   * `'columns'` (the course's: `X` is `[nX, m]`, `Y` is `[1, m]`) or `'rows'` (`X` is `[m, nX]`,
   * `Y` is `[m, 1]`). Default `'columns'`.
   */
  layout?: 'columns' | 'rows';
}

/** Checks the seed and layout every point generator takes. */
export function checkSeedAndLayout(fn: string, seed: unknown, layout: unknown): void {
  checkSeed(fn, seed);
  assertOneOf(fn, 'layout', layout, POINT_LAYOUTS);
}
