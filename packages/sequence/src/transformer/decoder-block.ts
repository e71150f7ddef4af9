import * as tf from '@tensorflow/tfjs';
import type { AttentionBlock } from './attention-block.js';
import { FeedForwardBlock, maybeDropout } from './dense-block.js';
import { selfAttention, type BlockSizes } from './encoder-block.js';
import { LayerNormBlock } from './layer-norm-block.js';
import type { WeightMaker } from './weights.js';

/**
 * What a decoder layer returns, keyed by the notebook's names.
 *
 * @category C5 W4 · Transformers
 */
export interface DecoderLayerResult {
  /** The layer's output `[batch, targetSeqLen, d]`. */
  out3: tf.Tensor;
  /** The masked self-attention weights `[batch, numHeads, targetSeqLen, targetSeqLen]`. */
  attnWeightsBlock1: tf.Tensor;
  /** The encoder-decoder attention weights `[batch, numHeads, targetSeqLen, inputSeqLen]`. */
  attnWeightsBlock2: tf.Tensor;
}

/**
 * The course's `DecoderLayer`: masked self-attention, add & norm, attention over the encoder's
 * output, add & norm, feed-forward, add & norm (post-norm, as PyTorch's `norm_first=False`).
 */
export class DecoderBlock {
  private readonly mha1: AttentionBlock;
  private readonly mha2: AttentionBlock;
  private readonly ffn: FeedForwardBlock;
  private readonly layernorms: [LayerNormBlock, LayerNormBlock, LayerNormBlock];

  /**
   * @param weights - Creates the weights `<prefix>mha1/…`, `mha2/…`, `ffn/…`, `layernorm1…3/…`.
   * @param prefix - Their name prefix ('' or ending in '/').
   * @param sizes - The layer's sizes and rates.
   */
  constructor(
    weights: WeightMaker,
    prefix: string,
    private readonly sizes: BlockSizes,
  ) {
    const d = sizes.embeddingDim;
    this.mha1 = selfAttention(weights, `${prefix}mha1`, sizes);
    this.mha2 = selfAttention(weights, `${prefix}mha2`, sizes);
    this.ffn = new FeedForwardBlock(weights, `${prefix}ffn`, d, sizes.fullyConnectedDim);
    const norm = (i: number): LayerNormBlock =>
      new LayerNormBlock(weights, `${prefix}layernorm${i}`, d, sizes.layernormEps);
    this.layernorms = [norm(1), norm(2), norm(3)];
  }

  /**
   * @param x - The target embeddings `[batch, targetSeqLen, d]`.
   * @param encOutput - The encoder's output `[batch, inputSeqLen, d]`.
   * @param training - Whether dropout applies.
   * @param lookAheadMask - Mask of the self-attention (1 = attend), or null.
   * @param paddingMask - Mask of the encoder-decoder attention (1 = attend), or null.
   * @returns `{ out3, attnWeightsBlock1, attnWeightsBlock2 }`.
   */
  forward(
    x: tf.Tensor,
    encOutput: tf.Tensor,
    training: boolean,
    lookAheadMask: tf.Tensor | null,
    paddingMask: tf.Tensor | null,
  ): DecoderLayerResult {
    const [out3, attnWeightsBlock1, attnWeightsBlock2] = tf.tidy(() => {
      const rate = training ? this.sizes.dropoutRate : 0;
      const [ln1, ln2, ln3] = this.layernorms;
      const block1 = this.mha1.forward(x, x, x, lookAheadMask, rate);
      const Q1 = ln1.forward(tf.add(block1.output, x));
      const block2 = this.mha2.forward(Q1, encOutput, encOutput, paddingMask, rate);
      const multAttnOut2 = ln2.forward(tf.add(block2.output, Q1));
      const ffnOutput = maybeDropout(this.ffn.forward(multAttnOut2), rate, training);
      return [ln3.forward(tf.add(ffnOutput, multAttnOut2)), block1.scores, block2.scores];
    });
    return {
      out3: out3 as tf.Tensor,
      attnWeightsBlock1: attnWeightsBlock1 as tf.Tensor,
      attnWeightsBlock2: attnWeightsBlock2 as tf.Tensor,
    };
  }
}
