import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertTensor } from '@dlkit/core';
import { readClassMask } from './class-mask.js';

/** How many classes the palette colours. */
const PALETTE_SIZE = 256;

/**
 * The colour of class `c` in PASCAL VOC's colour map (the usual fixed segmentation palette): the
 * bits of `c` are dealt out to red, green and blue from the top bit down, so class 0 is black,
 * 1 dark red, 2 dark green, 3 olive, 4 navy, …, and nearby classes differ clearly.
 */
export function vocColor(c: number): [number, number, number] {
  const rgb: [number, number, number] = [0, 0, 0];
  for (let bit = 7, v = c; bit >= 0 && v > 0; bit--, v >>= 3) {
    for (let k = 0; k < 3; k++) rgb[k] = rgb[k]! | (((v >> k) & 1) << bit);
  }
  return rgb;
}

/** Checks a mask `[nH, nW]` or `[nH, nW, 1]`. */
function checkMaskShape(fn: string, mask: tf.Tensor): [number, number] {
  const [h, w, one] = mask.shape;
  if ((mask.rank !== 2 && mask.rank !== 3) || (mask.rank === 3 && one !== 1)) {
    throw new DlkitError(
      'shape',
      fn,
      `mask must have shape [nH, nW, 1] or [nH, nW], got [${mask.shape.join(', ')}]`,
      { argument: 'mask' },
    );
  }
  return [h!, w!];
}

/**
 * Colours a class mask with a fixed palette (PASCAL VOC's colour map: class 0 black, 1 dark red,
 * 2 dark green, 3 olive, 4 navy, … for up to 256 classes), to look at next to the image; write it
 * with `writeImage` from `@dlkit/cnn/images` to get a PNG.
 *
 * @param mask - int32 class indices `[nH, nW, 1]` (as `createMask` returns) or `[nH, nW]`, values in `[0, 255]`.
 * @returns A new int32 RGB image `[nH, nW, 3]` in `0…255`; the caller owns it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { colorMask } from '@dlkit/cnn';
 * const mask = tf.tensor3d([0, 1, 2, 3], [2, 2, 1], 'int32');
 * const rgb = colorMask(mask);
 * console.log(rgb.shape, Array.from(rgb.dataSync())); // [2, 2, 3] [0,0,0, 128,0,0, 0,128,0, 128,128,0]
 * tf.dispose([mask, rgb]);
 * ```
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export function colorMask(mask: tf.Tensor): tf.Tensor3D {
  const fn = 'colorMask';
  assertTensor(fn, 'mask', mask, { dtypes: ['int32'] });
  const [h, w] = checkMaskShape(fn, mask);
  const classes = readClassMask(fn, 'mask', mask, PALETTE_SIZE);
  const rgb = new Int32Array(classes.length * 3);
  classes.forEach((c, i) => rgb.set(vocColor(c), i * 3));
  return tf.tensor3d(rgb, [h, w, 3], 'int32');
}
