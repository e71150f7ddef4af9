import * as tf from '@tensorflow/tfjs';
import { assertOneOf, assertOptions, assertTensor, asCaller, DlkitError } from '@dlkit/core';

/**
 * The trailing options of {@link createMask}.
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export interface CreateMaskOptions {
  /** `false` (default, the notebook's): the first image's mask only; `true`: every image's. */
  all?: boolean;
}

/**
 * Turns U-Net's per-pixel class scores into a mask (C4 W3, `create_mask(pred_mask)`): the arg-max
 * over the last (class) axis, with a trailing axis of 1, of the first image, as the notebook
 * returns it (`tf.argmax(pred_mask, axis=-1)[..., tf.newaxis][0]`). Ties go to the lower class.
 *
 * @param predMask - Scores or logits `[m, nH, nW, nClasses]` (float32, finite), e.g. `unet.predict(image)`.
 * @param options - `{ all }`: `true` keeps the batch.
 * @returns A new int32 mask `[nH, nW, 1]` of class indices (`[m, nH, nW, 1]` with `all`); the caller owns it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { createMask } from '@dlkit/cnn';
 * // one 1×2 image, 3 classes: pixel 0 scores class 2 highest, pixel 1 class 0
 * const predMask = tf.tensor4d([0.1, 0.2, 0.7, 0.9, 0.05, 0.05], [1, 1, 2, 3]);
 * const mask = createMask(predMask);
 * console.log(mask.shape, Array.from(mask.dataSync())); // [1, 2, 1] [2, 0]
 * tf.dispose([predMask, mask]);
 * ```
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export function createMask(predMask: tf.Tensor4D, options?: CreateMaskOptions): tf.Tensor {
  const fn = 'createMask';
  const scores = assertTensor(fn, 'predMask', predMask, { rank: 4, finite: true });
  const o = assertOptions(fn, 'options', options, ['all']);
  const all = o.all === undefined ? false : assertOneOf(fn, 'options.all', o.all, [true, false]);
  const [m, , , k] = scores.shape as [number, number, number, number];
  if (m < 1 || k < 1) {
    throw new DlkitError(
      'shape',
      fn,
      `predMask must have at least one image and one class, got [${scores.shape.join(', ')}]`,
      { argument: 'predMask' },
    );
  }
  return asCaller(fn, () =>
    tf.tidy(() => {
      const mask = tf.expandDims(tf.argMax(scores, -1), -1);
      return all ? mask : tf.squeeze(tf.slice(mask, 0, 1), [0]);
    }),
  );
}
