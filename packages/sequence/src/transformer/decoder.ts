import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller, assertShapeSize, assertSize } from '@dlkit/core';
import { checkAttentionMask } from './broadcast.js';
import type { DecoderKwargs } from './decoder-layer.js';
import type { BlockSizes } from './encoder-block.js';
import {
  checkBlockSizes,
  checkKwargs,
  checkLayerOptions,
  checkTraining,
  inputList,
  type TransformerLayerOptions,
} from './layer-args.js';
import { checkShapeLength, checkTokenIds, splitConfig } from './layer-config.js';
import { DecoderStack, decoderResultList, unpackResultList, type DecoderResult } from './stacks.js';
import { WeightMaker, type Initializer } from './weights.js';

const FN = 'Decoder';
const POSITIONAL = [
  'numLayers',
  'embeddingDim',
  'numHeads',
  'fullyConnectedDim',
  'targetVocabSize',
  'maximumPositionEncoding',
  'dropoutRate',
  'layernormEps',
] as const;

/**
 * The Transformer's decoder, the course's `Decoder`: embeds the target token ids, scales them by
 * `sqrt(embeddingDim)`, adds the positional encoding, applies dropout, then `numLayers`
 * `DecoderLayer`s over the encoder's output. Weights: `embedding/embeddings`
 * `[targetVocabSize, embeddingDim]` and `dec_layers/<i>/…` as in `DecoderLayer`.
 *
 * **Calling it.** `decoder.apply([ids, encOutput], { lookAheadMask, paddingMask, training })`
 * returns `x`; with `returnAttentionScores: true` (eager) the list `[x, ...weights]` in the
 * order of the notebook's keys. The notebook's form
 * `decoder.forward(x, encOutput, training, lookAheadMask, paddingMask)` returns
 * `{ x, attentionWeights }` with the keys
 * `decoder_layer<i>_block1_self_att` and `decoder_layer<i>_block2_decenc_att`. Registered for
 * serialization as `DlkitDecoder`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { Decoder, createLookAheadMask } from '@dlkit/sequence';
 * const decoder = new Decoder(2, 8, 2, 16, 12, 10, 0.1, 1e-6, { seed: 1 });
 * const ids = tf.tensor2d([[1, 5, 6], [1, 2, 0]], undefined, 'int32');
 * const encOutput = tf.randomNormal([2, 4, 8], 0, 1, 'float32', 1);
 * const lookAhead = createLookAheadMask(3);
 * const { x, attentionWeights } = decoder.forward(ids, encOutput, false, lookAhead, null);
 * console.log(x.shape, Object.keys(attentionWeights)); // [2, 3, 8] ['decoder_layer1_block1_self_att', ...]
 * tf.dispose([ids, encOutput, lookAhead, x, ...Object.values(attentionWeights)]);
 * decoder.dispose();
 * ```
 *
 * @category C5 W4 · Transformers
 */
export class Decoder extends tf.layers.Layer {
  /** The name models save this layer under. */
  static className = 'DlkitDecoder';
  /** Number of decoder layers. */
  readonly numLayers: number;
  /** The model size `d`. */
  readonly embeddingDim: number;
  /** Number of attention heads. */
  readonly numHeads: number;
  /** Hidden size of the feed-forward networks. */
  readonly fullyConnectedDim: number;
  /** The target vocabulary's size. */
  readonly targetVocabSize: number;
  /** The longest target the positional encoding covers. */
  readonly maximumPositionEncoding: number;
  /** Dropout rate while training. */
  readonly dropoutRate: number;
  /** Layer normalization's epsilon. */
  readonly layernormEps: number;
  /** Size of each head. */
  readonly keyDim: number;
  /** The initializers' seed, if any. */
  readonly seed: number | undefined;
  private stack: DecoderStack | null = null;

