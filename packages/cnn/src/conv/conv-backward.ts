import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker } from '@dlkit/core';
import { convBackwardLoop } from './conv-loop.js';
import { convBackwardVectorized } from './conv-vectorized.js';
import { checkConvArguments, type ConvCache } from './conv-forward.js';
import { checkFloat4D, readImpl, type ScratchOptions } from './hparameters.js';

/**
 * The gradients {@link convBackward} returns (all new tensors).
 *
 * @category C4 W1 · Convolution
 */
export interface ConvGradients {
  /** Gradient with respect to the layer's input, `[m, nHPrev, nWPrev, nCPrev]`. */
  dAPrev: tf.Tensor4D;
  /** Gradient with respect to the filters, `[f, f, nCPrev, nC]`. */
  dW: tf.Tensor4D;
  /** Gradient with respect to the biases, `[1, 1, 1, nC]`. */
  db: tf.Tensor4D;
}

/** Reads a cache's fields, rejecting anything that is not an object. */
export function readCache(fn: string, cache: unknown): Record<string, unknown> {
  if (typeof cache !== 'object' || cache === null) {
    const got = cache === null ? 'null' : typeof cache;
    throw new DlkitError('value', fn, `cache must be the cache of the forward pass, got ${got}`, {
      argument: 'cache',
    });
  }
  return cache as Record<string, unknown>;
}

/**
 * The backward pass of a convolution layer, the course's `conv_backward`. Sums over the batch,
 * as the notebook does (no division by `m`): `dW[:, :, :, c] = Σ aSlice · dZ[i, h, w, c]`,
 * `db[c] = Σ dZ[i, h, w, c]`, and each `dZ[i, h, w, c] · W[:, :, :, c]` is added to the window of
 * `dAPrev` it came from.
 *
 * @param dZ - Gradient of the cost with respect to the layer's output, `[m, nH, nW, nC]`.
 * @param cache - The {@link ConvCache} of {@link convForward}.
 * @param options - `impl`: `'vectorized'` (default, matrix products and col2im) or `'loop'` (the
 *   notebook's loops).
 * @returns `{ dAPrev, dW, db }`, new tensors shaped like `aPrev`, `W` and `b`.
 * @see docs/cnn/conv.md
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { convForward, convBackward } from '@dlkit/cnn';
 * const aPrev = tf.ones([1, 4, 4, 1]);
 * const W = tf.ones([2, 2, 1, 1]);
 * const b = tf.zeros([1, 1, 1, 1]);
 * const { Z, cache } = convForward(aPrev, W, b, { stride: 2, pad: 0 });
 * const dZ = tf.onesLike(Z);
 * const { dAPrev, dW, db } = convBackward(dZ, cache);
 * db.print(); // [[[[4]]]]
 * tf.dispose([aPrev, W, b, Z, dZ, dAPrev, dW, db]);
 * ```
 *
 * @category C4 W1 · Convolution
 */
export function convBackward(
  dZ: tf.Tensor,
  cache: ConvCache,
  options?: ScratchOptions,
): ConvGradients {
  const fn = 'convBackward';
  const c = readCache(fn, cache);
  const { aPrev, W, geometry } = checkConvArguments(fn, 'cache.', c.aPrev, c.W, c.b, c.hparameters);
  const impl = readImpl(fn, options);
  const shapes = new ShapeChecker(fn).check('cache.W', W, [null, null, null, 'nC']);
  const dz = checkFloat4D(shapes, 'dZ', dZ, [geometry.m, geometry.nH, geometry.nW, 'nC']);
  return impl === 'loop'
    ? convBackwardLoop(dz, aPrev, W, geometry)
    : tf.tidy(() => convBackwardVectorized(dz, aPrev, W, geometry));
}
