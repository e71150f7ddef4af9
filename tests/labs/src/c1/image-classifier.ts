// Course 1, week 4 lab: "Deep Neural Network for Image Classification: Application".
// The course trains a 2-layer and a 4-layer network ([12288, 20, 7, 5, 1]) on 64x64 cat
// pictures and compares them with week 2's logistic regression. The lab is written against
// `ImageDataset`. The course's pictures are not on npm: by default it uses `@dlkit/datasets`'
// seeded stand-in `makeCatFaces` (209 / 50 drawn 64x64 RGB cat faces against other shapes), and
// it also has a harder synthetic task generated here: horizontal against vertical stripes at
// random rows/columns with random brightness, polarity and noise, which logistic regression
// cannot solve (the polarity flips the sign of every pixel's evidence) and the deep nets can.
import * as tf from '@tensorflow/tfjs';
import { RandomState, deep, lLayerModel, logistic, twoLayerModel } from '@dlkit/core';
import { makeCatFaces, type CatFacesOptions } from '@dlkit/datasets';
import type { LabProgress } from '../progress.js';

/**
 * A binary image-classification data set in the course's layout: each column one flattened
 * image with pixel values in [0, 1] (`X` is `[nX, m]`), labels 0 or 1 in a row (`Y` is `[1, m]`).
 * The course's cat pictures fit it after `reshape(m, -1).T / 255`.
 */
export interface ImageDataset {
  /** Training images, `[nX, mTrain]`. */
  trainX: tf.Tensor2D;
  /** Training labels, `[1, mTrain]`. */
  trainY: tf.Tensor2D;
  /** Test images, `[nX, mTest]`. */
  testX: tf.Tensor2D;
  /** Test labels, `[1, mTest]`. */
  testY: tf.Tensor2D;
}

/**
 * `@dlkit/datasets`' cat / non-cat stand-in in the course's layout: `X` is `[size·size·3, m]`
 * with pixels in [0, 1], `Y` is `[1, m]` (float 0 or 1). The caller owns the four tensors.
 *
 * @param options - Split sizes (default 209 / 50, the course's), image size (default 64), seed.
 * @returns The data set.
 */
export function catFaces(
  options: Pick<CatFacesOptions, 'trainSize' | 'testSize' | 'size' | 'seed'> = {},
): ImageDataset {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const { train, test } = makeCatFaces({ ...given, layout: 'columns' });
  const [trainY, testY] = tf.tidy(() => [train.y.toFloat(), test.y.toFloat()]) as [
    tf.Tensor2D,
    tf.Tensor2D,
  ];
  tf.dispose([train.y, test.y]);
  return { trainX: train.x as tf.Tensor2D, trainY, testX: test.x as tf.Tensor2D, testY };
}

/** Options of {@link syntheticStripes}. */
export interface SyntheticStripesOptions {
  /** Training images (default 400). */
  mTrain?: number;
  /** Test images (default 200). */
  mTest?: number;
  /** Image side in pixels (default 12: `nX = 144`). */
  size?: number;
  /** Seed of the generator (default 0). */
  seed?: number;
}

function stripes(m: number, size: number, rs: RandomState): { X: tf.Tensor2D; Y: tf.Tensor2D } {
  const nX = size * size;
  const x = new Float32Array(nX * m); // row-major [nX, m]: pixel p of image i at p * m + i
  const y = new Float32Array(m);
  const img = new Float64Array(nX);
  for (let i = 0; i < m; i++) {
    const label = i % 2; // 1: horizontal stripes, 0: vertical
    img.fill(rs.uniform(0.2, 0.8));
    const polarity = rs.randomSampleArray(1)[0]! < 0.5 ? 1 : -1;
    const k = rs.randint(1, 4);
    for (let s = 0; s < k; s++) {
      const pos = rs.randint(0, size);
      const width = rs.randint(1, 3);
      const delta = polarity * rs.uniform(0.2, 0.4);
      for (let a = pos; a < Math.min(size, pos + width); a++) {
        for (let b = 0; b < size; b++) {
          const p = label === 1 ? a * size + b : b * size + a;
          img[p] = img[p]! + delta;
        }
      }
    }
    const noise = rs.normalArray(0, 0.05, nX);
    for (let p = 0; p < nX; p++) x[p * m + i] = Math.min(1, Math.max(0, img[p]! + noise[p]!));
    y[i] = label;
  }
  return { X: tf.tensor2d(x, [nX, m]), Y: tf.tensor2d(y, [1, m]) };
}

/**
 * A seeded synthetic stand-in for the course's cat pictures: `size × size` grey images of
 * horizontal (label 1) or vertical (label 0) stripes.
 *
 * @param options - Sizes and seed.
 * @returns The four tensors (the caller owns them).
 */
export function syntheticStripes(options: SyntheticStripesOptions = {}): ImageDataset {
  const { mTrain = 400, mTest = 200, size = 12, seed = 0 } = options;
  const rs = new RandomState(seed);
  const train = stripes(mTrain, size, rs);
  const test = stripes(mTest, size, rs);
  return { trainX: train.X, trainY: train.Y, testX: test.X, testY: test.Y };
}

