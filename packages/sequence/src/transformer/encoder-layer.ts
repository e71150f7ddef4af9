import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller } from '@dlkit/core';
import { checkAttentionMask } from './broadcast.js';
import { EncoderBlock, type BlockSizes } from './encoder-block.js';
import {
  checkBlockSizes,
  checkKwargs,
  checkLayerOptions,
  checkTraining,
  inputList,
  type TransformerLayerOptions,
} from './layer-args.js';
import { inputShapeOf, inputShapeOfNullable, splitConfig } from './layer-config.js';
import { WeightMaker, type Initializer } from './weights.js';

const FN = 'EncoderLayer';
const POSITIONAL = [
  'embeddingDim',
  'numHeads',
  'fullyConnectedDim',
  'dropoutRate',
  'layernormEps',
] as const;

/**
 * The call-time keyword arguments of {@link EncoderLayer} and `Encoder`.
 *
 * @category C5 W4 · Transformers
 */
export interface EncoderKwargs {
  /** The padding mask, 1 = attend (e.g. `createPaddingMask(ids)` `[batch, 1, seqLen]`). */
  attentionMask?: tf.Tensor | null;
  /** Whether dropout applies (default false). */
  training?: boolean;
}

/**
 * One encoder layer of the Transformer, the course's `EncoderLayer`: multi-head self-attention,
 * add & layer norm, a position-wise feed-forward network (`Dense(fullyConnectedDim, relu)`,
 * `Dense(embeddingDim)`), add & layer norm. Post-norm, so it computes PyTorch's
 * `nn.TransformerEncoderLayer` (`norm_first=False`, `activation='relu'`) with mapped weights.
 *
 * Each head has `embeddingDim / numHeads` dimensions (the paper's and PyTorch's split; a
 * `numHeads` that does not divide `embeddingDim` is an error) unless `options.keyDim` says
 * otherwise: the notebook's Keras layer uses `key_dim=embedding_dim`. Weights: `mha/…` (Keras'
 * MultiHeadAttention layout), `ffn/dense_1/…`, `ffn/dense_2/…`, `layernorm1/…`, `layernorm2/…`.
 *
 * **Calling it.** `layer.apply(x, { attentionMask, training })` for `x`
 * `[batch, seqLen, embeddingDim]` (symbolic inputs work, without a mask), or the notebook's argument order
 * `layer.forward(x, training, mask)`. Registered for serialization as `DlkitEncoderLayer`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { EncoderLayer } from '@dlkit/sequence';
 * const layer = new EncoderLayer(8, 2, 16, 0.1, 1e-6, { seed: 1 });
 * const x = tf.randomNormal([2, 5, 8], 0, 1, 'float32', 1);
 * const mask = tf.tensor3d([[[1, 1, 1, 0, 0]], [[1, 1, 1, 1, 1]]]);
 * const out = layer.forward(x, false, mask);
 * console.log(out.shape); // [2, 5, 8]
 * tf.dispose([x, mask, out]);
 * layer.dispose();
 * ```
 *
 * @category C5 W4 · Transformers
 */
