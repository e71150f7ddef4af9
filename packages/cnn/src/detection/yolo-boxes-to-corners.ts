import * as tf from '@tensorflow/tfjs';
import { asCaller, assertTensor } from '@dlkit/core';
import { FINITE, checkLeading } from './box-checks.js';

/**
 * Turns YOLO's box centres and sizes into corners, the notebook's `yolo_boxes_to_corners`: the
 * result is in the order `[y1, x1, y2, x2]` that tfjs's and TensorFlow's `non_max_suppression`
 * take.
 *
 * @param boxXy - Centres `[..., 2]` as `(x, y)` (fractions of the image from `yoloHead`).
 * @param boxWh - Sizes `[..., 2]` as `(w, h)`, the same leading dimensions.
 * @returns A new tensor `[..., 4]`: `[y - h/2, x - w/2, y + h/2, x + w/2]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { yoloBoxesToCorners } from '@dlkit/cnn';
 * const xy = tf.tensor2d([[0.5, 0.25]]);
 * const wh = tf.tensor2d([[0.2, 0.1]]);
 * const corners = yoloBoxesToCorners(xy, wh);
 * console.log(corners.arraySync()); // [[0.2, 0.4, 0.3, 0.6]]
 * tf.dispose([xy, wh, corners]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function yoloBoxesToCorners(boxXy: tf.Tensor, boxWh: tf.Tensor): tf.Tensor {
  const fn = 'yoloBoxesToCorners';
  const xy = assertTensor(fn, 'boxXy', boxXy, FINITE);
  assertTensor(fn, 'boxWh', boxWh, FINITE);
  const lead = xy.shape.slice(0, -1);
  checkLeading(fn, 'boxXy', xy, lead, 'boxXy', 2);
  checkLeading(fn, 'boxWh', boxWh, lead, 'boxXy', 2);
  return asCaller(fn, () => corners(xy, boxWh));
}

/** `[y1, x1, y2, x2]` from centres and sizes, unchecked. */
export function corners(boxXy: tf.Tensor, boxWh: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const half = boxWh.div(2);
    const mins = boxXy.sub(half);
    const maxes = boxXy.add(half);
    const [x1, y1] = tf.unstack(mins, -1) as [tf.Tensor, tf.Tensor];
    const [x2, y2] = tf.unstack(maxes, -1) as [tf.Tensor, tf.Tensor];
    return tf.stack([y1, x1, y2, x2], -1);
  });
}
