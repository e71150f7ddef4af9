import * as tf from '@tensorflow/tfjs';
import {
  checkImages,
  checkFactor,
  checkFill,
  checkLayerArgs,
  RandomImageLayer,
  transformImages,
  type FillMode,
  type Interpolation,
  type RandomLayerArgs,
} from './random-image-layer.js';

/**
 * Arguments of {@link RandomTranslation}, Keras's.
 *
 * @category C4 W2 · Data augmentation
 */
export interface RandomTranslationArgs extends RandomLayerArgs {
  /** The vertical shift range as a fraction of the height: `f` for `[-f, f]` or `[lower, upper]` in `[-1, 1]`. Positive moves the image down. */
  heightFactor: number | [number, number];
  /** The horizontal shift range as a fraction of the width. Positive moves the image right. */
  widthFactor: number | [number, number];
  /** How pixels from outside the image are filled: `'reflect'` (default), `'wrap'`, `'constant'`, `'nearest'`. */
  fillMode?: FillMode;
  /** `'bilinear'` (default) or `'nearest'`. */
  interpolation?: Interpolation;
  /** The value of `'constant'` filling. Default 0. */
  fillValue?: number;
}

const BOUNDS = { min: -1, max: 1, symmetric: true };

/**
 * Keras's `RandomTranslation`: while training, shifts each image by `dy = u·nH` rows and
 * `dx = v·nW` columns, `u` and `v` drawn uniformly from the factors' ranges (all heights first,
 * then all widths); at inference it passes images through. Uses `tf.image.transform`.
 * Saved as `DlkitRandomTranslation`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomTranslation } from '@dlkit/cnn';
 * const shift = new RandomTranslation({ heightFactor: [0.5, 0.5], widthFactor: 0, fillMode: 'constant', seed: 1 });
 * const image = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]); // one row down
 * const shifted = shift.apply(image, { training: true }) as tf.Tensor;
 * console.log(shifted.dataSync().join(' ')); // 0 0 1 2
 * tf.dispose([image, shifted]);
 * ```
 *
 * @category C4 W2 · Data augmentation
 */
export class RandomTranslation extends RandomImageLayer {
  /** The name models save this layer under. */
  static className = 'DlkitRandomTranslation';
  /** The vertical shift range `[lower, upper]` (fractions of the height). */
  readonly heightFactor: [number, number];
  /** The horizontal shift range `[lower, upper]` (fractions of the width). */
  readonly widthFactor: [number, number];
  private readonly fill: ReturnType<typeof checkFill>;

  /** @param args - The factors, fill, interpolation, seed and tfjs's layer arguments. */
  constructor(args: RandomTranslationArgs) {
    const a = checkLayerArgs('RandomTranslation', args, [
      'heightFactor',
      'widthFactor',
      'fillMode',
      'interpolation',
      'fillValue',
    ]);
    super(a);
    this.heightFactor = checkFactor(
      'RandomTranslation',
      'args.heightFactor',
      a.heightFactor,
      BOUNDS,
    );
    this.widthFactor = checkFactor('RandomTranslation', 'args.widthFactor', a.widthFactor, BOUNDS);
    this.fill = checkFill('RandomTranslation', a);
  }

  protected get fnName(): string {
    return 'RandomTranslation';
  }

  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    checkImages('RandomTranslation.augment', images);
    const [m, nH, nW] = images.shape;
    const dy = this.draw(m, this.heightFactor[0] * nH, this.heightFactor[1] * nH);
    const dx = this.draw(m, this.widthFactor[0] * nW, this.widthFactor[1] * nW);
    const matrices = Array.from(dy, (y, i) => [1, 0, -(dx[i] as number), 0, 1, -y, 0, 0]);
    return transformImages(images, matrices, this.fill);
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return {
      heightFactor: [...this.heightFactor],
      widthFactor: [...this.widthFactor],
      ...this.fill,
    };
  }
}
tf.serialization.registerClass(RandomTranslation);
