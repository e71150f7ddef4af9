import * as tf from '@tensorflow/tfjs';
import { DecoderBlock } from './decoder-block.js';
import { EncoderBlock, type BlockSizes } from './encoder-block.js';
import { TokenEmbedding } from './token-embedding.js';
import type { WeightMaker } from './weights.js';

/** The course's `Encoder`: token embedding and positions, then `numLayers` encoder layers. */
export class EncoderStack {
  private readonly embedding: TokenEmbedding;
  private readonly layers: EncoderBlock[];

  /**
   * @param weights - Creates the weights `<prefix>embedding/…`, `<prefix>enc_layers/<i>/…`.
   * @param prefix - The name prefix ('' or ending in '/').
   * @param numLayers - The number of encoder layers.
   * @param sizes - Their sizes.
   * @param vocabSize - The input vocabulary's size.
   */
  constructor(
    weights: WeightMaker,
    prefix: string,
    numLayers: number,
    sizes: BlockSizes,
    vocabSize: number,
  ) {
    this.embedding = new TokenEmbedding(
      weights,
      prefix,
      vocabSize,
      sizes.embeddingDim,
      sizes.dropoutRate,
    );
    this.layers = Array.from(
      { length: numLayers },
      (_, i) => new EncoderBlock(weights, `${prefix}enc_layers/${i}/`, sizes),
    );
  }

  /**
   * @param ids - Token ids `[batch, inputSeqLen]`.
   * @param training - Whether dropout applies.
   * @param mask - The padding mask (1 = attend), or null.
   * @returns The encoded sequence `[batch, inputSeqLen, d]`.
   */
  forward(ids: tf.Tensor, training: boolean, mask: tf.Tensor | null): tf.Tensor {
    return tf.tidy(() =>
      this.layers.reduce(
        (x, layer) => layer.forward(x, training, mask),
        this.embedding.forward(ids, training),
      ),
    );
  }
}

/**
 * What the course's `Decoder` returns: the decoded sequence and every layer's attention weights,
 * keyed as the notebook does (`decoder_layer1_block1_self_att`, `decoder_layer1_block2_decenc_att`, ...).
 *
 * @category C5 W4 · Transformers
 */
export interface DecoderResult {
  /** The decoded sequence `[batch, targetSeqLen, d]`. */
  x: tf.Tensor;
  /** Each layer's self-attention and encoder-decoder attention weights `[batch, numHeads, targetSeqLen, …]`. */
  attentionWeights: Record<string, tf.Tensor>;
}

/** The course's `Decoder`: token embedding and positions, then `numLayers` decoder layers. */
export class DecoderStack {
  private readonly embedding: TokenEmbedding;
  private readonly layers: DecoderBlock[];

  /**
   * @param weights - Creates the weights `<prefix>embedding/…`, `<prefix>dec_layers/<i>/…`.
   * @param prefix - The name prefix ('' or ending in '/').
   * @param numLayers - The number of decoder layers.
   * @param sizes - Their sizes.
   * @param vocabSize - The target vocabulary's size.
   */
  constructor(
    weights: WeightMaker,
    prefix: string,
    numLayers: number,
    sizes: BlockSizes,
    vocabSize: number,
  ) {
    this.embedding = new TokenEmbedding(
      weights,
      prefix,
      vocabSize,
      sizes.embeddingDim,
      sizes.dropoutRate,
    );
    this.layers = Array.from(
      { length: numLayers },
      (_, i) => new DecoderBlock(weights, `${prefix}dec_layers/${i}/`, sizes),
    );
  }

  /**
   * @param ids - Target token ids `[batch, targetSeqLen]`.
   * @param encOutput - The encoder's output `[batch, inputSeqLen, d]`.
   * @param training - Whether dropout applies.
   * @param lookAheadMask - The self-attention mask (1 = attend), or null.
   * @param paddingMask - The encoder-decoder attention mask (1 = attend), or null.
   * @returns `{ x, attentionWeights }`, new tensors.
   */
  forward(
    ids: tf.Tensor,
    encOutput: tf.Tensor,
    training: boolean,
    lookAheadMask: tf.Tensor | null,
    paddingMask: tf.Tensor | null,
  ): DecoderResult {
    const attentionWeights: Record<string, tf.Tensor> = {};
    const x = tf.tidy(() => {
      let h = this.embedding.forward(ids, training);
      this.layers.forEach((layer, i) => {
        const r = layer.forward(h, encOutput, training, lookAheadMask, paddingMask);
        h = r.out3;
        const [self, decenc] = attentionWeightKeys(i + 1).slice(-2) as [string, string];
        attentionWeights[self] = tf.keep(r.attnWeightsBlock1);
        attentionWeights[decenc] = tf.keep(r.attnWeightsBlock2);
      });
      return h;
    });
    return { x, attentionWeights };
  }
}

/**
 * The keys of the decoder's attention weights, in order: for each layer `i` (from 1),
 * `decoder_layer<i>_block1_self_att` then `decoder_layer<i>_block2_decenc_att`.
 *
 * @param numLayers - The number of decoder layers.
 * @returns The keys.
 */
export function attentionWeightKeys(numLayers: number): string[] {
  return Array.from({ length: numLayers }, (_, i) => [
    `decoder_layer${i + 1}_block1_self_att`,
    `decoder_layer${i + 1}_block2_decenc_att`,
  ]).flat();
}

/**
 * Packs a decoder's outputs as a list for `call` (`[x, ...weights]` in key order).
 *
 * @param r - The decoder's result.
 * @param numLayers - Its number of layers.
 * @returns The list.
 */
export function decoderResultList(r: DecoderResult, numLayers: number): tf.Tensor[] {
  return [
    r.x,
    ...attentionWeightKeys(numLayers).map((key) => r.attentionWeights[key] as tf.Tensor),
  ];
}

/**
 * Unpacks a list from `call` (`[main, ...weights]`) into the main output and the named weights.
 *
 * @param list - The list.
 * @param numLayers - The decoder's number of layers.
 * @returns The main output and the weights by key.
 */
export function unpackResultList(
  list: tf.Tensor[],
  numLayers: number,
): { main: tf.Tensor; attentionWeights: Record<string, tf.Tensor> } {
  const [main, ...weights] = list;
  const attentionWeights: Record<string, tf.Tensor> = {};
  attentionWeightKeys(numLayers).forEach((key, i) => {
    attentionWeights[key] = weights[i] as tf.Tensor;
  });
  return { main: main as tf.Tensor, attentionWeights };
}
