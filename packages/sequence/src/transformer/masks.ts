import * as tf from '@tensorflow/tfjs';
import { asCaller, assertShape, assertSize, assertTensor } from '@dlkit/core';

/**
 * The padding mask of a batch of token ids, the course's `create_padding_mask`: 1 where a token
 * is not the padding id 0, else 0, with an axis inserted so it broadcasts over query positions.
 *
 * dlkit's masks follow the course's and Keras' convention: **1 = attend, 0 = blocked**
 * (`scaledDotProductAttention` adds `(1 - mask) * -1e9` to the scores). PyTorch's boolean
 * `attn_mask`/`key_padding_mask` mean the opposite (`true` = blocked).
 *
 * @param decoderTokenIds - Token ids `[batch, seqLen]` (int32 or float32; 0 is padding).
 * @returns A new float32 tensor `[batch, 1, seqLen]` (the caller disposes it).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { createPaddingMask } from '@dlkit/sequence';
 * const ids = tf.tensor2d([[7, 6, 0, 0, 1], [1, 2, 3, 0, 0]], undefined, 'int32');
 * const mask = createPaddingMask(ids);
 * console.log(mask.shape, mask.arraySync()); // [2, 1, 5] [[[1, 1, 0, 0, 1]], [[1, 1, 1, 0, 0]]]
 * tf.dispose([ids, mask]);
 * ```
 *
 * @category C5 W4 · Transformers
 */
export function createPaddingMask(decoderTokenIds: tf.Tensor): tf.Tensor3D {
  const fn = 'createPaddingMask';
  assertTensor(fn, 'decoderTokenIds', decoderTokenIds, {
    dtypes: ['int32', 'float32'],
    finite: true,
  });
  assertShape(fn, 'decoderTokenIds', decoderTokenIds, ['batch', 'seqLen']);
  return asCaller(fn, () =>
    tf.tidy(() => tf.cast(tf.notEqual(decoderTokenIds, 0), 'float32').expandDims(1) as tf.Tensor3D),
  );
}

/**
 * The look-ahead (causal) mask, the course's `create_look_ahead_mask`: lower-triangular ones, so
 * position `i` attends to positions `0 … i` only. Convention: 1 = attend, 0 = blocked.
 *
 * @param sequenceLength - The number of positions `n` (a positive integer).
 * @returns A new float32 tensor `[1, n, n]` (the caller disposes it).
 *
 * @example
 * ```ts
 * import { createLookAheadMask } from '@dlkit/sequence';
 * const mask = createLookAheadMask(3);
 * console.log(mask.arraySync()); // [[[1, 0, 0], [1, 1, 0], [1, 1, 1]]]
 * mask.dispose();
 * ```
 *
 * @category C5 W4 · Transformers
 */
export function createLookAheadMask(sequenceLength: number): tf.Tensor3D {
  const fn = 'createLookAheadMask';
  const n = assertSize(fn, 'sequenceLength', sequenceLength, 1);
  assertSize(fn, 'sequenceLength * sequenceLength', n * n, 1);
  return asCaller(fn, () =>
    tf.tidy(() => tf.linalg.bandPart(tf.ones([1, n, n]), -1, 0) as tf.Tensor3D),
  );
}
