import * as tf from '@tensorflow/tfjs';
import { DlkitError, asCaller } from '@dlkit/core';
import { initializerFor } from '../models/builder-options.js';
import { checkSymbolicImage } from '../resnet/block-parts.js';
import { checkFilterCount, readUnetOptions, reluConv3, type UnetOptions } from './unet-parts.js';

/** Checks that the transposed convolution's `[2 nH, 2 nW]` output meets the skip connection. */
function checkSkipSize(
  fn: string,
  expansive: [number, number, number],
  contractive: [number, number, number],
): void {
  const [h, w] = expansive;
  const [ch, cw] = contractive;
  if (ch !== 2 * h || cw !== 2 * w) {
    throw new DlkitError(
      'shape',
      fn,
      `contractiveInput must have shape [null, ${2 * h}, ${2 * w}, nC] (twice expansiveInput's [null, ${h}, ${w}, ...], which the stride-2 transposed convolution doubles), got [null, ${ch}, ${cw}, ${contractive[2]}]`,
      { argument: 'contractiveInput' },
    );
  }
}

/**
 * U-Net's decoder (expanding) block (C4 W3,
 * `upsampling_block(expansive_input, contractive_input, n_filters)`): `Conv2DTranspose(nFilters, 3×3, strides 2, 'same')` doubles the height and width
 * of `expansiveInput`, the result is concatenated (channels last) with the encoder's skip
 * connection `contractiveInput`, then two `Conv2D(nFilters, 3×3, relu, 'same', he_normal)`.
 *
 * @param expansiveInput - The decoder's input `[m, nH, nW, nC]`.
 * @param contractiveInput - The matching encoder block's `skipConnection` `[m, 2 nH, 2 nW, nS]`.
 * @param nFilters - Filters of the transposed convolution and of both convolutions (default 32).
 * @param options - `{ seed, name }`.
 * @returns The block's symbolic output `[m, 2 nH, 2 nW, nFilters]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { upsamplingBlock } from '@dlkit/cnn';
 * const low = tf.input({ shape: [4, 4, 8], name: 'low' });
 * const skip = tf.input({ shape: [8, 8, 4], name: 'skip' });
 * const up = upsamplingBlock(low, skip, 4, { name: 'ublock' });
 * console.log(up.shape); // [null, 8, 8, 4]
 * const model = tf.model({ inputs: [low, skip], outputs: up });
 * console.log(model.countParams()); // (3*3*8*4 + 4) + (3*3*8*4 + 4) + (3*3*4*4 + 4) = 728
 * model.dispose();
 * ```
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export function upsamplingBlock(
  expansiveInput: tf.SymbolicTensor,
  contractiveInput: tf.SymbolicTensor,
  nFilters = 32,
  options?: UnetOptions,
): tf.SymbolicTensor {
  const fn = 'upsamplingBlock';
  const expansive = checkSymbolicImage(fn, expansiveInput, 'expansiveInput');
  const contractive = checkSymbolicImage(fn, contractiveInput, 'contractiveInput');
  checkSkipSize(fn, expansive, contractive);
  const n = checkFilterCount(fn, nFilters);
  const o = readUnetOptions(fn, options, `${expansiveInput.sourceLayer.name}_ublock`);
  return asCaller(fn, () => {
    const up = tf.layers
      .conv2dTranspose({
        filters: n,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        name: `${o.name}_up`,
        kernelInitializer: initializerFor('glorotUniform', o.seed, `${o.name}_up`),
      })
      .apply(expansiveInput) as tf.SymbolicTensor;
    const merge = tf.layers
      .concatenate({ axis: 3, name: `${o.name}_concat` })
      .apply([up, contractiveInput]) as tf.SymbolicTensor;
    const conv = reluConv3(merge, n, o.seed, `${o.name}_conv1`);
    return reluConv3(conv, n, o.seed, `${o.name}_conv2`);
  });
}
