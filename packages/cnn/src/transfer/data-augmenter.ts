import * as tf from '@tensorflow/tfjs';
import { assertNumber, assertOptions, DlkitError, describeValue } from '@dlkit/core';
import { RandomFlip } from '../augmentation/random-flip.js';
import { RandomRotation } from '../augmentation/random-rotation.js';

/**
 * Options of {@link dataAugmenter}.
 *
 * @category C4 W2 · Transfer learning
 */
export interface DataAugmenterOptions {
  /** The image shape `[nH, nW, nC]` it takes (tfjs's Sequential needs one). Default `[160, 160, 3]`, the notebook's. */
  inputShape?: [number, number, number];
  /** Seed of the flip layer; the rotation takes `seed + 1`. Default: unseeded. */
  seed?: number;
}

function checkInputShape(value: unknown): [number, number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 3 &&
    value.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= 4096);
  if (!ok) {
    throw new DlkitError(
      'value',
      'dataAugmenter',
      `options.inputShape must be [nH, nW, nC] with sizes in [1, 4096], got ${describeValue(value)}`,
      { argument: 'options.inputShape' },
    );
  }
  return value as [number, number, number];
}

/**
 * The notebook's `data_augmenter()`: a `tf.Sequential` of `RandomFlip('horizontal')` and
 * `RandomRotation(0.2)` (up to ±72°, reflect fill), which changes images only while training.
 *
 * @param options - The image shape and a seed.
 * @returns A new `tf.Sequential` of the two layers (no weights); give it to {@link alpacaModel}
 * or apply it to images `[m, nH, nW, 3]` with `{ training: true }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { dataAugmenter } from '@dlkit/cnn';
 * const augment = dataAugmenter({ inputShape: [8, 8, 3], seed: 1 });
 * const images = tf.randomUniform([2, 8, 8, 3], 0, 255, 'float32', 1);
 * const augmented = augment.apply(images, { training: true }) as tf.Tensor;
 * console.log(augment.layers.map((l) => l.getClassName()), augmented.shape); // ['DlkitRandomFlip', 'DlkitRandomRotation'] [2, 8, 8, 3]
 * tf.dispose([images, augmented]);
 * ```
 *
 * @category C4 W2 · Transfer learning
 */
export function dataAugmenter(options: DataAugmenterOptions = {}): tf.Sequential {
  const o = assertOptions('dataAugmenter', 'options', options, ['inputShape', 'seed']);
  const inputShape = checkInputShape(o.inputShape ?? [160, 160, 3]);
  const seed =
    o.seed === undefined
      ? undefined
      : assertNumber('dataAugmenter', 'options.seed', o.seed, {
          integer: true,
          min: 0,
          max: 2 ** 31,
        });
  return tf.sequential({
    name: 'data_augmentation',
    layers: [
      new RandomFlip({ mode: 'horizontal', inputShape, ...(seed === undefined ? {} : { seed }) }),
      new RandomRotation({ factor: 0.2, ...(seed === undefined ? {} : { seed: seed + 1 }) }),
    ],
  });
}
