import * as tf from '@tensorflow/tfjs';
import { asCaller, assertNumber, assertOneOf } from '@dlkit/core';
import { checkSymbolicImage } from '../resnet/block-parts.js';
import { checkFilterCount, readUnetOptions, reluConv3, type UnetOptions } from './unet-parts.js';

/**
 * What {@link convBlock} returns: the notebook's tuple `(next_layer, skip_connection)`.
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export interface ConvBlockResult {
  /** The input of the next block: `[m, nH/2, nW/2, nFilters]` (pooled), or `[m, nH, nW, nFilters]` without pooling. */
  nextLayer: tf.SymbolicTensor;
  /** The block's features before pooling, `[m, nH, nW, nFilters]`, for the decoder's skip connection. */
  skipConnection: tf.SymbolicTensor;
}

/**
 * U-Net's encoder (contracting) block (C4 W3,
 * `conv_block(inputs, n_filters, dropout_prob, max_pooling)`): two
 * `Conv2D(nFilters, 3×3, relu, 'same', he_normal)`, then `Dropout(dropoutProb)`
 * when `dropoutProb > 0`, then `MaxPooling2D(2×2)` when `maxPooling`. The features before pooling
 * are the skip connection.
 *
 * @param inputs - A symbolic input `[m, nH, nW, nC]` (from `tf.input` or a layer's `apply`).
 * @param nFilters - Filters of both convolutions (default 32, as the notebook).
 * @param dropoutProb - The dropout rate in `[0, 1)` (default 0: no dropout layer).
 * @param maxPooling - Whether to halve the height and width (default `true`).
 * @param options - `{ seed, name }`.
 * @returns `{ nextLayer, skipConnection }`: `[m, ⌊nH/2⌋, ⌊nW/2⌋, nFilters]` (or unpooled) and `[m, nH, nW, nFilters]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { convBlock } from '@dlkit/cnn';
 * const inputs = tf.input({ shape: [8, 8, 3], name: 'image' });
 * const { nextLayer, skipConnection } = convBlock(inputs, 4, 0.3, true, { name: 'cblock1' });
 * console.log(nextLayer.shape, skipConnection.shape); // [null, 4, 4, 4] [null, 8, 8, 4]
 * const model = tf.model({ inputs, outputs: [nextLayer, skipConnection] });
 * console.log(model.layers.map((l) => l.name)); // image, cblock1_conv1, cblock1_conv2, cblock1_dropout, cblock1_pool
 * model.dispose();
 * ```
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export function convBlock(
  inputs: tf.SymbolicTensor,
  nFilters = 32,
  dropoutProb = 0,
  maxPooling = true,
  options?: UnetOptions,
): ConvBlockResult {
  const fn = 'convBlock';
  checkSymbolicImage(fn, inputs, 'inputs');
  const n = checkFilterCount(fn, nFilters);
  const rate = assertNumber(fn, 'dropoutProb', dropoutProb, { min: 0, max: 1, maxExclusive: true });
  const pool = assertOneOf(fn, 'maxPooling', maxPooling, [true, false]);
  const o = readUnetOptions(fn, options, `${inputs.sourceLayer.name}_cblock`);
  return asCaller(fn, () => {
    let conv = reluConv3(inputs, n, o.seed, `${o.name}_conv1`);
    conv = reluConv3(conv, n, o.seed, `${o.name}_conv2`);
    if (rate > 0) {
      conv = tf.layers
        .dropout({ rate, name: `${o.name}_dropout` })
        .apply(conv) as tf.SymbolicTensor;
    }
    const nextLayer = pool
      ? (tf.layers
          .maxPooling2d({ poolSize: 2, strides: 2, name: `${o.name}_pool` })
          .apply(conv) as tf.SymbolicTensor)
      : conv;
    return { nextLayer, skipConnection: conv };
  });
}
