import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller } from '@dlkit/core';
import { checkAttentionMask } from './broadcast.js';
import { DecoderBlock, type DecoderLayerResult } from './decoder-block.js';
import type { BlockSizes } from './encoder-block.js';
import {
  checkBlockSizes,
  checkKwargs,
  checkLayerOptions,
  checkTraining,
  inputList,
  type TransformerLayerOptions,
} from './layer-args.js';
import { inputShapeOfNullable, splitConfig } from './layer-config.js';
import { WeightMaker, type Initializer } from './weights.js';

const FN = 'DecoderLayer';
const POSITIONAL = [
  'embeddingDim',
  'numHeads',
  'fullyConnectedDim',
  'dropoutRate',
  'layernormEps',
] as const;

/**
 * The call-time keyword arguments of {@link DecoderLayer} and `Decoder`.
 *
 * @category C5 W4 · Transformers
 */
export interface DecoderKwargs {
  /** The self-attention's mask, 1 = attend (e.g. `createLookAheadMask(targetSeqLen)` `[1, T, T]`). */
  lookAheadMask?: tf.Tensor | null;
  /** The encoder-decoder attention's mask, 1 = attend (e.g. the input's padding mask `[batch, 1, S]`). */
  paddingMask?: tf.Tensor | null;
  /** Also return the attention weights after the output (a list). Eager calls only. */
  returnAttentionScores?: boolean;
  /** Whether dropout applies (default false). */
  training?: boolean;
}

/**
 * One decoder layer of the Transformer, the course's `DecoderLayer`: masked multi-head
 * self-attention, add & norm, multi-head attention over the encoder's output, add & norm,
 * feed-forward, add & norm. Post-norm, so it computes PyTorch's `nn.TransformerDecoderLayer`
 * (`norm_first=False`, `activation='relu'`) with mapped weights. Heads as in `EncoderLayer`
 * (`embeddingDim / numHeads` each unless `options.keyDim`). Weights: `mha1/…`, `mha2/…`,
 * `ffn/dense_1/…`, `ffn/dense_2/…`, `layernorm1/…` to `layernorm3/…`.
 *
 * **Calling it.** `layer.apply([x, encOutput], { lookAheadMask, paddingMask, training })`
 * returns `out3`; with `returnAttentionScores: true` (eager) the list
 * `[out3, attnWeightsBlock1, attnWeightsBlock2]`. The notebook's form is
 * `layer.forward(x, encOutput, training, lookAheadMask, paddingMask)`. Registered for
 * serialization as `DlkitDecoderLayer`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { DecoderLayer, createLookAheadMask } from '@dlkit/sequence';
 * const layer = new DecoderLayer(8, 2, 16, 0.1, 1e-6, { seed: 1 });
 * const x = tf.randomNormal([2, 3, 8], 0, 1, 'float32', 1);
 * const encOutput = tf.randomNormal([2, 5, 8], 0, 1, 'float32', 2);
 * const lookAhead = createLookAheadMask(3);
 * const { out3, attnWeightsBlock1, attnWeightsBlock2 } = layer.forward(x, encOutput, false, lookAhead, null);
 * console.log(out3.shape, attnWeightsBlock1.shape, attnWeightsBlock2.shape); // [2, 3, 8] [2, 2, 3, 3] [2, 2, 3, 5]
 * tf.dispose([x, encOutput, lookAhead, out3, attnWeightsBlock1, attnWeightsBlock2]);
 * layer.dispose();
 * ```
 *
 * @category C5 W4 · Transformers
 */
export class DecoderLayer extends tf.layers.Layer {
  /** The name models save this layer under. */
  static className = 'DlkitDecoderLayer';
  /** The model size `d`. */
  readonly embeddingDim: number;
  /** Number of attention heads. */
  readonly numHeads: number;
  /** Hidden size of the feed-forward network. */
  readonly fullyConnectedDim: number;
  /** Dropout rate while training. */
  readonly dropoutRate: number;
  /** Layer normalization's epsilon. */
  readonly layernormEps: number;
  /** Size of each head. */
  readonly keyDim: number;
  /** The initializers' seed, if any. */
  readonly seed: number | undefined;
  private block: DecoderBlock | null = null;

  /**
   * @param embeddingDim - The model size `d` (`embedding_dim`).
   * @param numHeads - Number of attention heads.
   * @param fullyConnectedDim - Hidden size of the feed-forward network.
   * @param dropoutRate - Dropout rate while training (default 0.1).
   * @param layernormEps - Layer normalization's epsilon (default 1e-6).
   * @param options - Head size, seed and `tf.layers.Layer` arguments.
   */
  constructor(
    embeddingDim: number,
    numHeads: number,
    fullyConnectedDim: number,
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
    super(o.base);
    this.embeddingDim = sizes.embeddingDim;
    this.numHeads = sizes.numHeads;
    this.fullyConnectedDim = sizes.fullyConnectedDim;
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
   * @param inputShape - The shapes of `[x, encOutput]`: `[batch, T, embeddingDim]`, `[batch, S, embeddingDim]`.
   */
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    asCaller(`${FN}.build`, () => this.computeOutputShape(inputShape));
    const add = (name: string, shape: number[], init: Initializer): tf.LayerVariable =>
      this.addWeight(name, shape, 'float32', init);
    this.block = new DecoderBlock(new WeightMaker(add, this.seed), '', this.sizes);
    this.built = true;
  }

