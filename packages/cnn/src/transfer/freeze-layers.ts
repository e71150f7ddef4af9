import * as tf from '@tensorflow/tfjs';
import { assertNumber, DlkitError, describeValue } from '@dlkit/core';

/**
 * How many of a model's layers {@link freezeLayers} froze and left trainable.
 *
 * @category C4 W2 · Transfer learning
 */
export interface FreezeResult {
  /** Layers `0 … upTo - 1`, now not trainable. */
  frozen: number;
  /** Layers `upTo …`, now trainable. */
  trainable: number;
}

function checkModel(fn: string, model: unknown): tf.LayersModel {
  if (!(model instanceof tf.LayersModel)) {
    throw new DlkitError(
      'value',
      fn,
      `model must be a tf.LayersModel, got ${describeValue(model)}`,
      {
        argument: 'model',
      },
    );
  }
  return model;
}

function setTrainable(layer: tf.layers.Layer, trainable: boolean): void {
  if (layer instanceof tf.LayersModel) {
    applyFreeze(layer, trainable ? 0 : layer.layers.length);
  }
  layer.trainable = trainable;
}

function applyFreeze(model: tf.LayersModel, upTo: number): void {
  model.trainable = true; // resets every trainable weight's flag; the layers' flags decide below
  model.layers.forEach((layer, i) => setTrainable(layer, i >= upTo));
}

/**
 * Freezes a model's first `upTo` layers and makes the rest trainable: the notebook's
 * `base_model.trainable = True` then `for layer in base_model.layers[:fine_tune_at]: layer.trainable = False`.
 * A nested model (the backbone inside the alpaca model) is frozen or unfrozen whole, its own
 * layers too. Frozen batch-normalization layers of {@link mobileNetV2} then keep their moving
 * statistics while training. Compile the model again afterwards: tfjs (like Keras) reads which
 * weights train when `compile` runs.
 *
 * @param model - The model whose `model.layers` are frozen (the input layer counts, as in Keras).
 * @param upTo - How many leading layers to freeze, `0 … model.layers.length`. Default: all.
 * @returns How many layers were frozen and how many left trainable.
 *
 * @example
 * ```ts
 * import { freezeLayers, mobileNetV2 } from '@dlkit/cnn';
 * const base = mobileNetV2({ inputShape: [32, 32, 3], alpha: 0.35, includeTop: false, seed: 1 });
 * const fineTuneAt = 120;
 * console.log(freezeLayers(base, fineTuneAt)); // { frozen: 120, trainable: 35 }
 * console.log(base.trainableWeights.length > 0, base.layers[119]!.trainable); // true false
 * base.dispose();
 * ```
 *
 * @category C4 W2 · Transfer learning
 */
export function freezeLayers(model: tf.LayersModel, upTo?: number): FreezeResult {
  const m = checkModel('freezeLayers', model);
  const n = m.layers.length;
  const k =
    upTo === undefined
      ? n
      : assertNumber('freezeLayers', 'upTo', upTo, { integer: true, min: 0, max: n });
  applyFreeze(m, k);
  return { frozen: k, trainable: n - k };
}