  /**
   * @param numLayers - Number of decoder layers.
   * @param embeddingDim - The model size `d`.
   * @param numHeads - Number of attention heads.
   * @param fullyConnectedDim - Hidden size of the feed-forward networks.
   * @param targetVocabSize - The target vocabulary's size.
   * @param maximumPositionEncoding - The longest target the positional encoding covers.
   * @param dropoutRate - Dropout rate while training (default 0.1).
   * @param layernormEps - Layer normalization's epsilon (default 1e-6).
   * @param options - Head size, seed and `tf.layers.Layer` arguments.
   */
  constructor(
    numLayers: number,
    embeddingDim: number,
    numHeads: number,
    fullyConnectedDim: number,
    targetVocabSize: number,
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
    assertSize(FN, 'targetVocabSize', targetVocabSize, 1);
    assertSize(FN, 'maximumPositionEncoding', maximumPositionEncoding, 1);
    assertShapeSize(FN, 'the embeddings [targetVocabSize, embeddingDim]', [
      targetVocabSize,
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
    this.targetVocabSize = targetVocabSize;
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
   * @param inputShape - The shapes of `[ids, encOutput]`: `[batch, T]`, `[batch, S, embeddingDim]`.
   */
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    asCaller(`${FN}.build`, () => this.computeOutputShape(inputShape));
    const add = (name: string, s: number[], init: Initializer): tf.LayerVariable =>
      this.addWeight(name, s, 'float32', init);
    this.stack = new DecoderStack(
      new WeightMaker(add, this.seed),
      '',
      this.numLayers,
      this.sizes,
      this.targetVocabSize,
    );
    this.built = true;
  }

  /**
   * The output shape.
   *
   * @param inputShape - The shapes of `[ids, encOutput]`.
   * @returns `[batch, T, embeddingDim]`.
   */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const fn = `${FN}.computeOutputShape`;
    const ok = (s: unknown, rank: number): boolean =>
      Array.isArray(s) &&
      s.length === rank &&
      s.every((d) => d === null || (Number.isInteger(d) && (d as number) >= 0));
    const [ids, enc] = Array.isArray(inputShape) ? inputShape : [];
    if (!Array.isArray(inputShape) || inputShape.length !== 2 || !ok(ids, 2) || !ok(enc, 3)) {
      throw new DlkitError(
        'shape',
        fn,
        'inputShape must be the shapes of [ids, encOutput]: [batch, T] and [batch, S, embeddingDim]',
        {
          argument: 'inputShape',
        },
      );
    }
    if ((enc as tf.Shape)[2] !== this.embeddingDim) {
      throw new DlkitError(
        'shape',
        fn,
        `encOutput's last dimension must be embeddingDim = ${this.embeddingDim}, got ${String((enc as tf.Shape)[2])}`,
        {
          argument: 'inputShape',
        },
      );
    }
    checkShapeLength(fn, 'x', (ids as tf.Shape)[1], this.maximumPositionEncoding);
    return [(ids as tf.Shape)[0] ?? null, (ids as tf.Shape)[1] ?? null, this.embeddingDim];
  }

  /**
   * Decodes (what `apply` calls).
   *
   * @param inputs - `[ids, encOutput]`: target token ids `[batch, T]` and `[batch, S, embeddingDim]`.
   * @param kwargs - `DecoderKwargs`: the masks (1 = attend), `returnAttentionScores`, `training`.
   * @returns `x` `[batch, T, embeddingDim]`, or `[x, ...attention weights]`.
   */
  override call(
    inputs: tf.Tensor | tf.Tensor[],
    kwargs: Record<string, unknown>,
  ): tf.Tensor | tf.Tensor[] {
    const fn = `${FN}.call`;
    const [x, encOutput] = inputList(fn, inputs, ['x', 'encOutput']) as [tf.Tensor, tf.Tensor];
    const { kwargs: k, training } = checkKwargs<DecoderKwargs>(fn, kwargs, [
      'lookAheadMask',
      'paddingMask',
      'returnAttentionScores',
    ]);
    const shapes = new ShapeChecker(fn);
    const ids = checkTokenIds(
      fn,
      'x',
      x,
      this.targetVocabSize,
      this.maximumPositionEncoding,
      shapes,
      'T',
    );
    shapes.checkFloat('encOutput', encOutput, ['batch', 'S', this.embeddingDim]);
    const [b, t, s, h] = [shapes.dim('batch'), shapes.dim('T'), shapes.dim('S'), this.numHeads];
    const lookAhead = checkAttentionMask(fn, 'kwargs.lookAheadMask', k.lookAheadMask, [b, h, t, t]);
    const padding = checkAttentionMask(fn, 'kwargs.paddingMask', k.paddingMask, [b, h, t, s]);
    const { stack } = this;
    if (stack === null) {
      throw new DlkitError('state', fn, 'call needs built weights: use apply or forward', {
        argument: 'inputs',
      });
    }
    const r = asCaller(fn, () => stack.forward(ids, encOutput, training, lookAhead, padding));
    if (k.returnAttentionScores === true) return decoderResultList(r, this.numLayers);
    tf.dispose(Object.values(r.attentionWeights));
    return r.x;
  }

  /**
   * The notebook's `call(x, enc_output, training, look_ahead_mask, padding_mask)`: builds the
   * decoder on first use.
   *
   * @param x - Target token ids `[batch, T]`.
   * @param encOutput - The encoder's output `[batch, S, embeddingDim]`.
   * @param training - Whether dropout applies (default false).
   * @param lookAheadMask - The self-attention's mask (1 = attend), or null.
   * @param paddingMask - The encoder-decoder attention's mask (1 = attend), or null.
   * @returns `{ x, attentionWeights }`, new tensors the caller disposes.
   *
   * @example
   * ```ts
   * import * as tf from '@tensorflow/tfjs';
   * import { Decoder } from '@dlkit/sequence';
   * const decoder = new Decoder(1, 4, 2, 8, 6, 5, 0, 1e-6, { seed: 2 });
   * const ids = tf.tensor2d([[1, 2]], undefined, 'int32');
   * const enc = tf.randomNormal([1, 3, 4], 0, 1, 'float32', 1);
   * const { x, attentionWeights } = decoder.forward(ids, enc);
   * console.log(x.shape); // [1, 2, 4]
   * tf.dispose([ids, enc, x, ...Object.values(attentionWeights)]);
   * decoder.dispose();
   * ```
   */
  forward(
    x: tf.Tensor,
    encOutput: tf.Tensor,
    training?: boolean,
    lookAheadMask?: tf.Tensor | null,
    paddingMask?: tf.Tensor | null,
  ): DecoderResult {
    const fn = `${FN}.forward`;
    const flag = checkTraining(fn, training);
    return asCaller(fn, () => {
      const shapes = new ShapeChecker(fn);
      checkTokenIds(fn, 'x', x, this.targetVocabSize, this.maximumPositionEncoding, shapes, 'T');
      shapes.checkFloat('encOutput', encOutput, ['batch', 'S', this.embeddingDim], {
        finite: true,
      });
      const [b, t, s, h] = [shapes.dim('batch'), shapes.dim('T'), shapes.dim('S'), this.numHeads];
      checkAttentionMask(fn, 'lookAheadMask', lookAheadMask, [b, h, t, t], true);
      checkAttentionMask(fn, 'paddingMask', paddingMask, [b, h, t, s], true);
      const list = this.apply([x, encOutput], {
        training: flag,
        lookAheadMask: lookAheadMask ?? null,
        paddingMask: paddingMask ?? null,
        returnAttentionScores: true,
      }) as tf.Tensor[];
      const { main, attentionWeights } = unpackResultList(list, this.numLayers);
      return { x: main, attentionWeights };
    });
  }

  /**
   * The decoder's configuration, from which `fromConfig` rebuilds it (used by `model.save`).
   *
   * @returns The notebook's arguments, the head size, the seed and the layer arguments.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      numLayers: this.numLayers,
      targetVocabSize: this.targetVocabSize,
      maximumPositionEncoding: this.maximumPositionEncoding,
      ...this.sizes,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
      ...super.getConfig(),
    };
  }

  /**
   * Rebuilds a decoder from {@link Decoder.getConfig}'s output (`tf.loadLayersModel` calls it).
   *
   * @param cls - The class (this one).
   * @param config - The saved configuration.
   * @returns A new decoder.
   */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const fn = `${FN}.fromConfig`;
    return asCaller(fn, () => {
      const { positional, options } = splitConfig(fn, config, POSITIONAL);
      const [n, d, h, fc, vocab, maxPos, rate, eps] = positional as number[];
      return new Decoder(n!, d!, h!, fc!, vocab!, maxPos!, rate, eps, options) as unknown as T;
    });
  }
}
tf.serialization.registerClass(Decoder);