  /**
   * The output shape: `x`'s.
   *
   * @param inputShape - The shapes of `[x, encOutput]`.
   * @returns `[batch, T, embeddingDim]`.
   */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const fn = `${FN}.computeOutputShape`;
    const shapes = Array.isArray(inputShape) && inputShape.length === 2 ? inputShape : [];
    const [x, enc] = shapes.map((s) => inputShapeOfNullable(fn, s));
    const checker = new ShapeChecker(fn);
    if (x === undefined || enc === undefined) {
      throw new DlkitError('shape', fn, 'inputShape must be the shapes of [x, encOutput]', {
        argument: 'inputShape',
      });
    }
    checker.check(
      'x',
      x.map((d) => d ?? 0),
      [null, null, this.embeddingDim],
    );
    checker.check(
      'encOutput',
      enc.map((d) => d ?? 0),
      [null, null, this.embeddingDim],
    );
    return [x[0] ?? null, x[1] ?? null, this.embeddingDim];
  }

  /**
   * Runs the layer (what `apply` calls).
   *
   * @param inputs - `[x, encOutput]`: `[batch, T, embeddingDim]` and `[batch, S, embeddingDim]`.
   * @param kwargs - {@link DecoderKwargs}.
   * @returns `out3` `[batch, T, embeddingDim]`, or `[out3, attnWeightsBlock1, attnWeightsBlock2]`.
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
    shapes.checkFloat('x', x, ['batch', 'T', this.embeddingDim]);
    shapes.checkFloat('encOutput', encOutput, ['batch', 'S', this.embeddingDim]);
    const [b, t, s] = [shapes.dim('batch'), shapes.dim('T'), shapes.dim('S')];
    const h = this.numHeads;
    const lookAhead = checkAttentionMask(fn, 'kwargs.lookAheadMask', k.lookAheadMask, [b, h, t, t]);
    const padding = checkAttentionMask(fn, 'kwargs.paddingMask', k.paddingMask, [b, h, t, s]);
    const { block } = this;
    if (block === null) {
      throw new DlkitError('state', fn, 'call needs built weights: use apply or forward', {
        argument: 'inputs',
      });
    }
    const r = asCaller(fn, () => block.forward(x, encOutput, training, lookAhead, padding));
    if (k.returnAttentionScores === true) return [r.out3, r.attnWeightsBlock1, r.attnWeightsBlock2];
    tf.dispose([r.attnWeightsBlock1, r.attnWeightsBlock2]);
    return r.out3;
  }

  /**
   * The notebook's `call(x, enc_output, training, look_ahead_mask, padding_mask)`: builds the
   * layer on first use.
   *
   * @param x - The target sequence `[batch, T, embeddingDim]`.
   * @param encOutput - The encoder's output `[batch, S, embeddingDim]`.
   * @param training - Whether dropout applies (default false).
   * @param lookAheadMask - The self-attention's mask (1 = attend), or null.
   * @param paddingMask - The encoder-decoder attention's mask (1 = attend), or null.
   * @returns `{ out3, attnWeightsBlock1, attnWeightsBlock2 }`, new tensors the caller disposes.
   *
   * @example
   * ```ts
   * import * as tf from '@tensorflow/tfjs';
   * import { DecoderLayer } from '@dlkit/sequence';
   * const layer = new DecoderLayer(4, 1, 8, 0, 1e-6, { seed: 3 });
   * const x = tf.randomNormal([1, 2, 4], 0, 1, 'float32', 1);
   * const r = layer.forward(x, x);
   * console.log(r.out3.shape); // [1, 2, 4]
   * tf.dispose([x, r.out3, r.attnWeightsBlock1, r.attnWeightsBlock2]);
   * layer.dispose();
   * ```
   */
  forward(
    x: tf.Tensor,
    encOutput: tf.Tensor,
    training?: boolean,
    lookAheadMask?: tf.Tensor | null,
    paddingMask?: tf.Tensor | null,
  ): DecoderLayerResult {
    const fn = `${FN}.forward`;
    const flag = checkTraining(fn, training);
    return asCaller(fn, () => {
      const shapes = new ShapeChecker(fn);
      shapes.checkFloat('x', x, ['batch', 'T', this.embeddingDim], { finite: true });
      shapes.checkFloat('encOutput', encOutput, ['batch', 'S', this.embeddingDim], {
        finite: true,
      });
      const [b, t, s, h] = [shapes.dim('batch'), shapes.dim('T'), shapes.dim('S'), this.numHeads];
      checkAttentionMask(fn, 'lookAheadMask', lookAheadMask, [b, h, t, t], true);
      checkAttentionMask(fn, 'paddingMask', paddingMask, [b, h, t, s], true);
      const out = this.apply([x, encOutput], {
        training: flag,
        lookAheadMask: lookAheadMask ?? null,
        paddingMask: paddingMask ?? null,
        returnAttentionScores: true,
      }) as tf.Tensor[];
      const [out3, attnWeightsBlock1, attnWeightsBlock2] = out as [tf.Tensor, tf.Tensor, tf.Tensor];
      return { out3, attnWeightsBlock1, attnWeightsBlock2 };
    });
  }

  /**
   * The layer's configuration, from which `fromConfig` rebuilds it (used by `model.save`).
   *
   * @returns The notebook's arguments, the head size, the seed and the layer arguments.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...this.sizes,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
      ...super.getConfig(),
    };
  }

  /**
   * Rebuilds a layer from {@link DecoderLayer.getConfig}'s output (`tf.loadLayersModel` calls it).
   *
   * @param cls - The class (this one).
   * @param config - The saved configuration.
   * @returns A new layer.
   */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const fn = `${FN}.fromConfig`;
    return asCaller(fn, () => {
      const { positional, options } = splitConfig(fn, config, POSITIONAL);
      const [d, h, fc, rate, eps] = positional as number[];
      return new DecoderLayer(d!, h!, fc!, rate, eps, options) as unknown as T;
    });
  }
}
tf.serialization.registerClass(DecoderLayer);
