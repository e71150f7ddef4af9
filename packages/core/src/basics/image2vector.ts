import type * as tf from '@tensorflow/tfjs';
import { assertShape } from '../tensor/shapes.js';
import { checkNumeric } from './check.js';

/**
 * Unrolls an image into a column vector, row-major like NumPy's `reshape` (the notebook's
 * `image2vector`): the course stacks such columns side by side into `X` of shape `[nX, m]`.
 *
 * @param image - The image, `[length, height, depth]` (height, width and RGB channels).
 * @returns `v`, a new tensor `[length * height * depth, 1]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { image2vector } from '@dlkit/core';
 * const image = tf.ones([3, 3, 2]);
 * const v = image2vector(image);
 * console.log(v.shape); // [18, 1]
 * tf.dispose([image, v]);
 * ```
 *
 * @category C1 W2 · Python basics with NumPy
 */
export function image2vector(image: tf.Tensor): tf.Tensor2D {
  const [length, height, depth] = assertShape('image2vector', 'image', image, [
    'length',
    'height',
    'depth',
  ]) as [number, number, number];
  checkNumeric('image2vector', 'image', image);
  return image.reshape([length * height * depth, 1]);
}
