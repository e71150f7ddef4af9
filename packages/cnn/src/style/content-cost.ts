import * as tf from '@tensorflow/tfjs';
import { checkActivationPair, checkOutputList } from './activations.js';

const FN = 'computeContentCost';

/**
 * The content cost, the notebook's `compute_content_cost`: how far the generated image's
 * activations in the content layer (the last of the model's outputs) are from the content
 * image's, `J_content = sum((a_C - a_G)^2) / (4 nH nW nC)`.
 *
 * @param contentOutput - The model's outputs for the content image, each `[1, nH, nW, nC]`; only
 *   the last (`a_C`, the content layer) is used.
 * @param generatedOutput - The model's outputs for the generated image; the last (`a_G`) must
 *   have the shape of `a_C`.
 * @returns A new scalar tensor, `J_content`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { computeContentCost } from '@dlkit/cnn';
 * const aC = tf.ones([1, 2, 2, 3]);
 * const aG = tf.zeros([1, 2, 2, 3]);
 * const J = computeContentCost([aC], [aG]);
 * console.log(J.dataSync()[0]); // 0.25: 12 squared differences of 1 over 4 * 12
 * tf.dispose([aC, aG, J]);
 * ```
 *
 * @category C4 W4 · Neural style transfer
 * @see the guide page `docs/cnn/style-transfer.md`
 */
export function computeContentCost(
  contentOutput: readonly tf.Tensor[],
  generatedOutput: readonly tf.Tensor[],
): tf.Scalar {
  const aC = checkOutputList(FN, 'contentOutput', contentOutput).at(-1)!;
  const aG = checkOutputList(FN, 'generatedOutput', generatedOutput).at(-1)!;
  const last = (name: string, list: readonly unknown[]) => `${name}[${list.length - 1}]`;
  checkActivationPair(
    FN,
    [last('contentOutput', contentOutput), last('generatedOutput', generatedOutput)],
    aC,
    aG,
  );
  return contentCost(aC, aG);
}

/** `J_content` of two checked activations `[1, nH, nW, nC]` of the same shape. */
export function contentCost(aC: tf.Tensor, aG: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.div(tf.sum(tf.squaredDifference(aC, aG)), 4 * aC.size));
}
