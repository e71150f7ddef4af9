import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';

/**
 * The total-variation loss of a batch of images, TensorFlow's `tf.image.total_variation` summed
 * over the batch: the absolute differences between vertically and horizontally neighbouring
 * pixels, `sum |x[i+1, j, c] - x[i, j, c]| + |x[i, j+1, c] - x[i, j, c]|`. Added to the
 * style-transfer cost with a small weight it smooths the generated image's pixel noise (the
 * notebook's optional extra; it is not in the course's formula).
 *
 * @param images - Images `[m, nH, nW, nC]`.
 * @returns A new scalar tensor: the sum over the batch.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { totalVariationLoss } from '@dlkit/cnn';
 * const images = tf.tensor4d([0, 1, 0, 1], [1, 2, 2, 1]); // columns 0 | 1
 * const tv = totalVariationLoss(images);
 * console.log(tv.dataSync()[0]); // 2: two horizontal steps of 1, no vertical ones
 * tf.dispose([images, tv]);
 * ```
 *
 * @category C4 W4 · Neural style transfer
 * @see the guide page `docs/cnn/style-transfer.md`
 */
export function totalVariationLoss(images: tf.Tensor): tf.Scalar {
  new ShapeChecker('totalVariationLoss').checkFloat('images', images, ['m', 'nH', 'nW', 'nC']);
  return totalVariation(images as tf.Tensor4D);
}

/** The total variation of checked images `[m, nH, nW, nC]`, summed over the batch. */
export function totalVariation(images: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const [m, nH, nW, nC] = images.shape;
    const rows = tf.sub(
      tf.slice(images, [0, 1, 0, 0], [m, nH - 1, nW, nC]),
      tf.slice(images, [0, 0, 0, 0], [m, nH - 1, nW, nC]),
    );
    const columns = tf.sub(
      tf.slice(images, [0, 0, 1, 0], [m, nH, nW - 1, nC]),
      tf.slice(images, [0, 0, 0, 0], [m, nH, nW - 1, nC]),
    );
    return tf.add(tf.sum(tf.abs(rows)), tf.sum(tf.abs(columns)));
  });
}
