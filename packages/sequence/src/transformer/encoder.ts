import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller, assertShapeSize, assertSize } from '@dlkit/core';
import { checkAttentionMask } from './broadcast.js';
import type { BlockSizes } from './encoder-block.js';
import type { EncoderKwargs } from './encoder-layer.js';
import {
  checkBlockSizes,
  checkKwargs,
  checkLayerOptions,
  checkTraining,
  inputList,
  type TransformerLayerOptions,
} from './layer-args.js';
import {
  checkShapeLength,
  checkTokenIds,
  inputShapeOfNullable,
  splitConfig,
} from './layer-config.js';
import { EncoderStack } from './stacks.js';
import { WeightMaker, type Initializer } from './weights.js';

const FN = 'Encoder';
const POSITIONAL = [
  'numLayers',
  'embeddingDim',
  'numHeads',
  'fullyConnectedDim',
  'inputVocabSize',
  'maximumPositionEncoding',
  'dropoutRate',
  'layernormEps',
] as const;

/**
 * The Transformer's encoder, the course's `Encoder`: embeds the input token ids, scales them by
 * `sqrt(embeddingDim)`, adds the positional encoding, applies dropout, then `numLayers`
 * {@link EncoderLayer}s. Weights: `embedding/embeddings` `[inputVocabSize, embeddingDim]` and
 * `enc_layers/<i>/…` as in {@link EncoderLayer}.
 *
 * **Calling it.** `encoder.apply(ids, { attentionMask, training })` for token ids
 * `[batch, seqLen]` (int32 or float32, `seqLen <= maximumPositionEncoding`), or the notebook's
 * order `encoder.forward(x, training, mask)`. Registered for serialization as `DlkitEncoder`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { Encoder, createPaddingMask } from '@dlkit/sequence';
 * const encoder = new Encoder(2, 8, 2, 16, 20, 10, 0.1, 1e-6, { seed: 1 });
 * const ids = tf.tensor2d([[3, 4, 5, 0], [7, 1, 0, 0]], undefined, 'int32');
 * const mask = createPaddingMask(ids);
 * const encoded = encoder.forward(ids, false, mask);
 * console.log(encoded.shape); // [2, 4, 8]
 * tf.dispose([ids, mask, encoded]);
 * encoder.dispose();
 * ```
 *
 * @category C5 W4 · Transformers
 */
export class Encoder extends tf.layers.Layer {
  /** The name models save this layer under. */
  static className = 'DlkitEncoder';
  /** Number of encoder layers. */
  readonly numLayers: number;
  /** The model size `d`. */
  readonly embeddingDim: number;
  /** Number of attention heads. */
  readonly numHeads: number;
  /** Hidden size of the feed-forward networks. */
  readonly fullyConnectedDim: number;
  /** The input vocabulary's size. */
  readonly inputVocabSize: number;
  /** The longest input the positional encoding covers. */
  readonly maximumPositionEncoding: number;
  /** Dropout rate while training. */
  readonly dropoutRate: number;
  /** Layer normalization's epsilon. */
  readonly layernormEps: number;
  /** Size of each head. */
  readonly keyDim: number;
  /** The initializers' seed, if any. */
  readonly seed: number | undefined;
  private stack: EncoderStack | null = null;

  /**
   * @param numLayers - Number of encoder layers.
   * @param embeddingDim - The model size `d`.
   * @param numHeads - Number of attention heads.
   * @param fullyConnectedDim - Hidden size of the feed-forward networks.
   * @param inputVocabSize - The input vocabulary's size.
   * @param maximumPositionEncoding - The longest input the positional encoding covers.
   * @param dropoutRate - Dropout rate while training (default 0.1).
   * @param layernormEps - Layer normalization's epsilon (default 1e-6).
   * @param options - Head size, seed and `tf.layers.Layer` arguments.
   */
  constructor(
    numLayers: number,
    embeddingDim: number,
    numHeads: number,
    fullyConnectedDim: number,
    inputVocabSize: number,
    maximumPositionEncoding: number,
    dropoutRate = 0.1,
    layernormEps = 1e-6,
    options: TransformerLayerOptions = {},
  ) {
    const o = checkLayerOptions(FN, options);
    const sizes = checkBlockSizes(FN, {
      embeddingDim,
      numHeads,
      fullyConnectedDim,
      dropoutRate,
      layernormEps,
      keyDim: o.keyDim,
    });
    assertSize(FN, 'numLayers', numLayers, 1);
    assertSize(FN, 'inputVocabSize', inputVocabSize, 1);
    assertSize(FN, 'maximumPositionEncoding', maximumPositionEncoding, 1);
    assertShapeSize(FN, 'the embeddings [inputVocabSize, embeddingDim]', [
      inputVocabSize,
      sizes.embeddingDim,
    ]);
    assertShapeSize(FN, 'the layers [numLayers, embeddingDim, fullyConnectedDim]', [
      numLayers,
      sizes.embeddingDim,
      sizes.fullyConnectedDim,
    ]);
    super(o.base);
    this.numLayers = numLayers;
    this.embeddingDim = sizes.embeddingDim;
    this.numHeads = sizes.numHeads;
    this.fullyConnectedDim = sizes.fullyConnectedDim;
    this.inputVocabSize = inputVocabSize;
    this.maximumPositionEncoding = maximumPositionEncoding;
    this.dropoutRate = sizes.dropoutRate;
    this.layernormEps = sizes.layernormEps;
    this.keyDim = sizes.keyDim;
    this.seed = o.seed;
  }