/** Options of the image-classifier lab. */
export interface ImageClassifierOptions {
  /** The data (default: `catFaces()`); the lab disposes what it creates, not this. */
  data?: ImageDataset;
  /** Hidden sizes of the 2-layer net (default `[16]`; the course uses 7 on cats). */
  twoLayerHidden?: number;
  /** Hidden sizes of the 4-layer net (default `[20, 7, 5]`, the course's). */
  deepHidden?: number[];
  /** Iterations: logistic regression, 2-layer, 4-layer (default 2000, 1500, 1000). */
  iterations?: { logistic?: number; twoLayer?: number; deep?: number };
  /** Learning rates (default 0.05, 0.1, 0.05). */
  learningRates?: { logistic?: number; twoLayer?: number; deep?: number };
  /** Progress of each model's training. */
  onProgress?: (model: 'logistic' | 'twoLayer' | 'deep') => LabProgress | undefined;
  /** Where result lines go (default: console.log). */
  log?: (line: string) => void;
}

/** Train and test accuracy of one model, in [0, 1]. */
export interface Accuracies {
  /** On the training set. */
  train: number;
  /** On the test set. */
  test: number;
}

/** What the lab measured. */
export interface ImageClassifierResult {
  /** Week 2's logistic regression. */
  logistic: Accuracies;
  /** `[nX, nH, 1]`. */
  twoLayer: Accuracies;
  /** `[nX, 20, 7, 5, 1]`. */
  deep: Accuracies;
}

/**
 * Trains logistic regression, a 2-layer and a 4-layer network on an {@link ImageDataset} (pixels
 * centred on the training mean first) and prints train/test accuracy of each.
 *
 * @param options - Data, sizes, iterations, learning rates, progress and logging.
 * @returns The accuracies.
 */
export async function main(options: ImageClassifierOptions = {}): Promise<ImageClassifierResult> {
  const log = options.log ?? console.log;
  const own = options.data === undefined;
  const data = options.data ?? catFaces();
  const its = { logistic: 2000, twoLayer: 1500, deep: 1000, ...options.iterations };
  const lrs = { logistic: 0.05, twoLayer: 0.1, deep: 0.05, ...options.learningRates };
  const nH = options.twoLayerHidden ?? 16;
  const deepHidden = options.deepHidden ?? [20, 7, 5];
  const nX = data.trainX.shape[0];
  const [Xtr, Xte] = tf.tidy(() => {
    const mean = data.trainX.mean();
    return [data.trainX.sub(mean), data.testX.sub(mean)];
  }) as [tf.Tensor, tf.Tensor];
  const Ytr = data.trainY;
  const Yte = data.testY;
  const progress = (model: 'logistic' | 'twoLayer' | 'deep', total: number) => {
    const p = options.onProgress?.(model);
    return (i: number, cost: number) => p?.(i, cost, total);
  };
  try {
    log(`data: ${nX} pixels, ${Xtr.shape[1]} training and ${Xte.shape[1]} test images`);
    const lr = logistic.model(
      Xtr,
      Ytr,
      Xte,
      Yte,
      its.logistic,
      lrs.logistic,
      progress('logistic', its.logistic),
    );
    const logisticAcc = { train: lr.trainAccuracy / 100, test: lr.testAccuracy / 100 };
    tf.dispose([lr.w, lr.b, lr.YPredictionTest, lr.YPredictionTrain]);
    log(`logistic regression: train ${pct(logisticAcc.train)}, test ${pct(logisticAcc.test)}`);

    const evaluate = (parameters: Record<string, tf.Tensor>): Accuracies => {
      const a = deep.predict(Xtr, Ytr, parameters);
      const b = deep.predict(Xte, Yte, parameters);
      tf.dispose([a.p, b.p]);
      return { train: a.accuracy, test: b.accuracy };
    };
    const two = twoLayerModel(
      Xtr,
      Ytr,
      [nX, nH, 1],
      lrs.twoLayer,
      its.twoLayer,
      progress('twoLayer', its.twoLayer),
    );
    const twoAcc = evaluate(two.parameters);
    tf.dispose(Object.values(two.parameters));
    log(`2-layer [${nX}, ${nH}, 1]: train ${pct(twoAcc.train)}, test ${pct(twoAcc.test)}`);

    const dims = [nX, ...deepHidden, 1];
    const L = lLayerModel(Xtr, Ytr, dims, lrs.deep, its.deep, progress('deep', its.deep));
    const deepAcc = evaluate(L.parameters);
    tf.dispose(Object.values(L.parameters));
    log(
      `${dims.length - 1}-layer [${dims.join(', ')}]: train ${pct(deepAcc.train)}, test ${pct(deepAcc.test)}`,
    );
    return { logistic: logisticAcc, twoLayer: twoAcc, deep: deepAcc };
  } finally {
    tf.dispose([Xtr, Xte]);
    if (own) tf.dispose([data.trainX, data.trainY, data.testX, data.testY]);
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)} %`;
}
