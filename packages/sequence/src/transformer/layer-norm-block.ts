import * as tf from '@tensorflow/tfjs';
import type { WeightMaker } from './weights.js';

/** Layer normalization over the last axis (Keras' `LayerNormalization`, PyTorch's `nn.LayerNorm`). */
export class LayerNormBlock {
  private readonly gamma: tf.LayerVariable;
  private readonly beta: tf.LayerVariable;

  /**
   * @param weights - Creates the weights `<prefix>/gamma` and `<prefix>/beta` `[d]`.
   * @param prefix - The block's name among the layer's weights.
   * @param d - The normalized size.
   * @param epsilon - Added to the variance.
   */
  constructor(
    weights: WeightMaker,
    prefix: string,
    d: number,
    private readonly epsilon: number,
  ) {
    this.gamma = weights.make(`${prefix}/gamma`, [d], 'ones');
    this.beta = weights.make(`${prefix}/beta`, [d], 'zeros');
  }

  /**
   * @param x - `[..., d]`.
   * @returns `(x - mean) / sqrt(var + eps) * gamma + beta` over the last axis, `[..., d]`.
   */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, -1, true);
      const normalized = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, this.epsilon)));
      return tf.add(tf.mul(normalized, this.gamma.read()), this.beta.read());
    });
  }
}
