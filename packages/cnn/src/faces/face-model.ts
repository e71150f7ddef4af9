import type * as tf from '@tensorflow/tfjs';
import { DlkitError, describeValue } from '@dlkit/core';

/**
 * What the face functions take as the notebook's `model`: a function from one image `[h, w, 3]`
 * (pixels 0–255, int32 or float32) to its embedding, `[d]` or `[1, d]` (128-d for FaceNet and for
 * {@link loadFaceRecognizer}'s network), synchronously or as a promise. The functions that call it
 * dispose the tensor it returns; it must not dispose the image.
 *
 * @category C4 W4 · Face recognition
 */
export type FaceModel = (image: tf.Tensor3D) => tf.Tensor | Promise<tf.Tensor>;

/** Checks the `model` argument of a face function. */
export function assertFaceModel(fn: string, model: unknown): FaceModel {
  if (typeof model !== 'function') {
    throw new DlkitError(
      'value',
      fn,
      `model must be a function from an image [h, w, 3] to its embedding, got ${describeValue(model)}`,
      { argument: 'model' },
    );
  }
  return model as FaceModel;
}
