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
 * Arguments of {@link RandomZoom}, Keras's.
 *
 * @category C4 W2 · Data augmentation
 */
export interface RandomZoomArgs extends RandomLayerArgs {
  /** The vertical zoom range: `f` for `[-f, f]` or `[lower, upper]`, each in `[-1, ∞)`. Positive zooms out (`0.2`: up to 20 % smaller), negative zooms in. */
  heightFactor: number | [number, number];
  /** The horizontal zoom range; default: the same zoom as the vertical one (aspect kept). */
  widthFactor?: number | [number, number];
  /** How pixels from outside the image are filled: `'reflect'` (default), `'wrap'`, `'constant'`, `'nearest'`. */
  fillMode?: FillMode;
  /** `'bilinear'` (default) or `'nearest'`. */
  interpolation?: Interpolation;
  /** The value of `'constant'` filling. Default 0. */
  fillValue?: number;
}

/**
 * Keras's zoom matrix: output pixel `(x, y)` reads the input at `(zx·x + ox, zy·y + oy)`, so the
 * centre stays put and `z > 1` shows more of the image (zooms out).
 *
 * @param zx - The horizontal zoom.
 * @param zy - The vertical zoom.
 * @param nH - The image height.
 * @param nW - The image width.
 * @returns `[zx, 0, ox, 0, zy, oy, 0, 0]`.
 */
export function zoomMatrix(zx: number, zy: number, nH: number, nW: number): number[] {
  assertNumber('zoomMatrix', 'zx', zx, { min: 0, minExclusive: true });
  assertNumber('zoomMatrix', 'zy', zy, { min: 0, minExclusive: true });
  assertNumber('zoomMatrix', 'nH', nH, { integer: true, min: 1, max: MAX_ELEMENTS });
  assertNumber('zoomMatrix', 'nW', nW, { integer: true, min: 1, max: MAX_ELEMENTS });
  return [zx, 0, ((nW - 1) / 2) * (1 - zx), 0, zy, ((nH - 1) / 2) * (1 - zy), 0, 0];
}

const BOUNDS = { min: -1, max: 1e6, symmetric: true };

/**
 * Keras's `RandomZoom`: while training, zooms each image about its centre by `1 + u`, `u` drawn
 * uniformly from `heightFactor`'s range (and from `widthFactor`'s for the width, else the same
 * zoom); at inference it passes images through. Uses `tf.image.transform`. Saved as `DlkitRandomZoom`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomZoom } from '@dlkit/cnn';
 * const zoom = new RandomZoom({ heightFactor: [1, 1], fillMode: 'constant', seed: 1 }); // always ×2 out
 * const image = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
 * const zoomed = zoom.apply(image, { training: true }) as tf.Tensor;
 * console.log(zoomed.dataSync().join(' ')); // 0 0 0 0 5 0 0 0 0
 * tf.dispose([image, zoomed]);
 * ```
 *
 * @category C4 W2 · Data augmentation
 */
export class RandomZoom extends RandomImageLayer {
  /** The name models save this layer under. */
  static className = 'DlkitRandomZoom';
  /** The vertical zoom range `[lower, upper]`. */
  readonly heightFactor: [number, number];
  /** The horizontal zoom range, or `null` for the vertical zoom. */
  readonly widthFactor: [number, number] | null;
  private readonly fill: ReturnType<typeof checkFill>;

  /** @param args - The factors, fill, interpolation, seed and tfjs's layer arguments. */
  constructor(args: RandomZoomArgs) {
    const a = checkLayerArgs('RandomZoom', args, [
      'heightFactor',
      'widthFactor',
      'fillMode',
      'interpolation',
      'fillValue',
    ]);
    super(a);
    this.heightFactor = checkFactor('RandomZoom', 'args.heightFactor', a.heightFactor, BOUNDS);
    this.widthFactor =
      a.widthFactor === undefined || a.widthFactor === null
        ? null
        : checkFactor('RandomZoom', 'args.widthFactor', a.widthFactor, BOUNDS);
    this.fill = checkFill('RandomZoom', a);
  }

  protected get fnName(): string {
    return 'RandomZoom';
  }

  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    checkImages('RandomZoom.augment', images);
    const [m, nH, nW] = images.shape;
    const zy = this.draw(m, 1 + this.heightFactor[0], 1 + this.heightFactor[1]);
    const zx =
      this.widthFactor === null
        ? zy
        : this.draw(m, 1 + this.widthFactor[0], 1 + this.widthFactor[1]);
    const matrices = Array.from(zy, (z, i) => zoomMatrix(zx[i] as number, z, nH, nW));
    return transformImages(images, matrices, this.fill);
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return {
      heightFactor: [...this.heightFactor],
      widthFactor: this.widthFactor === null ? null : [...this.widthFactor],
      ...this.fill,
    };
  }
}
tf.serialization.registerClass(RandomZoom);
