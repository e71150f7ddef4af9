import * as tf from '@tensorflow/tfjs';
import { maybeDropout } from './dense-block.js';
import { positionalEncoding } from './positional-encoding.js';
import type { WeightMaker } from './weights.js';

/**
 * The input stage of the course's `Encoder` and `Decoder`: embed the token ids, scale by
 * `sqrt(d)`, add the positional encoding of the first `seqLen` positions, then dropout.
 */
export class TokenEmbedding {
  private readonly embeddings: tf.LayerVariable;

  /**
   * @param weights - Creates `<prefix>embedding/embeddings` `[vocabSize, d]`.
   * @param prefix - The name prefix ('' or ending in '/').
   * @param vocabSize - The vocabulary size.
   * @param d - The model size.
   * @param dropoutRate - Dropout after the positional encoding.
   */
  constructor(
    weights: WeightMaker,
    prefix: string,
    vocabSize: number,
    private readonly d: number,
    private readonly dropoutRate: number,
  ) {
    this.embeddings = weights.make(`${prefix}embedding/embeddings`, [vocabSize, d], 'embedding');
  }

  /**
   * @param ids - Token ids `[batch, seqLen]` (checked by the caller to be within the vocabulary).
   * @param training - Whether dropout applies.
   * @returns `[batch, seqLen, d]`.
   */
  forward(ids: tf.Tensor, training: boolean): tf.Tensor {
    return tf.tidy(() => {
      const seqLen = ids.shape[1] as number;
      const x = tf.gather(this.embeddings.read(), tf.cast(ids, 'int32'));
      const scaled = tf.add(tf.mul(x, Math.sqrt(this.d)), positionalEncoding(seqLen, this.d));
      return maybeDropout(scaled, this.dropoutRate, training);
    });
  }
}
