import * as tf from '@tensorflow/tfjs';
import { zeroPad } from './zero-pad.js';
import type { WindowGeometry } from './hparameters.js';
import { scatterWindows, windowViews } from './windows.js';

/** The im2col matrix: one row per output pixel, `[m * nH * nW, f * f * nCPrev]`. */
function im2col(aPrev: tf.Tensor4D, g: WindowGeometry): tf.Tensor2D {
  const { m, nCPrev, f, nH, nW } = g;
  const views = windowViews(zeroPad(aPrev, g.pad), g);
  return tf.concat(views, 3).reshape([m * nH * nW, f * f * nCPrev]);
}

/** `Z = im2col(aPrev) · W + b`, differentiable by tfjs. Call inside `tf.tidy`. */
export function convForwardVectorized(
  aPrev: tf.Tensor4D,
  W: tf.Tensor4D,
  b: tf.Tensor4D,
  g: WindowGeometry,
): tf.Tensor4D {
  const { m, nCPrev, f, nH, nW } = g;
  const nC = W.shape[3];
  const Z = im2col(aPrev, g).matMul(W.reshape([f * f * nCPrev, nC]));
  return Z.reshape([m, nH, nW, nC]).add(b);
}

/**
 * The backward pass as matrix products: `dW = colsᵀ dZ`, `db = sum(dZ)`, and `dAPrev` the
 * col2im of `dZ Wᵀ`. Call inside `tf.tidy`.
 */
export function convBackwardVectorized(
  dZ: tf.Tensor4D,
  aPrev: tf.Tensor4D,
  W: tf.Tensor4D,
  g: WindowGeometry,
): { dAPrev: tf.Tensor4D; dW: tf.Tensor4D; db: tf.Tensor4D } {
  const { m, nHPrev, nWPrev, nCPrev, f, pad, nH, nW } = g;
  const nC = W.shape[3];
  const dZFlat = dZ.reshape([m * nH * nW, nC]);
  const dW = im2col(aPrev, g).matMul(dZFlat, true, false).reshape([f, f, nCPrev, nC]);
  const db = dZFlat.sum(0).reshape([1, 1, 1, nC]);
  const dCols = dZFlat.matMul(W.reshape([f * f * nCPrev, nC]), false, true);
  const parts = tf.split(dCols.reshape([m, nH, nW, f * f * nCPrev]), f * f, 3) as tf.Tensor4D[];
  const padded = [m, nHPrev + 2 * pad, nWPrev + 2 * pad, nCPrev] as const;
  const dAPrevPad = scatterWindows(parts, padded, g);
  const dAPrev = dAPrevPad.slice([0, pad, pad, 0], [m, nHPrev, nWPrev, nCPrev]);
  return { dAPrev, dW: dW as tf.Tensor4D, db: db as tf.Tensor4D };
}
