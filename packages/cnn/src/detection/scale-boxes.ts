import * as tf from '@tensorflow/tfjs';
import { DlkitError, asCaller, assertNumber, describeValue } from '@dlkit/core';
import { checkBoxes } from './box-checks.js';

/** Checks an image shape `[height, width]` of positive finite numbers. */
export function checkImageShape(fn: string, argument: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be [height, width], got ${describeValue(value)}`,
      { argument },
    );
  }
  return value.map((v, i) =>
    assertNumber(fn, `${argument}[${i}]`, v, { min: 0, minExclusive: true, max: 1e6 }),
  ) as [number, number];
}

/**
 * Scales boxes from fractions of the image to pixels, the notebook's `scale_boxes`.
 *
 * @param boxes - Corner boxes `[..., 4]` as `[y1, x1, y2, x2]` in `[0, 1]` (from `yoloBoxesToCorners`).
 * @param imageShape - `[height, width]` of the image in pixels (the notebook's `(720., 1280.)`).
 * @returns A new tensor `[..., 4]`: `[y1 · height, x1 · width, y2 · height, x2 · width]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { scaleBoxes } from '@dlkit/cnn';
 * const boxes = tf.tensor2d([[0.25, 0.5, 0.5, 1]]);
 * const pixels = scaleBoxes(boxes, [720, 1280]);
 * console.log(pixels.arraySync()); // [[180, 640, 360, 1280]]
 * tf.dispose([boxes, pixels]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function scaleBoxes(boxes: tf.Tensor, imageShape: readonly [number, number]): tf.Tensor {
  const fn = 'scaleBoxes';
  checkBoxes(fn, 'boxes', boxes, 'yxyx');
  const [h, w] = checkImageShape(fn, 'imageShape', imageShape);
  return asCaller(fn, () => scaled(boxes, h, w));
}

/** Boxes `[..., 4]` times `[h, w, h, w]`, unchecked. */
export function scaled(boxes: tf.Tensor, h: number, w: number): tf.Tensor {
  return tf.tidy(() => boxes.mul(tf.tensor1d([h, w, h, w])));
}
