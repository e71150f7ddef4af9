import * as tf from '@tensorflow/tfjs';
import { DlkitError, RandomState, assertNumber } from '@dlkit/core';
import { zeroPad } from '@dlkit/cnn';
import { adam } from '@dlkit/optimizers';
import type { DemoModel } from '../loop/demo-model.js';
import { FILTERS, FILTER_SIZE, convOutputSize, type FilterId } from './filters.js';

/** A grayscale image, values in `[0, 1]`, row-major `[height, width]`. */
export interface ConvImage {
  /** Rows. */
  height: number;
  /** Columns. */
  width: number;
  /** `height × width` values in `[0, 1]`. */
  pixels: Float32Array;
}

/** Settings of the convolution visualiser. */
export interface ConvSettings {
  /** The target filter. */
  filter: FilterId;
  /** The 9 weights (row-major) used when `filter` is `'custom'`. */
  custom: readonly number[];
  /** Stride `s`, 1 to 4. */
  stride: number;
  /** Zero padding `p` on each side, 0 to 3. */
  pad: number;
  /** Adam's learning rate for the learned filter. */
  learningRate: number;
  /** Seed of the learned filter's initial weights (`np.random.seed`). */
  seed: number;
}

/** The visualiser's defaults: the lecture's vertical edge detector, stride 1, no padding. */
export const CONV_DEFAULTS: ConvSettings = {
  filter: 'vertical-edge',
  custom: [0, 0, 0, 0, 1, 0, 0, 0, 0],
  stride: 1,
  pad: 0,
  learningRate: 0.05,
  seed: 1,
};

/**
 * A convolution on a real image, and a filter that learns to reproduce it: the target output is
 * `tf.conv2d(zeroPad(image, p), target, s)` (the course's conv, `@dlkit/cnn`'s `zeroPad`); a
 * second 3 × 3 filter, initialised with `0.1 · randn` from `RandomState(seed)`, descends the mean
 * squared error between its output and the target's with `@dlkit/optimizers`' `adam()`.
 */
export class ConvModel implements DemoModel {
  /** The image, `[1, nH, nW, 1]`. */
  readonly image: tf.Tensor4D;
  /** The target filter, `[f, f, 1, 1]`. */
  readonly target: tf.Tensor4D;
  /** The target's output, `[1, nHOut, nWOut, 1]`. */
  readonly targetOutput: tf.Tensor4D;
  /** The learned filter, `[f, f, 1, 1]`. */
  readonly learned: tf.Variable<tf.Rank.R4>;
  readonly #optimizer: tf.Optimizer;
  #steps = 0;
  #loss = NaN;

  /**
   * @param source - The grayscale image.
   * @param settings - Filter, stride, padding, learning rate, seed.
   */
  constructor(
    readonly source: ConvImage,
    readonly settings: ConvSettings,
  ) {
    checkImage('ConvModel', source);
    checkSettings('ConvModel', settings, source);
    const f = FILTER_SIZE;
    this.image = tf.tensor4d(source.pixels, [1, source.height, source.width, 1]);
    this.target = tf.tensor4d(targetWeights(settings), [f, f, 1, 1]);
    this.targetOutput = tf.tidy(() => this.convolve(this.target));
    const init = tf.tidy(() =>
      new RandomState(settings.seed).randn(f, f).mul(0.1).reshape([f, f, 1, 1]),
    );
    this.learned = tf.variable(init as tf.Tensor4D);
    init.dispose();
    this.#optimizer = adam(settings.learningRate);
  }

  get steps(): number {
    return this.#steps;
  }

  /** The output's `[nH, nW]` by the course's formula ⌊(n + 2p − f) / s⌋ + 1. */
  get outputShape(): [number, number] {
    const { stride, pad } = this.settings;
    return [
      convOutputSize(this.source.height, FILTER_SIZE, pad, stride),
      convOutputSize(this.source.width, FILTER_SIZE, pad, stride),
    ];
  }