export class EncoderLayer extends tf.layers.Layer {
  /** The name models save this layer under. */
  static className = 'DlkitEncoderLayer';
  /** The model size `d`. */
  readonly embeddingDim: number;
  /** Number of attention heads. */
  readonly numHeads: number;
  /** Hidden size of the feed-forward network. */
  readonly fullyConnectedDim: number;
  /** Dropout rate (attention weights and feed-forward output) while training. */
  readonly dropoutRate: number;
  /** Layer normalization's epsilon. */
  readonly layernormEps: number;
  /** Size of each head. */
  readonly keyDim: number;
  /** The initializers' seed, if any. */
  readonly seed: number | undefined;
  private block: EncoderBlock | null = null;

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
   * @param inputShape - `[batch, seqLen, embeddingDim]`.
   */
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    new ShapeChecker(`${FN}.build`).check('inputShape', inputShapeOf(`${FN}.build`, inputShape), [
      'batch',
      'seqLen',
      this.embeddingDim,
    ]);
    const add = (name: string, shape: number[], init: Initializer): tf.LayerVariable =>
      this.addWeight(name, shape, 'float32', init);
    this.block = new EncoderBlock(new WeightMaker(add, this.seed), '', this.sizes);
    this.built = true;
  }

  /**
   * The output shape: the input's.
   *
   * @param inputShape - `[batch, seqLen, embeddingDim]`.
   * @returns `[batch, seqLen, embeddingDim]`.
   */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const fn = `${FN}.computeOutputShape`;
    const shape = inputShapeOfNullable(fn, inputShape);
    new ShapeChecker(fn).check(
      'inputShape',
      shape.map((d) => d ?? 0),
      [null, null, this.embeddingDim],
    );
    return [shape[0] ?? null, shape[1] ?? null, this.embeddingDim];
  }

  /**
   * Runs the layer (what `apply` calls).
   *
   * @param inputs - `x` `[batch, seqLen, embeddingDim]` (or `[x]`).
   * @param kwargs - {@link EncoderKwargs}.
   * @returns `[batch, seqLen, embeddingDim]`.
   */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const fn = `${FN}.call`;
    const [x] = inputList(fn, inputs, ['x']);
    const { kwargs: k, training } = checkKwargs<EncoderKwargs>(fn, kwargs, ['attentionMask']);
    const shapes = new ShapeChecker(fn);
    shapes.checkFloat('x', x as tf.Tensor, ['batch', 'seqLen', this.embeddingDim]);
    const [b, t] = (x as tf.Tensor).shape as number[];
    const mask = checkAttentionMask(fn, 'kwargs.attentionMask', k.attentionMask, [
      b!,
      this.numHeads,
      t!,
      t!,
    ]);
    const { block } = this;
    if (block === null) {
      throw new DlkitError('state', fn, 'call needs built weights: use apply or forward', {
        argument: 'inputs',
      });
    }
    return asCaller(fn, () => block.forward(x as tf.Tensor, training, mask));
  }

  /**
   * The notebook's `call(x, training, mask)`: builds the layer on first use.
   *
   * @param x - `[batch, seqLen, embeddingDim]`.
   * @param training - Whether dropout applies (default false).
   * @param mask - The padding mask, 1 = attend (e.g. `[batch, 1, seqLen]`), or null.
   * @returns `encoder_layer_out` `[batch, seqLen, embeddingDim]`, a new tensor.
   *
   * @example
   * ```ts
   * import * as tf from '@tensorflow/tfjs';
   * import { EncoderLayer } from '@dlkit/sequence';
   * const layer = new EncoderLayer(4, 2, 8, 0, 1e-6, { seed: 2 });
   * const x = tf.randomNormal([1, 3, 4], 0, 1, 'float32', 1);
   * const out = layer.forward(x, false, null);
   * console.log(out.shape); // [1, 3, 4]
   * tf.dispose([x, out]);
   * layer.dispose();
   * ```
   */
  forward(x: tf.Tensor, training?: boolean, mask?: tf.Tensor | null): tf.Tensor {
    const fn = `${FN}.forward`;
    const flag = checkTraining(fn, training);
    return asCaller(fn, () => {
      new ShapeChecker(fn).checkFloat('x', x, ['batch', 'seqLen', this.embeddingDim], {
        finite: true,
      });
      const [b, t] = x.shape as [number, number];
      checkAttentionMask(fn, 'mask', mask, [b, this.numHeads, t, t], true);
      return this.apply(x, { training: flag, attentionMask: mask ?? null }) as tf.Tensor;
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
   * Rebuilds a layer from {@link EncoderLayer.getConfig}'s output (`tf.loadLayersModel` calls it).
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
      return new EncoderLayer(d!, h!, fc!, rate, eps, options) as unknown as T;
    });
  }
}
tf.serialization.registerClass(EncoderLayer);
