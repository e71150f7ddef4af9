import * as tf from '@tensorflow/tfjs';
import { assertOneOf } from '@dlkit/core';
import {
  checkImages,
  checkLayerArgs,
  RandomImageLayer,
  type RandomLayerArgs,
} from './random-image-layer.js';

/**
 * Which way {@link RandomFlip} flips (Keras's `mode`).
 *
 * @category C4 W2 · Data augmentation
 */
export type FlipMode = 'horizontal' | 'vertical' | 'horizontal_and_vertical';

/**
 * Arguments of {@link RandomFlip}.
 *
 * @category C4 W2 · Data augmentation
 */
export interface RandomFlipArgs extends RandomLayerArgs {
  /** `'horizontal'` (left-right), `'vertical'` (up-down) or both. Default `'horizontal_and_vertical'`, as Keras. */
  mode?: FlipMode;
}

/** `flipped[i]` where `draws[i] < 1/2`, else `images[i]`. */
function flipSome(images: tf.Tensor4D, flipped: tf.Tensor4D, draws: Float64Array): tf.Tensor4D {
  const flips = Array.from(draws, (u) => (u < 0.5 ? 1 : 0));
  const condition = tf.tensor4d(flips, [flips.length, 1, 1, 1], 'bool');
  return tf.where(condition, flipped, images);
}

/**
 * Keras's `RandomFlip`: while training, flips each image left-right (and/or up-down) with
 * probability 1/2; at inference it passes images through. Image `i` of a call is flipped
 * horizontally when the generator's `i`-th uniform draw is below 1/2 (then, for `'vertical'`,
 * a second set of draws decides the up-down flips). Flips are exact (`tf.image.flipLeftRight`,
 * `tf.reverse`). Saved under the class name `DlkitRandomFlip`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomFlip } from '@dlkit/cnn';
 * const flip = new RandomFlip({ mode: 'horizontal', seed: 1 });
 * const images = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [4, 1, 2, 1]); // [m, nH, nW, nC]
 * const same = flip.apply(images) as tf.Tensor; // inference: unchanged
 * const flipped = flip.apply(images, { training: true }) as tf.Tensor;
 * console.log(same.dataSync().join(' '), '|', flipped.dataSync().join(' ')); // 1 2 3 4 5 6 7 8 | 2 1 3 4 6 5 8 7
 * tf.dispose([images, same, flipped]);
 * ```
 *
 * @category C4 W2 · Data augmentation
 */
export class RandomFlip extends RandomImageLayer {
  /** The name models save this layer under. */
  static className = 'DlkitRandomFlip';
  /** Which way it flips. */
  readonly mode: FlipMode;

  /** @param args - The mode, seed and tfjs's layer arguments. */
  constructor(args: RandomFlipArgs = {}) {
    const a = checkLayerArgs('RandomFlip', args, ['mode']);
    super(a);
    // tfjs's model loader turns snake_case strings to camelCase: accept what it gives back.
    const mode =
      (a.mode as string) === 'horizontalAndVertical' ? 'horizontal_and_vertical' : a.mode;
    this.mode = assertOneOf('RandomFlip', 'args.mode', mode ?? 'horizontal_and_vertical', [
      'horizontal',
      'vertical',
      'horizontal_and_vertical',
    ] as const);
  }

  protected get fnName(): string {
    return 'RandomFlip';
  }

  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    checkImages('RandomFlip.augment', images);
    const m = images.shape[0];
    let out = images;
    if (this.mode !== 'vertical')
      out = flipSome(out, tf.image.flipLeftRight(out), this.draw(m, 0, 1));
    if (this.mode !== 'horizontal') out = flipSome(out, tf.reverse(out, 1), this.draw(m, 0, 1));
    return out;
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return { mode: this.mode };
  }
}
tf.serialization.registerClass(RandomFlip);
