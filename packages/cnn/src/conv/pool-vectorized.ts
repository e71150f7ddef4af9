import * as tf from '@tensorflow/tfjs';
import type { PoolMode, WindowGeometry } from './hparameters.js';
import { scatterWindows, windowViews } from './windows.js';

/** The max or mean over the `f * f` strided views, differentiable by tfjs. Call inside `tf.tidy`. */
export function poolForwardVectorized(
  aPrev: tf.Tensor4D,
  g: WindowGeometry,
  mode: PoolMode,
): tf.Tensor4D {
  const stacked = tf.stack(windowViews(aPrev, g));
  return (mode === 'max' ? stacked.max(0) : stacked.mean(0)) as tf.Tensor4D;
}

/**
 * Pooling's backward pass over the views: for max, view `k` gets `dA` where it equals the
 * window's maximum (the course's mask); for average, every view gets `dA / (f * f)`. The
 * windows are then added back where they came from. Call inside `tf.tidy`.
 */
export function poolBackwardVectorized(
  dA: tf.Tensor4D,
  aPrev: tf.Tensor4D,
  g: WindowGeometry,
  mode: PoolMode,
): tf.Tensor4D {
  const views = windowViews(aPrev, g);
  if (mode === 'average') {
    const share = dA.div(g.f * g.f) as tf.Tensor4D;
    return scatterWindows(
      views.map(() => share),
      aPrev.shape,
      g,
    );
  }
  const max = tf.stack(views).max(0);
  const parts = views.map((v) => dA.mul(v.equal(max)) as tf.Tensor4D);
  return scatterWindows(parts, aPrev.shape, g);
}
