import * as tf from '@tensorflow/tfjs';
import { expandMaskShape } from './broadcast.js';
import { attentionCore } from './scaled-dot-product-attention.js';
import type { WeightMaker } from './weights.js';

/** The sizes of an {@link AttentionBlock}. */
export interface AttentionDims {
  /** Last dimension of the query input. */
  queryIn: number;
  /** Last dimension of the key input. */
  keyIn: number;
  /** Last dimension of the value input. */
  valueIn: number;
  /** Number of heads `h`. */
  numHeads: number;
  /** Size of each head's queries and keys. */
  keyDim: number;
  /** Size of each head's values. */
  valueDim: number;
  /** Last dimension of the output. */
  outputDim: number;
  /** Whether the projections have biases. */
  useBias: boolean;
}

/** One projection `[dIn, h, size]` (+ bias `[h, size]`) of Keras' MultiHeadAttention. */
class HeadProjection {
  private readonly kernel: tf.LayerVariable;
  private readonly bias: tf.LayerVariable | null;

  constructor(
    weights: WeightMaker,
    name: string,
    dIn: number,
    h: number,
    size: number,
    useBias: boolean,
  ) {
    this.kernel = weights.make(`${name}/kernel`, [dIn, h, size], 'glorotUniform');
    this.bias = useBias ? weights.make(`${name}/bias`, [h, size], 'zeros') : null;
  }

  /** `[B, T, dIn]` → `[B, h, T, size]`. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const [dIn, h, size] = this.kernel.shape as [number, number, number];
      const [b, t] = x.shape as [number, number, number];
      let y = tf.matMul(tf.reshape(x, [-1, dIn]), tf.reshape(this.kernel.read(), [dIn, h * size]));
      if (this.bias !== null) y = tf.add(y, tf.reshape(this.bias.read(), [h * size]));
      return tf.transpose(tf.reshape(y, [b, t, h, size]), [0, 2, 1, 3]);
    });
  }
}

/**
 * The weights and computation of multi-head attention in Keras' layout: `query`, `key`, `value`
 * kernels `[dIn, h, keyDim|valueDim]` with biases `[h, …]`, and `attention_output/kernel`
 * `[h, valueDim, outputDim]` with bias `[outputDim]`.
 */
export class AttentionBlock {
  private readonly query: HeadProjection;
  private readonly key: HeadProjection;
  private readonly value: HeadProjection;
  private readonly outputKernel: tf.LayerVariable;
  private readonly outputBias: tf.LayerVariable | null;

  /**
   * @param weights - Creates the weights under `<prefix>/`.
   * @param prefix - The block's name among the layer's weights ('' for none).
   * @param dims - The sizes.
   */
  constructor(
    weights: WeightMaker,
    prefix: string,
    private readonly dims: AttentionDims,
  ) {
    const p = prefix === '' ? '' : `${prefix}/`;
    const { numHeads: h, keyDim, valueDim, useBias } = dims;
    this.query = new HeadProjection(weights, `${p}query`, dims.queryIn, h, keyDim, useBias);
    this.key = new HeadProjection(weights, `${p}key`, dims.keyIn, h, keyDim, useBias);
    this.value = new HeadProjection(weights, `${p}value`, dims.valueIn, h, valueDim, useBias);
    this.outputKernel = weights.make(
      `${p}attention_output/kernel`,
      [h, valueDim, dims.outputDim],
      'glorotUniform',
    );
    this.outputBias = useBias
      ? weights.make(`${p}attention_output/bias`, [dims.outputDim], 'zeros')
      : null;
  }

  /**
   * Attends from `query` to `key`/`value`.
   *
   * @param query - `[B, T, queryIn]`.
   * @param value - `[B, S, valueIn]`.
   * @param key - `[B, S, keyIn]`.
   * @param mask - 1 = attend, rank 2–4, broadcasting to `[B, h, T, S]` after head axes are inserted; or null.
   * @param rate - Dropout rate on the attention weights (0 when not training).
   * @returns `output` `[B, T, outputDim]` and `scores` (the weights) `[B, h, T, S]`.
   */
  forward(
    query: tf.Tensor,
    value: tf.Tensor,
    key: tf.Tensor,
    mask: tf.Tensor | null,
    rate: number,
  ): { output: tf.Tensor; scores: tf.Tensor } {
    const [output, scores] = tf.tidy(() => {
      const m = mask === null ? null : tf.reshape(mask, expandMaskShape(mask.shape));
      const r = attentionCore(
        this.query.forward(query),
        this.key.forward(key),
        this.value.forward(value),
        m,
        rate,
      );
      const [b, h, t, dv] = r.output.shape as [number, number, number, number];
      const heads = tf.reshape(tf.transpose(r.output, [0, 2, 1, 3]), [b * t, h * dv]);
      const { outputDim } = this.dims;
      let y = tf.matMul(heads, tf.reshape(this.outputKernel.read(), [h * dv, outputDim]));
      if (this.outputBias !== null) y = tf.add(y, this.outputBias.read());
      return [tf.reshape(y, [b, t, outputDim]), r.attentionWeights];
    });
    return { output: output as tf.Tensor, scores: scores as tf.Tensor };
  }
}
