import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import {
  checkFloat4D,
  checkGeometry,
  readImpl,
  readMode,
  type PoolHparameters,
  type PoolMode,
  type ScratchOptions,
  type WindowGeometry,
} from './hparameters.js';
import { poolForwardLoop } from './pool-loop.js';
import { poolForwardVectorized } from './pool-vectorized.js';

/**
 * What {@link poolForward} keeps for {@link poolBackward}: the course's cache
 * `(A_prev, hparameters)`. `aPrev` is the caller's tensor, not a copy.
 *
 * @category C4 W1 · Pooling
 */
export interface PoolCache {
  /** The input, `[m, nHPrev, nWPrev, nC]`. */
  aPrev: tf.Tensor4D;
  /** The stride and window size. */
  hparameters: PoolHparameters;
}

/**
 * What {@link poolForward} returns.
 *
 * @category C4 W1 · Pooling
 */
export interface PoolForwardResult {
  /** The pooled output, `[m, nH, nW, nC]` (a new tensor). */
  A: tf.Tensor4D;
  /** The cache for {@link poolBackward}. */
  cache: PoolCache;
}

/** Checks a pooling layer's input and hyperparameters, for the forward and backward passes. */
export function checkPoolArguments(
  fn: string,
  prefix: string,
  aPrev: unknown,
  hparameters: unknown,
): { aPrev: tf.Tensor4D; geometry: WindowGeometry } {
  const shapes = new ShapeChecker(fn);
  const a = checkFloat4D(shapes, `${prefix}aPrev`, aPrev, ['m', 'nHPrev', 'nWPrev', 'nC']);
  return { aPrev: a, geometry: checkGeometry(fn, `${prefix}hparameters`, hparameters, a.shape) };
}

/**
 * The forward pass of a pooling layer, the course's `pool_forward`: the maximum (or mean) of
 * each `f x f` window, channel by channel, without padding;
 * `nH = floor((nHPrev - f) / stride) + 1` (likewise `nW`). Channels last, as in course 4.
 *
 * @param aPrev - The input, `[m, nHPrev, nWPrev, nC]`.
 * @param hparameters - `{ stride, f }`.
 * @param mode - `'max'` (default) or `'average'`.
 * @param options - `impl`: `'vectorized'` (default) or `'loop'` (the notebook's loops).
 * @returns `A` (`[m, nH, nW, nC]`, new) and the cache `(aPrev, hparameters)`.
 * @see docs/cnn/pooling.md
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { poolForward } from '@dlkit/cnn';
 * const aPrev = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
 * const { A } = poolForward(aPrev, { stride: 1, f: 2 }, 'average');
 * A.print(); // [[[[2.5]]]]
 * tf.dispose([aPrev, A]);
 * ```
 *
 * @category C4 W1 · Pooling
 */
export function poolForward(
  aPrev: tf.Tensor,
  hparameters: PoolHparameters,
  mode: PoolMode = 'max',
  options?: ScratchOptions,
): PoolForwardResult {
  const fn = 'poolForward';
  const args = checkPoolArguments(fn, '', aPrev, hparameters);
  const poolMode = readMode(fn, mode);
  const impl = readImpl(fn, options);
  const A =
    impl === 'loop'
      ? poolForwardLoop(args.aPrev, args.geometry, poolMode)
      : tf.tidy(() => poolForwardVectorized(args.aPrev, args.geometry, poolMode));
  return { A, cache: { aPrev: args.aPrev, hparameters } };
}
