import * as tf from '@tensorflow/tfjs';
import type { WeightMaker } from './weights.js';

/** A dense layer on the last axis, Keras' `Dense` with weights `<prefix>/kernel` `[nIn, nOut]` and `<prefix>/bias` `[nOut]`. */
export class DenseBlock {
  private readonly kernel: tf.LayerVariable;
  private readonly bias: tf.LayerVariable;

  /**
   * @param weights - Creates the weights.
   * @param prefix - The block's name among the layer's weights.
   * @param nIn - Input size.
   * @param nOut - Output size.
   */
  constructor(weights: WeightMaker, prefix: string, nIn: number, nOut: number) {
    this.kernel = weights.make(`${prefix}/kernel`, [nIn, nOut], 'glorotUniform');
    this.bias = weights.make(`${prefix}/bias`, [nOut], 'zeros');
  }

  /**
   * @param x - `[..., nIn]`.
   * @returns `x · kernel + bias`, `[..., nOut]`.
   */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const [nIn, nOut] = this.kernel.shape as [number, number];
      const flat = tf.reshape(x, [-1, nIn]);
      const y = tf.add(tf.matMul(flat, this.kernel.read()), this.bias.read());
      return tf.reshape(y, [...x.shape.slice(0, -1), nOut]);
    });
  }
}

/** The Transformer's position-wise feed-forward network: `Dense(fc, relu)` then `Dense(d)`. */
export class FeedForwardBlock {
  private readonly dense1: DenseBlock;
  private readonly dense2: DenseBlock;

  /**
   * @param weights - Creates the weights `<prefix>/dense_1/…` and `<prefix>/dense_2/…`.
   * @param prefix - The block's name among the layer's weights.
   * @param d - The model size `embedding_dim`.
   * @param fc - The hidden size `fully_connected_dim`.
   */
  constructor(weights: WeightMaker, prefix: string, d: number, fc: number) {
    this.dense1 = new DenseBlock(weights, `${prefix}/dense_1`, d, fc);
    this.dense2 = new DenseBlock(weights, `${prefix}/dense_2`, fc, d);
  }

  /**
   * @param x - `[..., d]`.
   * @returns `relu(x W1 + b1) W2 + b2`, `[..., d]`.
   */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.dense2.forward(tf.relu(this.dense1.forward(x))));
  }
}

/**
 * Inverted dropout when training with a positive rate, else the input itself.
 *
 * @param x - Any tensor.
 * @param rate - The drop probability.
 * @param training - Whether the call trains.
 * @returns `x` or a new tensor.
 */
export function maybeDropout(x: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  return training && rate > 0 ? tf.dropout(x, rate) : x;
}
