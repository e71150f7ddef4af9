import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller, assertShapeSize, assertSize } from '@dlkit/core';
import { checkAttentionMask } from './broadcast.js';
import { DenseBlock } from './dense-block.js';
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
import { DecoderStack, EncoderStack, unpackResultList } from './stacks.js';
import { WeightMaker, type Initializer } from './weights.js';

const FN = 'Transformer';
const POSITIONAL = [
  'numLayers',
  'embeddingDim',
  'numHeads',
  'fullyConnectedDim',
  'inputVocabSize',
  'targetVocabSize',
  'maxPositionalEncodingInput',
  'maxPositionalEncodingTarget',
  'dropoutRate',
  'layernormEps',
] as const;

/**
 * The call-time keyword arguments of {@link Transformer}.
 *
 * @category C5 W4 · Transformers
 */
export interface TransformerKwargs {
  /** The encoder's padding mask, 1 = attend (`createPaddingMask(inputSentence)`). */
  encPaddingMask?: tf.Tensor | null;
  /** The decoder's self-attention mask, 1 = attend (`createLookAheadMask(T)`, possibly times the target's padding mask). */
  lookAheadMask?: tf.Tensor | null;
  /** The decoder's mask over the encoder's output, 1 = attend (usually `encPaddingMask`). */
  decPaddingMask?: tf.Tensor | null;
  /** Also return the decoder's attention weights after the output (a list). Eager calls only. */
  returnAttentionScores?: boolean;
  /** Whether dropout applies (default false). */
  training?: boolean;
}

/**
 * What {@link Transformer.forward} returns, keyed by the notebook's names.
 *
 * @category C5 W4 · Transformers
 */
export interface TransformerResult {
  /** The probabilities of the next target token at every position `[batch, T, targetVocabSize]`. */
  finalOutput: tf.Tensor;
  /** The decoder's attention weights by the notebook's keys (`decoder_layer1_block1_self_att`, ...). */
  attentionWeights: Record<string, tf.Tensor>;
}

/**
 * The whole Transformer, the course's `Transformer`: an `Encoder` over the input sentence, a
 * `Decoder` over the (shifted) output sentence attending to it, and a final
 * `Dense(targetVocabSize, softmax)`. Weights: `encoder/…`, `decoder/…`, `final_layer/kernel`
 * `[embeddingDim, targetVocabSize]`, `final_layer/bias`.
 *
 * **Calling it.**
 * `transformer.apply([inputSentence, outputSentence], { encPaddingMask, lookAheadMask, decPaddingMask, training })`
 * returns `finalOutput` (symbolic inputs work, so it saves inside a `tf.model`); with
 * `returnAttentionScores: true` (eager) the list `[finalOutput, ...weights]`. The notebook's form is
 * `transformer.forward(inputSentence, outputSentence, training, encPaddingMask, lookAheadMask, decPaddingMask)`. Registered for
 * serialization as `DlkitTransformer`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { Transformer, createLookAheadMask, createPaddingMask } from '@dlkit/sequence';
 * const transformer = new Transformer(1, 8, 2, 16, 20, 12, 10, 10, 0.1, 1e-6, { seed: 1 });
 * const source = tf.tensor2d([[3, 4, 5, 0]], undefined, 'int32');
 * const target = tf.tensor2d([[1, 7, 8]], undefined, 'int32');
 * const padding = createPaddingMask(source);
 * const lookAhead = createLookAheadMask(3);
 * const { finalOutput, attentionWeights } = transformer.forward(source, target, false, padding, lookAhead, padding);
 * console.log(finalOutput.shape); // [1, 3, 12]
 * tf.dispose([source, target, padding, lookAhead, finalOutput, ...Object.values(attentionWeights)]);
 * transformer.dispose();
 * ```
 *
 * @category C5 W4 · Transformers
 */
