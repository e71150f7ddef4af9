import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  asCaller,
  assertNumber,
  assertOptions,
  describeValue,
  ShapeChecker,
} from '@dlkit/core';
import { createMask } from './create-mask.js';

/**
 * The trailing options of {@link predictMasks}.
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export interface PredictMasksOptions {
  /** Images per forward pass (default 16). */
  batchSize?: number;
}

/** The model's input `[nH, nW, nC]`, or a DlkitError when `model` is not a one-image-input model. */
function modelImageShape(fn: string, model: unknown): [number, number, number] {
  if (!(model instanceof tf.LayersModel)) {
    throw new DlkitError(
      'value',
      fn,
      `model must be a tf.LayersModel (e.g. from unetModel), got ${describeValue(model)}`,
      { argument: 'model' },
    );
  }
  const shape = model.inputs.length === 1 ? model.inputs[0]!.shape : [];
  const [, h, w, c] = shape;
  if (shape.length !== 4 || [h, w, c].some((d) => typeof d !== 'number')) {
    throw new DlkitError(
      'value',
      fn,
      `model must have one image input [null, nH, nW, nC], got ${model.inputs.length} input(s) of shape [${shape.map(String).join(', ')}]`,
      { argument: 'model' },
    );
  }
  return [h as number, w as number, c as number];
}

/**
 * Segments images with a trained U-Net (the notebook's `show_predictions`, one step): predicts the
 * per-pixel scores and takes {@link createMask} of every image. The images must have the model's
 * input size: a wrong size is a `DlkitError` naming both (not tfjs's error from deep inside
 * `predict`).
 *
 * @param model - A segmentation model: input `[m, nH, nW, nC]`, output `[m, nH, nW, nClasses]`.
 * @param images - float32 `[m, nH, nW, nC]`, the model's input size.
 * @param options - `{ batchSize }` (default 16).
 * @returns A new int32 mask `[m, nH, nW, 1]` of class indices; the caller owns it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { predictMasks, unetModel } from '@dlkit/cnn';
 * const model = unetModel([16, 16, 3], 2, 4, { seed: 1 });
 * const images = tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 1);
 * const masks = predictMasks(model, images);
 * console.log(masks.shape, masks.dtype); // [2, 16, 16, 1] int32
 * tf.dispose([images, masks]);
 * model.dispose();
 * ```
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export function predictMasks(
  model: tf.LayersModel,
  images: tf.Tensor4D,
  options?: PredictMasksOptions,
): tf.Tensor4D {
  const fn = 'predictMasks';
  const [h, w, c] = modelImageShape(fn, model);
  new ShapeChecker(fn).checkFloat('images', images, ['m', h, w, c], { finite: true });
  const o = assertOptions(fn, 'options', options, ['batchSize']);
  const batchSize =
    o.batchSize === undefined
      ? 16
      : assertNumber(fn, 'options.batchSize', o.batchSize, { integer: true, min: 1, max: 4096 });
  if (images.shape[0] === 0) {
    throw new DlkitError(
      'shape',
      fn,
      `images must hold at least one image, got [0, ${h}, ${w}, ${c}]`,
      {
        argument: 'images',
      },
    );
  }
  return asCaller(fn, () =>
    tf.tidy(() => {
      const scores = model.predict(images, { batchSize });
      if (!(scores instanceof tf.Tensor) || scores.rank !== 4) {
        throw new DlkitError(
          'value',
          fn,
          'model must have one output of per-pixel scores [m, nH, nW, nClasses]',
          { argument: 'model' },
        );
      }
      return createMask(scores as tf.Tensor4D, { all: true }) as tf.Tensor4D;
    }),
  );
}
