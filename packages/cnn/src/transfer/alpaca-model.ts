import * as tf from '@tensorflow/tfjs';
import { assertNumber, assertOneOf, assertOptions, DlkitError, describeValue } from '@dlkit/core';
import { buildMobileNetV2 } from '../mobilenet/mobilenet-v2.js';
import { dataAugmenter } from './data-augmenter.js';
import { freezeLayers } from './freeze-layers.js';

/**
 * Options of {@link alpacaModel} beyond the notebook's arguments.
 *
 * @category C4 W2 · Transfer learning
 */
export interface AlpacaModelOptions {
  /** The backbone (`[m, nH, nW, 3]` → features), e.g. from {@link loadPretrainedMobileNetV2}. Default: a fresh {@link mobileNetV2} without top (random weights). */
  base?: tf.LayersModel;
  /** Whether the backbone is frozen, as the notebook's `base_model.trainable = False`. Default `true`. */
  freezeBase?: boolean;
  /** The output unit: `'linear'` (the notebook's `Dense(1)`, logits) or `'sigmoid'` (a probability). Default `'linear'`. */
  activation?: 'linear' | 'sigmoid';
  /** The dropout rate before the output unit. Default 0.2. */
  dropout?: number;
  /** Seed of the output unit's kernel, of the dropout and of a default backbone. Default: unseeded. */
  seed?: number;
}

const FN = 'alpacaModel';

function checkImageShape(value: unknown): [number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 32 && d <= 2048);
  if (!ok) {
    throw new DlkitError(
      'value',
      FN,
      `imageShape must be [nH, nW] with 32 <= nH, nW <= 2048, got ${describeValue(value)}`,
      {
        argument: 'imageShape',
      },
    );
  }
  return value as [number, number];
}

function checkAugmentation(value: unknown, imageShape: [number, number]): tf.Sequential | null {
  if (value === null) return value;
  if (value instanceof tf.Sequential) {
    const shape = value.inputs[0]?.shape ?? [];
    if (shape[1] !== imageShape[0] || shape[2] !== imageShape[1] || shape[3] !== 3) {
      throw new DlkitError(
        'shape',
        FN,
        `dataAugmentation must take images [m, ${imageShape[0]}, ${imageShape[1]}, 3] (imageShape; dataAugmenter({ inputShape })), got [${shape.map((d) => d ?? 'm').join(', ')}]`,
        { argument: 'dataAugmentation' },
      );
    }
    return value;
  }
  throw new DlkitError(
    'value',
    FN,
    `dataAugmentation must be a tf.Sequential (dataAugmenter()) or null, got ${describeValue(value)}`,
    {
      argument: 'dataAugmentation',
    },
  );
}

function checkBase(value: unknown, imageShape: [number, number]): tf.LayersModel | undefined {
  if (value === undefined) return undefined;
  const shape = value instanceof tf.LayersModel ? value.inputs[0]?.shape : undefined;
  if (shape === undefined || value instanceof tf.Sequential) {
    throw new DlkitError(
      'value',
      FN,
      `options.base must be a functional tf.LayersModel, got ${describeValue(value)}`,
      {
        argument: 'options.base',
      },
    );
  }
  if (shape[1] !== imageShape[0] || shape[2] !== imageShape[1] || shape[3] !== 3) {
    throw new DlkitError(
      'shape',
      FN,
      `options.base must take images [m, ${imageShape[0]}, ${imageShape[1]}, 3] (imageShape), got [${shape.map((d) => d ?? 'm').join(', ')}]`,
      { argument: 'options.base' },
    );
  }
  return value as tf.LayersModel;
}