  private get sizes(): BlockSizes {
    const { embeddingDim, numHeads, fullyConnectedDim, dropoutRate, layernormEps, keyDim } = this;
    return { embeddingDim, numHeads, fullyConnectedDim, dropoutRate, layernormEps, keyDim };
  }

  /**
   * Creates the weights (their sizes come from the constructor's arguments).
   *
   * @param inputShape - The ids' shape `[batch, seqLen]`.
   */
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    asCaller(`${FN}.build`, () => this.computeOutputShape(inputShape));
    const add = (name: string, s: number[], init: Initializer): tf.LayerVariable =>
      this.addWeight(name, s, 'float32', init);
    this.stack = new EncoderStack(
      new WeightMaker(add, this.seed),
      '',
      this.numLayers,
      this.sizes,
      this.inputVocabSize,
    );
    this.built = true;
  }

  /**
   * The output shape.
   *
   * @param inputShape - `[batch, seqLen]`.
   * @returns `[batch, seqLen, embeddingDim]`.
   */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const fn = `${FN}.computeOutputShape`;
    const shape = inputShapeOfNullable(fn, inputShape, false);
    new ShapeChecker(fn).check(
      'inputShape',
      shape.map((d) => d ?? 0),
      ['batch', 'seqLen'],
    );
    checkShapeLength(fn, 'x', shape[1], this.maximumPositionEncoding);
    return [shape[0] ?? null, shape[1] ?? null, this.embeddingDim];
  }

  /**
   * Encodes a batch of token ids (what `apply` calls).
   *
   * @param inputs - Token ids `[batch, seqLen]` (or `[ids]`).
   * @param kwargs - `EncoderKwargs`: the padding mask (1 = attend) and `training`.
   * @returns `[batch, seqLen, embeddingDim]`.
   */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const fn = `${FN}.call`;
    const [x] = inputList(fn, inputs, ['x']);
    const { kwargs: k, training } = checkKwargs<EncoderKwargs>(fn, kwargs, ['attentionMask']);
    const shapes = new ShapeChecker(fn);
    const ids = checkTokenIds(
      fn,
      'x',
      x,
      this.inputVocabSize,
      this.maximumPositionEncoding,
      shapes,
      'seqLen',
    );
    const [b, t] = ids.shape as [number, number];
    const mask = checkAttentionMask(fn, 'kwargs.attentionMask', k.attentionMask, [
      b,
      this.numHeads,
      t,
      t,
    ]);
    const { stack } = this;
    if (stack === null) {
      throw new DlkitError('state', fn, 'call needs built weights: use apply or forward', {
        argument: 'inputs',
      });
    }
    return asCaller(fn, () => stack.forward(ids, training, mask));
  }

  /**
   * The notebook's `call(x, training, mask)`: builds the encoder on first use.
   *
   * @param x - Token ids `[batch, seqLen]`.
   * @param training - Whether dropout applies (default false).
   * @param mask - The padding mask, 1 = attend (`[batch, 1, seqLen]`), or null.
   * @returns The encoded sequence `[batch, seqLen, embeddingDim]`, a new tensor.
   *
   * @example
   * ```ts
   * import * as tf from '@tensorflow/tfjs';
   * import { Encoder } from '@dlkit/sequence';
   * const encoder = new Encoder(1, 4, 2, 8, 10, 6, 0, 1e-6, { seed: 1 });
   * const ids = tf.tensor2d([[1, 2, 3]], undefined, 'int32');
   * const out = encoder.forward(ids);
   * console.log(out.shape); // [1, 3, 4]
   * tf.dispose([ids, out]);
   * encoder.dispose();
   * ```
   */
  forward(x: tf.Tensor, training?: boolean, mask?: tf.Tensor | null): tf.Tensor {
    const fn = `${FN}.forward`;
    const flag = checkTraining(fn, training);
    return asCaller(fn, () => {
      checkTokenIds(
        fn,
        'x',
        x,
        this.inputVocabSize,
        this.maximumPositionEncoding,
        new ShapeChecker(fn),
        'seqLen',
      );
      const [b, t] = x.shape as [number, number];
      checkAttentionMask(fn, 'mask', mask, [b, this.numHeads, t, t], true);
      return this.apply(x, { training: flag, attentionMask: mask ?? null }) as tf.Tensor;
    });
  }

  /**
   * The encoder's configuration, from which `fromConfig` rebuilds it (used by `model.save`).
   *
   * @returns The notebook's arguments, the head size, the seed and the layer arguments.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      numLayers: this.numLayers,
      inputVocabSize: this.inputVocabSize,
      maximumPositionEncoding: this.maximumPositionEncoding,
      ...this.sizes,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
      ...super.getConfig(),
    };
  }

  /**
   * Rebuilds an encoder from {@link Encoder.getConfig}'s output (`tf.loadLayersModel` calls it).
   *
   * @param cls - The class (this one).
   * @param config - The saved configuration.
   * @returns A new encoder.
   */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const fn = `${FN}.fromConfig`;
    return asCaller(fn, () => {
      const { positional, options } = splitConfig(fn, config, POSITIONAL);
      const [n, d, h, fc, vocab, maxPos, rate, eps] = positional as number[];
      return new Encoder(n!, d!, h!, fc!, vocab!, maxPos!, rate, eps, options) as unknown as T;
    });
  }
}
tf.serialization.registerClass(Encoder);
