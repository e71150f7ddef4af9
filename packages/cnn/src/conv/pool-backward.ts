import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import { readCache } from './conv-backward.js';
import {
  checkFloat4D,
  readImpl,
  readMode,
  type PoolMode,
  type ScratchOptions,
} from './hparameters.js';
import { checkPoolArguments, type PoolCache } from './pool-forward.js';
import { poolBackwardLoop } from './pool-loop.js';
import { poolBackwardVectorized } from './pool-vectorized.js';

/**
 * The backward pass of a pooling layer, the course's `pool_backward`: max pooling passes each
 * gradient to the entries equal to its window's maximum ({@link createMaskFromWindow}), average
 * pooling spreads it evenly over the window ({@link distributeValue}); overlapping windows add up.
 *
 * @param dA - Gradient of the cost with respect to the pooling layer's output, `[m, nH, nW, nC]`.
 * @param cache - The {@link PoolCache} of {@link poolForward}.
 * @param mode - `'max'` (default) or `'average'`: the mode of the forward pass.
 * @param options - `impl`: `'vectorized'` (default) or `'loop'` (the notebook's loops).
 * @returns `dAPrev`, a new tensor `[m, nHPrev, nWPrev, nC]`.
 * @see docs/cnn/pooling.md
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { poolForward, poolBackward } from '@dlkit/cnn';
 * const aPrev = tf.tensor4d([1, 4, 3, 2], [1, 2, 2, 1]);
 * const { A, cache } = poolForward(aPrev, { stride: 1, f: 2 }, 'max');
 * const dA = tf.onesLike(A);
 * const dAPrev = poolBackward(dA, cache, 'max');
 * dAPrev.print(); // [[[[0], [1]], [[0], [0]]]]
 * tf.dispose([aPrev, A, dA, dAPrev]);
 * ```
 *
 * @category C4 W1 · Pooling
 */
export function poolBackward(
  dA: tf.Tensor,
  cache: PoolCache,
  mode: PoolMode = 'max',
  options?: ScratchOptions,
): tf.Tensor4D {
  const fn = 'poolBackward';
  const c = readCache(fn, cache);
  const { aPrev, geometry } = checkPoolArguments(fn, 'cache.', c.aPrev, c.hparameters);
  const poolMode = readMode(fn, mode);
  const impl = readImpl(fn, options);
  const { m, nH, nW, nCPrev } = geometry;
  const da = checkFloat4D(new ShapeChecker(fn), 'dA', dA, [m, nH, nW, nCPrev]);
  return impl === 'loop'
    ? poolBackwardLoop(da, aPrev, geometry, poolMode)
    : tf.tidy(() => poolBackwardVectorized(da, aPrev, geometry, poolMode));
}
