import * as tf from '@tensorflow/tfjs';
import { AttentionBlock } from './attention-block.js';
import { FeedForwardBlock, maybeDropout } from './dense-block.js';
import { LayerNormBlock } from './layer-norm-block.js';
import type { WeightMaker } from './weights.js';

/** The sizes and rates every encoder and decoder layer shares. */
export interface BlockSizes {
  /** The model size `d` (`embedding_dim`). */
  embeddingDim: number;
  /** Number of attention heads. */
  numHeads: number;
  /** Hidden size of the feed-forward network. */
  fullyConnectedDim: number;
  /** Dropout rate (attention weights and feed-forward output). */
  dropoutRate: number;
  /** Layer normalization's epsilon. */
  layernormEps: number;
  /** Size of each head's queries, keys and values. */
  keyDim: number;
}

/**
 * Multi-head self-attention over `d`-sized inputs and outputs.
 *
 * @param weights - Creates the weights.
 * @param prefix - Their name prefix.
 * @param sizes - The layer's sizes.
 * @returns The attention block.
 */
export function selfAttention(
  weights: WeightMaker,
  prefix: string,
  sizes: BlockSizes,
): AttentionBlock {
  const d = sizes.embeddingDim;
  return new AttentionBlock(weights, prefix, {
    queryIn: d,
    keyIn: d,
    valueIn: d,
    numHeads: sizes.numHeads,
    keyDim: sizes.keyDim,
    valueDim: sizes.keyDim,
    outputDim: d,
    useBias: true,
  });
}

/** The course's `EncoderLayer`: self-attention, add & norm, feed-forward, add & norm (post-norm). */
export class EncoderBlock {
  private readonly mha: AttentionBlock;
  private readonly ffn: FeedForwardBlock;
  private readonly layernorm1: LayerNormBlock;
  private readonly layernorm2: LayerNormBlock;

  /**
   * @param weights - Creates the weights `<prefix>mha/…`, `ffn/…`, `layernorm1/…`, `layernorm2/…`.
   * @param prefix - Their name prefix ('' or ending in '/').
   * @param sizes - The layer's sizes and rates.
   */
  constructor(
    weights: WeightMaker,
    prefix: string,
    private readonly sizes: BlockSizes,
  ) {
    const d = sizes.embeddingDim;
    this.mha = selfAttention(weights, `${prefix}mha`, sizes);
    this.ffn = new FeedForwardBlock(weights, `${prefix}ffn`, d, sizes.fullyConnectedDim);
    this.layernorm1 = new LayerNormBlock(weights, `${prefix}layernorm1`, d, sizes.layernormEps);
    this.layernorm2 = new LayerNormBlock(weights, `${prefix}layernorm2`, d, sizes.layernormEps);
  }

  /**
   * @param x - `[batch, seqLen, d]`.
   * @param training - Whether dropout applies.
   * @param mask - 1 = attend (e.g. a padding mask `[batch, 1, seqLen]`), or null.
   * @returns `[batch, seqLen, d]`.
   */
  forward(x: tf.Tensor, training: boolean, mask: tf.Tensor | null): tf.Tensor {
    return tf.tidy(() => {
      const rate = training ? this.sizes.dropoutRate : 0;
      const selfMhaOutput = this.mha.forward(x, x, x, mask, rate).output;
      const skipXAttention = this.layernorm1.forward(tf.add(x, selfMhaOutput));
      const ffnOutput = maybeDropout(this.ffn.forward(skipXAttention), rate, training);
      return this.layernorm2.forward(tf.add(skipXAttention, ffnOutput));
    });
  }
}
