import * as tf from '@tensorflow/tfjs';
import { assertNumber, MAX_ELEMENTS } from '@dlkit/core';
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
 * Arguments of {@link RandomRotation}, Keras's.
 *
 * @category C4 W2 · Data augmentation
 */
export interface RandomRotationArgs extends RandomLayerArgs {
  /** The angle range as a fraction of a full turn: `f` for `[-f·2π, f·2π]`, or `[lower, upper]`. Positive is counter-clockwise. */
  factor: number | [number, number];
  /** How pixels from outside the image are filled: `'reflect'` (default), `'wrap'`, `'constant'`, `'nearest'`. */
  fillMode?: FillMode;
  /** `'bilinear'` (default) or `'nearest'`. */
  interpolation?: Interpolation;
  /** The value of `'constant'` filling. Default 0. */
  fillValue?: number;
}

/**
 * Keras's rotation matrix for `tf.image.transform`: output pixel `(x, y)` reads the input at the
 * point rotated by `angle` about the image centre.
 *
 * @param angle - The angle in radians, counter-clockwise.
 * @param nH - The image height.
 * @param nW - The image width.
 * @returns `[a0, a1, a2, b0, b1, b2, 0, 0]`.
 */
export function rotationMatrix(angle: number, nH: number, nW: number): number[] {
  assertNumber('rotationMatrix', 'angle', angle);
  assertNumber('rotationMatrix', 'nH', nH, { integer: true, min: 1, max: MAX_ELEMENTS });
  assertNumber('rotationMatrix', 'nW', nW, { integer: true, min: 1, max: MAX_ELEMENTS });
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const xOffset = (nW - 1 - (cos * (nW - 1) - sin * (nH - 1))) / 2;
  const yOffset = (nH - 1 - (sin * (nW - 1) + cos * (nH - 1))) / 2;
  return [cos, -sin, xOffset, sin, cos, yOffset, 0, 0];
}

/**
 * Keras's `RandomRotation`: while training, rotates each image about its centre by an angle drawn
 * uniformly from `[lower·2π, upper·2π]` (`factor`), filling the corners by `fillMode`; at
 * inference it passes images through. Uses `tf.image.transform`. Saved as `DlkitRandomRotation`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomRotation } from '@dlkit/cnn';
 * const rotate = new RandomRotation({ factor: [0.25, 0.25], interpolation: 'nearest', seed: 1 }); // always 90°
 * const image = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
 * const rotated = rotate.apply(image, { training: true }) as tf.Tensor;
 * console.log(rotated.dataSync().join(' ')); // 2 4 1 3
 * tf.dispose([image, rotated]);
 * ```
 *
 * @category C4 W2 · Data augmentation
 */
export class RandomRotation extends RandomImageLayer {
  /** The name models save this layer under. */
  static className = 'DlkitRandomRotation';
  /** The angle range `[lower, upper]` in turns. */
  readonly factor: [number, number];
  private readonly fill: ReturnType<typeof checkFill>;

  /** @param args - The factor, fill, interpolation, seed and tfjs's layer arguments. */
  constructor(args: RandomRotationArgs) {
    const a = checkLayerArgs('RandomRotation', args, [
      'factor',
      'fillMode',
      'interpolation',
      'fillValue',
    ]);
    super(a);
    this.factor = checkFactor('RandomRotation', 'args.factor', a.factor, {
      min: -1,
      max: 1,
      symmetric: true,
    });
    this.fill = checkFill('RandomRotation', a);
  }

  protected get fnName(): string {
    return 'RandomRotation';
  }

  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    checkImages('RandomRotation.augment', images);
    const [m, nH, nW] = images.shape;
    const angles = this.draw(m, this.factor[0] * 2 * Math.PI, this.factor[1] * 2 * Math.PI);
    return transformImages(
      images,
      Array.from(angles, (a) => rotationMatrix(a, nH, nW)),
      this.fill,
    );
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return { factor: [...this.factor], ...this.fill };
  }
}
tf.serialization.registerClass(RandomRotation);
