import * as tf from '@tensorflow/tfjs';
import { assertTensor } from '@dlkit/core';

/**
 * Clips every value to `[0, 1]`, the notebook's `clip_0_1`: after each update the generated
 * image is brought back to valid pixel values.
 *
 * @param image - A tensor of any shape, e.g. an image `[1, nH, nW, 3]` with pixels in `[0, 1]`.
 * @returns A new tensor of the same shape.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { clip01 } from '@dlkit/cnn';
 * const image = tf.tensor([-0.5, 0.25, 1.5]);
 * const clipped = clip01(image);
 * console.log(clipped.arraySync()); // [0, 0.25, 1]
 * tf.dispose([image, clipped]);
 * ```
 *
 * @category C4 W4 · Neural style transfer
 * @see the guide page `docs/cnn/style-transfer.md`
 */
export function clip01<T extends tf.Tensor>(image: T): T {
  assertTensor('clip01', 'image', image);
  return tf.clipByValue(image, 0, 1);
}
