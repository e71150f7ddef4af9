import * as tf from '@tensorflow/tfjs';
import { assertDtype, assertShape } from '@dlkit/core';

/**
 * The mask of a window's maximum, the course's `create_mask_from_window`: `true` where `x` equals
 * its largest entry (every such entry, when several tie), `false` elsewhere. Max pooling's
 * backward pass sends the gradient through this mask.
 *
 * @param x - One window, `[f, f]` (any `[nH, nW]`).
 * @returns A new `bool` tensor shaped like `x`.
 * @see docs/cnn/pooling.md
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { createMaskFromWindow } from '@dlkit/cnn';
 * const x = tf.tensor2d([[1, 3], [2, 0]]);
 * const mask = createMaskFromWindow(x);
 * mask.print(); // [[false, true], [false, false]]
 * tf.dispose([x, mask]);
 * ```
 *
 * @category C4 W1 · Pooling
 */
export function createMaskFromWindow(x: tf.Tensor): tf.Tensor2D {
  assertShape('createMaskFromWindow', 'x', x, ['nH', 'nW']);
  assertDtype('createMaskFromWindow', 'x', x, ['float32', 'int32']);
  return tf.tidy(() => x.equal(x.max()) as tf.Tensor2D);
}
