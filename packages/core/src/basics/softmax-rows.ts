import * as tf from '@tensorflow/tfjs';
import { assertShape } from '../tensor/shapes.js';
import { checkNumeric } from './check.js';

/**
 * Softmax over each row of `x` (the notebook's NumPy `softmax`, which sums along axis 1):
 * `s[i, j] = exp(x[i, j]) / Σ_k exp(x[i, k])`, computed as `exp(x − row max)` so large entries do
 * not overflow. Core's top-level `softmax` is the course's activation over the columns of
 * `[nClasses, m]` (examples in columns) and returns `{ A, cache }`; this one is `basics.softmax`.
 *
 * @param x - The matrix, `[n, m]`.
 * @returns `s`, a new float32 tensor `[n, m]` whose rows sum to 1.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { basics } from '@dlkit/core';
 * const x = tf.tensor2d([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]);
 * const s = basics.softmax(x);
 * s.print(); // [[0.9808977, 0.0008945, 0.0179658, 0.0001211, 0.0001211], [0.8786799, …]]
 * tf.dispose([x, s]);
 * ```
 *
 * @category C1 W2 · Python basics with NumPy
 */
export function softmax(x: tf.Tensor): tf.Tensor2D {
  assertShape('softmax', 'x', x, ['n', 'm']);
  checkNumeric('softmax', 'x', x);
  return tf.tidy(() => {
    const e = tf.exp(x.toFloat().sub(x.toFloat().max(1, true)));
    return e.div(e.sum(1, true)) as tf.Tensor2D;
  });
}
