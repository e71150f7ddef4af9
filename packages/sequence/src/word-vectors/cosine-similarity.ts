import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';

/**
 * How alike two word vectors are: the cosine of the angle between them,
 * `u · v / (||u||₂ ||v||₂)`, in `[-1, 1]` (the notebook's `cosine_similarity`). As the notebook
 * does, two equal vectors give 1 (even two zero vectors) and a zero vector against any other
 * gives 0, not NaN.
 *
 * @param u - A word vector `[n]`.
 * @param v - A word vector `[n]`.
 * @returns The cosine similarity, a number.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { cosineSimilarity } from '@dlkit/sequence';
 * const u = tf.tensor1d([1, 2, 2]);
 * const v = tf.tensor1d([2, 4, 4]);
 * const w = tf.tensor1d([-2, -4, -4]);
 * console.log(cosineSimilarity(u, v), cosineSimilarity(u, w)); // 1 -1
 * tf.dispose([u, v, w]);
 * ```
 *
 * @see The guide `docs/sequence/word-vectors.md`.
 *
 * @category C5 W2 · Operations on word vectors
 */
export function cosineSimilarity(u: tf.Tensor1D, v: tf.Tensor1D): number {
  new ShapeChecker('cosineSimilarity')
    .checkFloat('u', u, ['n'], { finite: true })
    .checkFloat('v', v, ['n'], { finite: true });
  const [dot, normU, normV, same] = tf.tidy(() => [
    tf.sum(tf.mul(u, v)),
    tf.norm(u),
    tf.norm(v),
    tf.all(tf.equal(u, v)),
  ]);
  const [d, nu, nv, eq] = [dot, normU, normV, same].map((t) => t.dataSync()[0] as number);
  tf.dispose([dot, normU, normV, same]);
  if (eq === 1) return 1;
  // The notebook's guard, np.isclose(norm_u * norm_v, 0, atol=1e-32).
  if (Math.abs((nu as number) * (nv as number)) <= 1e-32) return 0;
  return (d as number) / ((nu as number) * (nv as number));
}