/**
 * The notebook's `alpaca_model(image_shape, data_augmentation)`: images `[m, nH, nW, 3]` with
 * pixels in `[0, 255]` → the augmentation (training only) → `preprocess_input` (`x / 127.5 - 1`,
 * a `Rescaling` layer) → a frozen MobileNetV2 backbone without top → global average pooling →
 * dropout 0.2 → one output unit. With the 160×160 backbone it has the notebook's 2,259,265
 * parameters (1,281 trainable). The augmentation is nested as in the notebook; `model.fit`
 * switches it on. Compile with `binaryCrossentropy` on logits for `'linear'`
 * (tfjs has no `from_logits`: use `'sigmoid'` and `'binaryCrossentropy'`, or your own loss).
 *
 * @param imageShape - The image size `[nH, nW]` (the notebook's `IMG_SIZE = (160, 160)`). Default `[160, 160]`.
 * @param dataAugmentation - The augmentation taking `[m, nH, nW, 3]`, e.g. {@link dataAugmenter}`()`, or `null` for none. Default `dataAugmenter({ inputShape: [nH, nW, 3] })`.
 * @param options - The backbone (pass the pretrained one), freezing, output activation, dropout, seed.
 * @returns An uncompiled `tf.LayersModel` `[m, nH, nW, 3]` → `[m, 1]`; it holds `base`, so
 * disposing it disposes the backbone too.
 *
 * @example
 * ```ts
 * import { alpacaModel, dataAugmenter, mobileNetV2 } from '@dlkit/cnn';
 * const base = mobileNetV2({ inputShape: [160, 160, 3], includeTop: false, seed: 1 }); // or loadPretrainedMobileNetV2
 * const model = alpacaModel([160, 160], dataAugmenter({ seed: 1 }), { base, seed: 2 });
 * console.log(model.countParams(), model.trainableWeights.length); // 2259265 2
 * model.dispose();
 * ```
 *
 * @category C4 W2 · Transfer learning
 */
export function alpacaModel(
  imageShape: [number, number] = [160, 160],
  dataAugmentation?: tf.Sequential | null,
  options?: AlpacaModelOptions,
): tf.LayersModel {
  const shape = checkImageShape(imageShape);
  if (dataAugmentation === undefined)
    dataAugmentation = dataAugmenter({ inputShape: [...shape, 3] });
  const augmentation = checkAugmentation(dataAugmentation, shape);
  const o = assertOptions(FN, 'options', options, [
    'base',
    'freezeBase',
    'activation',
    'dropout',
    'seed',
  ]);
  const given = checkBase(o.base, shape);
  if (o.freezeBase !== undefined && typeof o.freezeBase !== 'boolean') {
    throw new DlkitError(
      'value',
      FN,
      `options.freezeBase must be a boolean, got ${describeValue(o.freezeBase)}`,
      {
        argument: 'options.freezeBase',
      },
    );
  }
  const activation = assertOneOf(FN, 'options.activation', o.activation ?? 'linear', [
    'linear',
    'sigmoid',
  ] as const);
  const rate = assertNumber(FN, 'options.dropout', o.dropout ?? 0.2, {
    min: 0,
    max: 1,
    maxExclusive: true,
  });
  const seed =
    o.seed === undefined
      ? undefined
      : assertNumber(FN, 'options.seed', o.seed, { integer: true, min: 0, max: 2 ** 31 - 1 });
  const base =
    given ??
    buildMobileNetV2({
      inputShape: [...shape, 3],
      alpha: 1,
      includeTop: false,
      classes: 1000,
      seed,
    });
  if (o.freezeBase ?? true) freezeLayers(base);
  const inputs = tf.input({ shape: [...shape, 3], name: 'input_image' });
  let x: tf.SymbolicTensor = inputs;
  if (augmentation !== null) x = augmentation.apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .rescaling({ scale: 1 / 127.5, offset: -1, name: 'preprocess_input' })
    .apply(x) as tf.SymbolicTensor;
  x = base.apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .globalAveragePooling2d({ name: 'global_average_pooling2d' })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .dropout({ rate, name: 'dropout', ...(seed === undefined ? {} : { seed }) })
    .apply(x) as tf.SymbolicTensor;
  const outputs = tf.layers
    .dense({
      units: 1,
      activation,
      name: 'prediction',
      kernelInitializer: tf.initializers.glorotUniform(seed === undefined ? {} : { seed }),
    })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs, outputs, name: 'alpaca_model' });
}
