// The four layer kinds MobileNetV2 is made of, with Keras's settings (no conv bias, batch norm
// with epsilon 1e-3 and momentum 0.999, ReLU capped at 6) and seeded Glorot-uniform kernels.
import * as tf from '@tensorflow/tfjs';
import { BatchNormalization } from './batch-normalization.js';

/** Seeds the kernels of one builder call: `seed`, `seed + 1`, … in layer order, or unseeded. */
export class KernelSeeds {
  private count = 0;
  constructor(private readonly seed: number | undefined) {}

  /** A Glorot-uniform initializer with the next seed. */
  next(): ReturnType<typeof tf.initializers.glorotUniform> {
    const seed = this.seed === undefined ? undefined : this.seed + this.count++;
    return tf.initializers.glorotUniform(seed === undefined ? {} : { seed });
  }
}

/** A bias-free convolution. */
export function conv(
  x: tf.SymbolicTensor,
  name: string,
  filters: number,
  kernelSize: number,
  stride: number,
  seeds: KernelSeeds,
): tf.SymbolicTensor {
  return tf.layers
    .conv2d({
      name,
      filters,
      kernelSize,
      strides: stride,
      padding: stride === 1 ? 'same' : 'valid',
      useBias: false,
      kernelInitializer: seeds.next(),
    })
    .apply(x) as tf.SymbolicTensor;
}

/** A bias-free 3×3 depthwise convolution. */
export function depthwise(
  x: tf.SymbolicTensor,
  name: string,
  stride: number,
  seeds: KernelSeeds,
): tf.SymbolicTensor {
  return tf.layers
    .depthwiseConv2d({
      name,
      kernelSize: 3,
      strides: stride,
      padding: stride === 1 ? 'same' : 'valid',
      useBias: false,
      depthwiseInitializer: seeds.next(),
    })
    .apply(x) as tf.SymbolicTensor;
}

/** Keras's MobileNetV2 batch normalization. */
export function batchNorm(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return new BatchNormalization({ name, epsilon: 1e-3, momentum: 0.999 }).apply(
    x,
  ) as tf.SymbolicTensor;
}

/** ReLU6. */
export function relu6(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return tf.layers.reLU({ name, maxValue: 6 }).apply(x) as tf.SymbolicTensor;
}

/** Keras's zero padding before a stride-2 3×3 convolution. */
export function padFor3x3(
  x: tf.SymbolicTensor,
  name: string,
  padding: [[number, number], [number, number]],
): tf.SymbolicTensor {
  return tf.layers.zeroPadding2d({ name, padding }).apply(x) as tf.SymbolicTensor;
}
