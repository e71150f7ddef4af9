import * as tf from '@tensorflow/tfjs';
import { checkActivationPair } from './activations.js';
import { gram } from './gram-matrix.js';

/**
 * The style cost of one layer, the notebook's `compute_layer_style_cost`: the squared distance
 * between the Gram matrices of the style image's and the generated image's activations,
 * `J_style_layer = sum((GS - GG)^2) / (4 nC^2 (nH nW)^2)`.
 * Each activation is unrolled as the notebook does: reshaped to `[nH * nW, nC]`, then transposed
 * to `[nC, nH * nW]`.
 *
 * @param aS - The style image's activations in the layer, `[1, nH, nW, nC]`.
 * @param aG - The generated image's activations in the same layer, `[1, nH, nW, nC]`.
 * @returns A new scalar tensor, `J_style_layer`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { computeLayerStyleCost } from '@dlkit/cnn';
 * const aS = tf.ones([1, 2, 2, 1]);
 * const aG = tf.zeros([1, 2, 2, 1]);
 * const J = computeLayerStyleCost(aS, aG);
 * console.log(J.dataSync()[0]); // 0.25: (4 - 0)^2 / (4 * 1 * 4^2)
 * tf.dispose([aS, aG, J]);
 * ```
 *
 * @category C4 W4 · Neural style transfer
 * @see the guide page `docs/cnn/style-transfer.md`
 */
export function computeLayerStyleCost(aS: tf.Tensor, aG: tf.Tensor): tf.Scalar {
  checkActivationPair('computeLayerStyleCost', ['aS', 'aG'], aS, aG);
  return layerStyleCost(aS, aG);
}

/** `J_style_layer` of two checked activations `[1, nH, nW, nC]` of the same shape. */
export function layerStyleCost(aS: tf.Tensor, aG: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const [, nH, nW, nC] = aS.shape as [number, number, number, number];
    const unroll = (a: tf.Tensor) => tf.transpose(tf.reshape(a, [nH * nW, nC])) as tf.Tensor2D;
    const difference = tf.squaredDifference(gram(unroll(aS)), gram(unroll(aG)));
    return tf.div(tf.sum(difference), 4 * nC ** 2 * (nH * nW) ** 2);
  });
}