export class Transformer extends tf.layers.Layer {
  /** The name models save this layer under. */
  static className = 'DlkitTransformer';
  /** Number of encoder layers, and of decoder layers. */
  readonly numLayers: number;
  /** The model size `d`. */
  readonly embeddingDim: number;
  /** Number of attention heads. */
  readonly numHeads: number;
  /** Hidden size of the feed-forward networks. */
  readonly fullyConnectedDim: number;
  /** The input vocabulary's size. */
  readonly inputVocabSize: number;
  /** The target vocabulary's size. */
  readonly targetVocabSize: number;
  /** The longest input the positional encoding covers. */
  readonly maxPositionalEncodingInput: number;
  /** The longest target the positional encoding covers. */
  readonly maxPositionalEncodingTarget: number;
  /** Dropout rate while training. */
  readonly dropoutRate: number;
  /** Layer normalization's epsilon. */
  readonly layernormEps: number;
  /** Size of each head. */
  readonly keyDim: number;
  /** The initializers' seed, if any. */
  readonly seed: number | undefined;
  private parts: { encoder: EncoderStack; decoder: DecoderStack; finalLayer: DenseBlock } | null =
    null;

  /**
   * @param numLayers - Number of encoder layers, and of decoder layers.
   * @param embeddingDim - The model size `d`.
   * @param numHeads - Number of attention heads.
   * @param fullyConnectedDim - Hidden size of the feed-forward networks.
   * @param inputVocabSize - The input vocabulary's size.
   * @param targetVocabSize - The target vocabulary's size.
   * @param maxPositionalEncodingInput - The longest input the positional encoding covers.
   * @param maxPositionalEncodingTarget - The longest target the positional encoding covers.
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
    targetVocabSize: number,
    maxPositionalEncodingInput: number,
    maxPositionalEncodingTarget: number,
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
    assertSize(FN, 'targetVocabSize', targetVocabSize, 1);
    assertSize(FN, 'maxPositionalEncodingInput', maxPositionalEncodingInput, 1);
    assertSize(FN, 'maxPositionalEncodingTarget', maxPositionalEncodingTarget, 1);
    for (const [what, vocab] of [
      ['input', inputVocabSize],
      ['target', targetVocabSize],
    ] as const) {
      assertShapeSize(FN, `the ${what} embeddings [${what}VocabSize, embeddingDim]`, [
        vocab,
        sizes.embeddingDim,
      ]);
    }
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
    this.targetVocabSize = targetVocabSize;
    this.maxPositionalEncodingInput = maxPositionalEncodingInput;
    this.maxPositionalEncodingTarget = maxPositionalEncodingTarget;
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
   * @param inputShape - The shapes of `[inputSentence, outputSentence]`: `[batch, S]`, `[batch, T]`.
   */
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    asCaller(`${FN}.build`, () => this.computeOutputShape(inputShape));
    const add = (name: string, s: number[], init: Initializer): tf.LayerVariable =>
      this.addWeight(name, s, 'float32', init);
    const weights = new WeightMaker(add, this.seed);
    this.parts = {
      encoder: new EncoderStack(
        weights,
        'encoder/',
        this.numLayers,
        this.sizes,
        this.inputVocabSize,
      ),
      decoder: new DecoderStack(
        weights,
        'decoder/',
        this.numLayers,
        this.sizes,
        this.targetVocabSize,
      ),
      finalLayer: new DenseBlock(weights, 'final_layer', this.embeddingDim, this.targetVocabSize),
    };
    this.built = true;
  }

  /**
   * The output shape.
   *
   * @param inputShape - The shapes of `[inputSentence, outputSentence]`.
   * @returns `[batch, T, targetVocabSize]`.
   */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const fn = `${FN}.computeOutputShape`;
    const ok = (s: unknown): s is tf.Shape =>
      Array.isArray(s) &&
      s.length === 2 &&
      s.every((d) => d === null || (Number.isInteger(d) && (d as number) >= 0));
    const [source, target] = Array.isArray(inputShape) ? inputShape : [];
    if (!Array.isArray(inputShape) || inputShape.length !== 2 || !ok(source) || !ok(target)) {
      throw new DlkitError(
        'shape',
        fn,
        'inputShape must be the shapes of [inputSentence, outputSentence]: [batch, S] and [batch, T]',
        {
          argument: 'inputShape',
        },
      );
    }
    checkShapeLength(fn, 'inputSentence', source[1], this.maxPositionalEncodingInput);
    checkShapeLength(fn, 'outputSentence', target[1], this.maxPositionalEncodingTarget);
    return [target[0] ?? null, target[1] ?? null, this.targetVocabSize];
  }

  /**
   * Translates (what `apply` calls).
   *
   * @param inputs - `[inputSentence, outputSentence]`: token ids `[batch, S]` and `[batch, T]`.
   * @param kwargs - {@link TransformerKwargs}.
   * @returns `finalOutput` `[batch, T, targetVocabSize]`, or `[finalOutput, ...attention weights]`.
   */
  override call(
    inputs: tf.Tensor | tf.Tensor[],
    kwargs: Record<string, unknown>,
  ): tf.Tensor | tf.Tensor[] {
    const fn = `${FN}.call`;
    const [source, target] = inputList(fn, inputs, ['inputSentence', 'outputSentence']);
    const { kwargs: k, training } = checkKwargs<TransformerKwargs>(fn, kwargs, [
      'encPaddingMask',
      'lookAheadMask',
      'decPaddingMask',
      'returnAttentionScores',
    ]);
    const shapes = new ShapeChecker(fn);
    const src = checkTokenIds(
      fn,
      'inputSentence',
      source,
      this.inputVocabSize,
      this.maxPositionalEncodingInput,
      shapes,
      'S',
    );
    const tgt = checkTokenIds(
      fn,
      'outputSentence',
      target,
      this.targetVocabSize,
      this.maxPositionalEncodingTarget,
      shapes,
      'T',
    );
    const [b, s, t, h] = [shapes.dim('batch'), shapes.dim('S'), shapes.dim('T'), this.numHeads];
    const encMask = checkAttentionMask(fn, 'kwargs.encPaddingMask', k.encPaddingMask, [b, h, s, s]);
    const lookAhead = checkAttentionMask(fn, 'kwargs.lookAheadMask', k.lookAheadMask, [b, h, t, t]);
    const decMask = checkAttentionMask(fn, 'kwargs.decPaddingMask', k.decPaddingMask, [b, h, t, s]);
    const { parts } = this;
    if (parts === null) {
      throw new DlkitError('state', fn, 'call needs built weights: use apply or forward', {
        argument: 'inputs',
      });
    }
    return asCaller(fn, () => {
      const list = tf.tidy(() => {
        const encOutput = parts.encoder.forward(src, training, encMask);
        const r = parts.decoder.forward(tgt, encOutput, training, lookAhead, decMask);
        const finalOutput = tf.softmax(parts.finalLayer.forward(r.x), -1);
        return [finalOutput, ...Object.values(r.attentionWeights)];
      });
      if (k.returnAttentionScores === true) return list;
      tf.dispose(list.slice(1));
      return list[0] as tf.Tensor;
    });
  }

  /**
   * The notebook's
   * `call(input_sentence, output_sentence, training, enc_padding_mask, look_ahead_mask, dec_padding_mask)`:
   * builds the Transformer on first use.
   *
   * @param inputSentence - Input token ids `[batch, S]`.
   * @param outputSentence - Target token ids `[batch, T]` (shifted right: they start with a start token).
   * @param training - Whether dropout applies (default false).
   * @param encPaddingMask - The encoder's mask (1 = attend), or null.
   * @param lookAheadMask - The decoder's self-attention mask (1 = attend), or null.
   * @param decPaddingMask - The decoder's mask over the encoder's output (1 = attend), or null.
   * @returns `{ finalOutput, attentionWeights }`, new tensors the caller disposes.
   *
   * @example
   * ```ts
   * import * as tf from '@tensorflow/tfjs';
   * import { Transformer } from '@dlkit/sequence';
   * const transformer = new Transformer(1, 4, 1, 8, 6, 6, 5, 5, 0, 1e-6, { seed: 1 });
   * const source = tf.tensor2d([[1, 2, 3]], undefined, 'int32');
   * const target = tf.tensor2d([[1, 4]], undefined, 'int32');
   * const { finalOutput, attentionWeights } = transformer.forward(source, target);
   * console.log(finalOutput.shape); // [1, 2, 6]
   * tf.dispose([source, target, finalOutput, ...Object.values(attentionWeights)]);
   * transformer.dispose();
   * ```
   */
  forward(
    inputSentence: tf.Tensor,
    outputSentence: tf.Tensor,
    training?: boolean,
    encPaddingMask?: tf.Tensor | null,
    lookAheadMask?: tf.Tensor | null,
    decPaddingMask?: tf.Tensor | null,
  ): TransformerResult {
    const fn = `${FN}.forward`;
    const flag = checkTraining(fn, training);
    return asCaller(fn, () => {
      const shapes = new ShapeChecker(fn);
      checkTokenIds(
        fn,
        'inputSentence',
        inputSentence,
        this.inputVocabSize,
        this.maxPositionalEncodingInput,
        shapes,
        'S',
      );
      checkTokenIds(
        fn,
        'outputSentence',
        outputSentence,
        this.targetVocabSize,
        this.maxPositionalEncodingTarget,
        shapes,
        'T',
      );
      const [b, s, t, h] = [shapes.dim('batch'), shapes.dim('S'), shapes.dim('T'), this.numHeads];
      checkAttentionMask(fn, 'encPaddingMask', encPaddingMask, [b, h, s, s], true);
      checkAttentionMask(fn, 'lookAheadMask', lookAheadMask, [b, h, t, t], true);
      checkAttentionMask(fn, 'decPaddingMask', decPaddingMask, [b, h, t, s], true);
      const list = this.apply([inputSentence, outputSentence], {
        training: flag,
        encPaddingMask: encPaddingMask ?? null,
        lookAheadMask: lookAheadMask ?? null,
        decPaddingMask: decPaddingMask ?? null,
        returnAttentionScores: true,
      }) as tf.Tensor[];
      const { main, attentionWeights } = unpackResultList(list, this.numLayers);
      return { finalOutput: main, attentionWeights };
    });
  }

  /**
   * The Transformer's configuration, from which `fromConfig` rebuilds it (used by `model.save`).
   *
   * @returns The notebook's arguments, the head size, the seed and the layer arguments.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      numLayers: this.numLayers,
      inputVocabSize: this.inputVocabSize,
      targetVocabSize: this.targetVocabSize,
      maxPositionalEncodingInput: this.maxPositionalEncodingInput,
      maxPositionalEncodingTarget: this.maxPositionalEncodingTarget,
      ...this.sizes,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
      ...super.getConfig(),
    };
  }

  /**
   * Rebuilds a Transformer from {@link Transformer.getConfig}'s output (`tf.loadLayersModel` calls it).
   *
   * @param cls - The class (this one).
   * @param config - The saved configuration.
   * @returns A new Transformer.
   */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const fn = `${FN}.fromConfig`;
    return asCaller(fn, () => {
      const { positional, options } = splitConfig(fn, config, POSITIONAL);
      const [n, d, h, fc, vin, vout, pin, pout, rate, eps] = positional as number[];
      return new Transformer(
        n!,
        d!,
        h!,
        fc!,
        vin!,
        vout!,
        pin!,
        pout!,
        rate,
        eps,
        options,
      ) as unknown as T;
    });
  }
}
tf.serialization.registerClass(Transformer);
