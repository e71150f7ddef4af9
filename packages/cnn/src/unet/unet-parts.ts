// The layers U-Net's blocks are made of, and the checks of their options. Internal.
import * as tf from '@tensorflow/tfjs';
import { assertNumber, assertString } from '@dlkit/core';
import { initializerFor, readSeed } from '../models/builder-options.js';

/** The largest filter count a U-Net block accepts. */
export const MAX_UNET_FILTERS = 2048;

/**
 * The trailing options of {@link convBlock}, {@link upsamplingBlock} and {@link unetModel}.
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export interface UnetOptions {
  /**
   * The initialisers' seed (an integer in [0, 2^31 - 1], default 0): each convolution's
   * `he_normal` (or, for the transposed convolutions and the 1×1 head, Keras's default
   * `glorot_uniform`) gets its own seed derived from this one and the layer's name. Dropout is not
   * seeded: a seeded tfjs dropout layer draws the same mask at every step.
   */
  seed?: number;
  /**
   * The layers' name stem (default `<input's layer>_cblock` or `_ublock`): a conv block's layers
   * are `<name>_conv1`, `<name>_conv2`, (`<name>_dropout`), (`<name>_pool`); an upsampling block's
   * `<name>_up`, `<name>_concat`, `<name>_conv1`, `<name>_conv2`. Names must be unique in a model.
   * `unetModel` ignores it (it names its blocks `cblock1`…`cblock5`, `ublock6`…`ublock9` as the
   * notebook's variables).
   */
  name?: string;
}

/** A block's checked options. */
export interface CheckedUnetOptions {
  seed: number;
  name: string;
}

/** Checks `{ seed, name }`, with `fallback` as the default name. */
export function readUnetOptions(
  fn: string,
  options: unknown,
  fallback: string,
): CheckedUnetOptions {
  const seed = readSeed(fn, options, ['name']);
  const o = (options ?? {}) as { name?: unknown };
  const name = o.name === undefined ? fallback : assertString(fn, 'options.name', o.name);
  return { seed, name };
}

/** Checks a filter count `n_filters`. */
export function checkFilterCount(fn: string, nFilters: unknown): number {
  return assertNumber(fn, 'nFilters', nFilters, { integer: true, min: 1, max: MAX_UNET_FILTERS });
}

/** The course's `Conv2D(n, 3, activation='relu', padding='same', kernel_initializer='he_normal')`. */
export function reluConv3(
  x: tf.SymbolicTensor,
  nFilters: number,
  seed: number,
  name: string,
): tf.SymbolicTensor {
  return tf.layers
    .conv2d({
      filters: nFilters,
      kernelSize: 3,
      activation: 'relu',
      padding: 'same',
      name,
      kernelInitializer: initializerFor('heNormal', seed, name),
    })
    .apply(x) as tf.SymbolicTensor;
}
