import * as tf from '@tensorflow/tfjs';
import { DlkitError, asCaller, assertNumber, describeValue } from '@dlkit/core';
import { initializerFor, readSeed } from '../models/builder-options.js';
import { convBlock } from './conv-block.js';
import { upsamplingBlock } from './upsampling-block.js';
import { MAX_UNET_FILTERS, reluConv3, type UnetOptions } from './unet-parts.js';

/** The largest image side `unetModel` accepts. */
const MAX_SIDE = 4096;
/** The most classes `unetModel`'s head accepts. */
const MAX_CLASSES = 1024;

/** Checks `input_size` `[nH, nW, nC]`: sides multiples of 16 (four 2×2 poolings, undone exactly). */
function checkInputSize(fn: string, value: unknown): [number, number, number] {
  if (!Array.isArray(value) || value.length !== 3) {
    throw new DlkitError(
      'value',
      fn,
      `inputSize must be an array [nH, nW, nC], got ${describeValue(value)}`,
      { argument: 'inputSize' },
    );
  }
  const [h, w, c] = value as unknown[];
  const side = (i: number, v: unknown): number => {
    const s = assertNumber(fn, `inputSize[${i}]`, v, { integer: true, min: 16, max: MAX_SIDE });
    if (s % 16 !== 0) {
      throw new DlkitError(
        'shape',
        fn,
        `inputSize[${i}] must be a multiple of 16 (four 2×2 poolings, undone by four stride-2 upsamplings), got ${s}`,
        { argument: 'inputSize' },
      );
    }
    return s;
  };
  return [
    side(0, h),
    side(1, w),
    assertNumber(fn, 'inputSize[2]', c, { integer: true, min: 1, max: 64 }),
  ];
}

/**
 * The course's U-Net (C4 W3, `unet_model(input_size, n_filters, n_classes)`): five encoder blocks
 * with `n`, `2n`, `4n`, `8n` (dropout 0.3) and `16n` filters (dropout 0.3, no pooling), four
 * decoder blocks back up to the input size (`8n`, `4n`, `2n`, `n`, each joined to the encoder
 * block of its size), a `Conv2D(n, 3×3, relu, 'same', he_normal)` and a
 * `Conv2D(nClasses, 1×1, 'same')` head. The output is per-pixel logits (no softmax): train it with sparse categorical
 * cross-entropy from logits, as the notebook; {@link createMask} turns a prediction into a mask.
 * With the defaults it has the notebook's 8,640,471 parameters. Not compiled.
 *
 * Layers are named after the notebook's variables: `cblock1_conv1` … `cblock5_dropout`,
 * `ublock6_up` … `ublock9_conv2`, `conv9`, `conv10`; the model is `unet_model`.
 *
 * @param inputSize - `[nH, nW, nC]` (default `[96, 128, 3]`); `nH` and `nW` multiples of 16.
 * @param nFilters - The first block's filters `n` (default 32).
 * @param nClasses - The classes, one output channel each (default 23).
 * @param options - `{ seed }` (default 0).
 * @returns A new `tf.LayersModel`, input `[m, nH, nW, nC]`, output `[m, nH, nW, nClasses]`; the caller owns it (`model.dispose()`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { unetModel } from '@dlkit/cnn';
 * const course = unetModel();
 * console.log(course.countParams(), course.outputs[0]!.shape); // 8640471 [null, 96, 128, 23]
 * course.dispose();
 * const small = unetModel([16, 16, 3], 2, 4, { seed: 1 });
 * const x = tf.zeros([1, 16, 16, 3]);
 * const logits = small.predict(x) as tf.Tensor;
 * console.log(logits.shape); // [1, 16, 16, 4]
 * tf.dispose([x, logits]);
 * small.dispose();
 * ```
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export function unetModel(
  inputSize: [number, number, number] = [96, 128, 3],
  nFilters = 32,
  nClasses = 23,
  options?: Omit<UnetOptions, 'name'>,
): tf.LayersModel {
  const fn = 'unetModel';
  const shape = checkInputSize(fn, inputSize);
  const n = assertNumber(fn, 'nFilters', nFilters, {
    integer: true,
    min: 1,
    max: MAX_UNET_FILTERS / 16,
  });
  const k = assertNumber(fn, 'nClasses', nClasses, { integer: true, min: 2, max: MAX_CLASSES });
  const seed = readSeed(fn, options);
  return asCaller(fn, () => build(shape, n, k, seed));
}

/** Builds the checked U-Net. */
function build(
  shape: [number, number, number],
  n: number,
  nClasses: number,
  seed: number,
): tf.LayersModel {
  const inputs = tf.input({ shape, name: 'input' });
  const o = (name: string): UnetOptions => ({ seed, name });
  const cblock1 = convBlock(inputs, n, 0, true, o('cblock1'));
  const cblock2 = convBlock(cblock1.nextLayer, 2 * n, 0, true, o('cblock2'));
  const cblock3 = convBlock(cblock2.nextLayer, 4 * n, 0, true, o('cblock3'));
  const cblock4 = convBlock(cblock3.nextLayer, 8 * n, 0.3, true, o('cblock4'));
  const cblock5 = convBlock(cblock4.nextLayer, 16 * n, 0.3, false, o('cblock5'));
  const ublock6 = upsamplingBlock(cblock5.nextLayer, cblock4.skipConnection, 8 * n, o('ublock6'));
  const ublock7 = upsamplingBlock(ublock6, cblock3.skipConnection, 4 * n, o('ublock7'));
  const ublock8 = upsamplingBlock(ublock7, cblock2.skipConnection, 2 * n, o('ublock8'));
  const ublock9 = upsamplingBlock(ublock8, cblock1.skipConnection, n, o('ublock9'));
  const conv9 = reluConv3(ublock9, n, seed, 'conv9');
  const conv10 = tf.layers
    .conv2d({
      filters: nClasses,
      kernelSize: 1,
      padding: 'same',
      name: 'conv10',
      kernelInitializer: initializerFor('glorotUniform', seed, 'conv10'),
    })
    .apply(conv9) as tf.SymbolicTensor;
  return tf.model({ inputs, outputs: conv10, name: 'unet_model' });
}