  /** The padded, strided convolution of the image with `filter` `[f, f, 1, 1]`. */
  convolve(filter: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() =>
      tf.conv2d(zeroPad(this.image, this.settings.pad), filter, this.settings.stride, 'valid'),
    );
  }

  trainStep(): number {
    const loss = this.#optimizer.minimize(
      () => tf.losses.meanSquaredError(this.targetOutput, this.convolve(this.learned)) as tf.Scalar,
      true,
      [this.learned],
    ) as tf.Scalar;
    this.#loss = loss.dataSync()[0] as number;
    loss.dispose();
    this.#steps += 1;
    return this.#loss;
  }

  extra(): Record<string, string> {
    const [nH, nW] = this.outputShape;
    return { outputShape: `[${nH}, ${nW}]` };
  }

  /** The target's output map, row-major `[nH, nW]`. */
  targetMap(): Float32Array {
    return this.targetOutput.dataSync() as Float32Array;
  }

  /** The learned filter's output map, row-major `[nH, nW]`. */
  learnedMap(): Float32Array {
    return tf.tidy(() => this.convolve(this.learned).dataSync() as Float32Array);
  }

  /** The two filters' weights, row-major. */
  filters(): { target: Float32Array; learned: Float32Array } {
    return {
      target: this.target.dataSync() as Float32Array,
      learned: this.learned.dataSync() as Float32Array,
    };
  }

  dispose(): void {
    tf.dispose([this.image, this.target, this.targetOutput, this.learned]);
    this.#optimizer.dispose();
  }
}

function targetWeights(settings: ConvSettings): Float32Array {
  const weights = settings.filter === 'custom' ? settings.custom : FILTERS[settings.filter].weights;
  return Float32Array.from(weights);
}

function checkImage(fn: string, image: ConvImage): void {
  if (typeof image !== 'object' || image === null) {
    throw new DlkitError('value', fn, `source must be a grayscale image, got ${String(image)}`, {
      argument: 'source',
    });
  }
  assertNumber(fn, 'source.height', image.height, { integer: true, min: 1, max: 4096 });
  assertNumber(fn, 'source.width', image.width, { integer: true, min: 1, max: 4096 });
  if (
    !(image.pixels instanceof Float32Array) ||
    image.pixels.length !== image.height * image.width
  ) {
    throw new DlkitError(
      'value',
      fn,
      `source.pixels must be a Float32Array of height × width = ${image.height * image.width} values`,
      { argument: 'source.pixels' },
    );
  }
}

function checkSettings(fn: string, settings: ConvSettings, image: ConvImage): void {
  const { filter, custom, stride, pad, learningRate } = settings;
  if (filter !== 'custom' && !Object.hasOwn(FILTERS, filter)) {
    throw new DlkitError(
      'value',
      fn,
      `settings.filter must be one of ${[...Object.keys(FILTERS), 'custom'].join(', ')}, got ${String(filter)}`,
      { argument: 'settings.filter' },
    );
  }
  if (
    filter === 'custom' &&
    (!Array.isArray(custom) || custom.length !== 9 || !custom.every(Number.isFinite))
  ) {
    throw new DlkitError('value', fn, 'settings.custom must be 9 finite numbers', {
      argument: 'settings.custom',
    });
  }
  assertNumber(fn, 'settings.stride', stride, { integer: true, min: 1, max: 4 });
  assertNumber(fn, 'settings.pad', pad, { integer: true, min: 0, max: 3 });
  assertNumber(fn, 'settings.learningRate', learningRate, { min: 0, max: 10 });
  const smallest = Math.min(image.height, image.width);
  if (smallest + 2 * pad < FILTER_SIZE) {
    throw new DlkitError(
      'value',
      fn,
      `the image (${image.height} × ${image.width}) padded by ${pad} is smaller than the ${FILTER_SIZE} × ${FILTER_SIZE} filter`,
      { argument: 'source' },
    );
  }
}
