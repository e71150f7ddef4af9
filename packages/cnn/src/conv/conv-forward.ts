import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import { convForwardLoop } from './conv-loop.js';
import { convForwardVectorized } from './conv-vectorized.js';
import {
  checkFloat4D,
  checkGeometry,
  readImpl,
  type ConvHparameters,
  type ScratchOptions,
  type WindowGeometry,
} from './hparameters.js';

/**
 * What {@link convForward} keeps for {@link convBackward}: the course's cache
 * `(A_prev, W, b, hparameters)`. These are the caller's tensors, not copies: keep them alive
 * until the backward pass.
 *
 * @category C4 W1 · Convolution
 */
export interface ConvCache {
  /** The input, `[m, nHPrev, nWPrev, nCPrev]`. */
  aPrev: tf.Tensor4D;
  /** The filters, `[f, f, nCPrev, nC]`. */
  W: tf.Tensor4D;
  /** The biases, `[1, 1, 1, nC]`. */
  b: tf.Tensor4D;
  /** The stride and pad. */
  hparameters: ConvHparameters;
}

/**
 * What {@link convForward} returns.
 *
 * @category C4 W1 · Convolution
 */
export interface ConvForwardResult {
  /** The convolution's output, `[m, nH, nW, nC]` (a new tensor). */
  Z: tf.Tensor4D;
  /** The cache for {@link convBackward}. */
  cache: ConvCache;
}

/** Checks a convolution's tensors and hyperparameters, for the forward and backward passes. */
export function checkConvArguments(
  fn: string,
  prefix: string,
  aPrev: unknown,
  W: unknown,
  b: unknown,
  hparameters: unknown,
): { aPrev: tf.Tensor4D; W: tf.Tensor4D; b: tf.Tensor4D; geometry: WindowGeometry } {
  const shapes = new ShapeChecker(fn);
  const a = checkFloat4D(shapes, `${prefix}aPrev`, aPrev, ['m', 'nHPrev', 'nWPrev', 'nCPrev']);
  const w = checkFloat4D(shapes, `${prefix}W`, W, ['f', 'f', 'nCPrev', 'nC']);
  const bias = checkFloat4D(shapes, `${prefix}b`, b, [1, 1, 1, 'nC']);
  const filter = { f: w.shape[0], from: `${prefix}W` };
  const geometry = checkGeometry(fn, `${prefix}hparameters`, hparameters, a.shape, filter);
  return { aPrev: a, W: w, b: bias, geometry };
}

/**
 * The forward pass of a convolution layer, the course's `conv_forward`: slides each of the `nC`
 * filters over the zero-padded input with the given stride (cross-correlation, as the course and
 * `tf.conv2d` compute it), `nH = floor((nHPrev + 2 pad - f) / stride) + 1` (likewise `nW`).
 * Channels last, as in course 4.
 *
 * @param aPrev - The previous layer's activations, `[m, nHPrev, nWPrev, nCPrev]`.
 * @param W - The filters, `[f, f, nCPrev, nC]`.
 * @param b - The biases, `[1, 1, 1, nC]`.
 * @param hparameters - `{ stride, pad }`.
 * @param options - `impl`: `'vectorized'` (default, im2col with tfjs ops) or `'loop'` (the
 *   notebook's loops).
 * @returns `Z` (`[m, nH, nW, nC]`, new) and the cache `(aPrev, W, b, hparameters)` (the given
 *   values).
 * @see docs/cnn/conv.md
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { convForward } from '@dlkit/cnn';
 * const aPrev = tf.ones([2, 5, 7, 4]);
 * const W = tf.fill([3, 3, 4, 8], 0.1);
 * const b = tf.zeros([1, 1, 1, 8]);
 * const { Z } = convForward(aPrev, W, b, { stride: 2, pad: 1 });
 * console.log(Z.shape); // [2, 3, 4, 8]
 * tf.dispose([aPrev, W, b, Z]);
 * ```
 *
 * @category C4 W1 · Convolution
 */
export function convForward(
  aPrev: tf.Tensor,
  W: tf.Tensor,
  b: tf.Tensor,
  hparameters: ConvHparameters,
  options?: ScratchOptions,
): ConvForwardResult {
  const fn = 'convForward';
  const args = checkConvArguments(fn, '', aPrev, W, b, hparameters);
  const impl = readImpl(fn, options);
  const Z =
    impl === 'loop'
      ? convForwardLoop(args.aPrev, args.W, args.b, args.geometry)
      : tf.tidy(() => convForwardVectorized(args.aPrev, args.W, args.b, args.geometry));
  return { Z, cache: { aPrev: args.aPrev, W: args.W, b: args.b, hparameters } };
}
