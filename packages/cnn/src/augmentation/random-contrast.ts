import * as tf from '@tensorflow/tfjs';
import {
  checkImages,
  checkFactor,
  checkLayerArgs,
  RandomImageLayer,
  type RandomLayerArgs,
} from './random-image-layer.js';

/**
 * Arguments of {@link RandomContrast}, Keras's.
 *
 * @category C4 W2 · Data augmentation
 */
export interface RandomContrastArgs extends RandomLayerArgs {
  /** The contrast range: `f` for a factor in `[1 - f, 1 + f]`, or `[lower, upper]` for `[1 - lower, 1 + upper]`; each in `[0, 1]`. */
  factor: number | [number, number];
}

/**
 * Keras's `RandomContrast`: while training, scales each image's deviation from its per-channel
 * mean by a factor `c` drawn uniformly from `[1 - lower, 1 + upper]`,
 * `(x - mean) · c + mean`, then clips to `[0, 255]` as Keras does (pixels are expected in
 * `[0, 255]`; values in `[0, 1]` are only clipped below 0); at inference it passes images
 * through. Saved as `DlkitRandomContrast`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomContrast } from '@dlkit/cnn';
 * const contrast = new RandomContrast({ factor: 0.5, seed: 1 });
 * const image = tf.tensor4d([100, 200], [1, 1, 2, 1]);
 * const out = contrast.apply(image, { training: true }) as tf.Tensor; // mean 150 is kept
 * const [a, b] = Array.from(out.dataSync());
 * console.log(((a! + b!) / 2).toFixed(1)); // 150.0
 * tf.dispose([image, out]);
 * ```
 *
 * @category C4 W2 · Data augmentation
 */
export class RandomContrast extends RandomImageLayer {
  /** The name models save this layer under. */
  static className = 'DlkitRandomContrast';
  /** `[lower, upper]`: factors are drawn from `[1 - lower, 1 + upper]`. */
  readonly factor: [number, number];

  /** @param args - The factor, seed and tfjs's layer arguments. */
  constructor(args: RandomContrastArgs) {
    const a = checkLayerArgs('RandomContrast', args, ['factor']);
    super(a);
    this.factor = checkFactor('RandomContrast', 'args.factor', a.factor, {
      min: 0,
      max: 1,
      symmetric: false,
    });
  }

  protected get fnName(): string {
    return 'RandomContrast';
  }

  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    checkImages('RandomContrast.augment', images);
    const m = images.shape[0];
    const factors = tf.tensor4d(
      Array.from(this.draw(m, 1 - this.factor[0], 1 + this.factor[1])),
      [m, 1, 1, 1],
      'float32',
    );
    const mean = tf.mean(images, [1, 2], true);
    return tf.clipByValue(
      tf.add(tf.mul(tf.sub(images, mean), factors), mean),
      0,
      255,
    ) as tf.Tensor4D;
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return { factor: [...this.factor] };
  }
}
tf.serialization.registerClass(RandomContrast);
