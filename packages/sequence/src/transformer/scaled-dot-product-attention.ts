import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller, assertTensor, formatShape } from '@dlkit/core';
import { assertBroadcastsTo } from './broadcast.js';

/**
 * What {@link scaledDotProductAttention} returns, keyed by the notebook's names.
 *
 * @category C5 W4 · Transformers
 */
export interface ScaledDotProductAttentionResult {
  /** The attended values `[..., seqQ, depthV]`. */
  output: tf.Tensor;
  /** The attention weights `[..., seqQ, seqK]`: each row sums to 1 over the keys. */
  attentionWeights: tf.Tensor;
}

/** The large negative number the course adds to blocked scores: `(1 - mask) * -1e9`. */
export const MASK_PENALTY = -1e9;

/**
 * The attention computation shared by the function and the layers, without checks:
 * `softmax(q kᵀ / sqrt(dk) + (1 - mask) * -1e9) v`, with dropout on the weights when `rate > 0`.
 *
 * @param q - Queries `[..., seqQ, dk]`.
 * @param k - Keys `[..., seqK, dk]`.
 * @param v - Values `[..., seqK, dv]`.
 * @param mask - A mask broadcasting to `[..., seqQ, seqK]` (1 = attend), or null.
 * @param rate - The dropout rate of the weights (0 for none).
 * @returns The output and the weights (before dropout), both new tensors.
 */
export function attentionCore(
  q: tf.Tensor,
  k: tf.Tensor,
  v: tf.Tensor,
  mask: tf.Tensor | null,
  rate = 0,
): ScaledDotProductAttentionResult {
  const dk = k.shape[k.rank - 1] as number;
  const [output, attentionWeights] = tf.tidy(() => {
    let scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
    if (mask !== null) scores = tf.add(scores, tf.mul(tf.sub(1, mask), MASK_PENALTY));
    const weights = tf.softmax(scores, -1);
    const dropped = rate > 0 ? tf.dropout(weights, rate) : weights;
    return [tf.matMul(dropped, v), weights];
  });
  return { output: output as tf.Tensor, attentionWeights: attentionWeights as tf.Tensor };
}

/**
 * Scaled dot-product attention, the course's `scaled_dot_product_attention`:
 * `softmax(q kᵀ / sqrt(dk) + (1 - mask) * -1e9) v`. The mask follows the course's convention,
 * **1 = attend, 0 = blocked** (a padding mask `[batch, 1, seqK]` or a look-ahead mask
 * `[1, seqQ, seqK]`); a blocked key gets a weight of about 0.
 *
 * @param q - Queries `[..., seqQ, dk]` (any leading batch dimensions, the same for q, k, v).
 * @param k - Keys `[..., seqK, dk]`.
 * @param v - Values `[..., seqK, dv]`.
 * @param mask - A float32 mask broadcasting to the scores `[..., seqQ, seqK]`, or null/undefined.
 * @returns `{ output, attentionWeights }`: `[..., seqQ, dv]` and `[..., seqQ, seqK]`, new tensors
 *   the caller disposes.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { createLookAheadMask, scaledDotProductAttention } from '@dlkit/sequence';
 * const q = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1);
 * const mask = createLookAheadMask(3);
 * const { output, attentionWeights } = scaledDotProductAttention(q, q, q, mask);
 * console.log(output.shape, attentionWeights.shape); // [2, 3, 4] [2, 3, 3]
 * tf.dispose([q, mask, output, attentionWeights]);
 * ```
 *
 * @category C5 W4 · Transformers
 */
export function scaledDotProductAttention(
  q: tf.Tensor,
  k: tf.Tensor,
  v: tf.Tensor,
  mask?: tf.Tensor | null,
): ScaledDotProductAttentionResult {
  const fn = 'scaledDotProductAttention';
  for (const [name, t] of [
    ['q', q],
    ['k', k],
    ['v', v],
  ] as const)
    assertTensor(fn, name, t, { finite: true });
  if (q.rank < 2) {
    throw new DlkitError('shape', fn, `q must have rank >= 2, got ${formatShape(q.shape)}`, {
      argument: 'q',
    });
  }
  const lead = q.shape.slice(0, -2);
  const shapes = new ShapeChecker(fn);
  shapes
    .check('q', q, [...lead, 'seqQ', 'dk'])
    .check('k', k, [...lead, 'seqK', 'dk'])
    .check('v', v, [...lead, 'seqK', 'dv']);
  if (mask !== undefined && mask !== null) {
    assertTensor(fn, 'mask', mask, { finite: true });
    assertBroadcastsTo(fn, 'mask', mask.shape, [...lead, shapes.dim('seqQ'), shapes.dim('seqK')]);
  }
  return asCaller(fn, () => attentionCore(q, k, v, mask ?? null));
}
