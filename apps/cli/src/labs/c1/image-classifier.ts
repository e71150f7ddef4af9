// Course 1, week 4 lab: "Deep Neural Network for Image Classification: Application".
// The course trains a 2-layer and a 4-layer network ([12288, 20, 7, 5, 1]) on 64x64 cat
// pictures and compares them with week 2's logistic regression. The course's pictures are not
// on npm: the lab uses `@dlkit/datasets`' seeded stand-in `makeCatFaces` (209 / 50 drawn 64x64
// RGB cat faces against other shapes, in the course's column layout).
import * as tf from '@tensorflow/tfjs';
import { deep, lLayerModel, logistic, twoLayerModel, type Parameters } from '@dlkit/core';
import { makeCatFaces } from '@dlkit/datasets';
import { syntheticStripes } from './stripes.js';
import { barChartSpec, lineChartSpec, type Bar, type LineSeries } from '../../plots/index.js';
import { costProgress, progressDone } from '../cost-progress.js';
import type { Lab, LabContext, LabResult } from '../lab.js';
import { checkLabContext } from '../lab-context.js';

/** Train and test accuracy of one model, in [0, 1]. */
interface Accuracies {
  train: number;
  test: number;
}

/** What one image lab trains on and how long. */
interface ImageLabSettings {
  /** The data in the course's layout (the caller owns the tensors). */
  data: (seed: number) => ImageData;
  /** A one-line description for the accuracy plot's title. */
  about: string;
  iterations: Record<keyof typeof MODEL_NAMES, number>;
  learningRates: Record<keyof typeof MODEL_NAMES, number>;
}

/** Images `[nX, m]` with pixels in [0, 1], labels `[1, m]` as float 0/1. */
interface ImageData {
  trainX: tf.Tensor;
  trainY: tf.Tensor;
  testX: tf.Tensor;
  testY: tf.Tensor;
}

const COURSE_ITERATIONS = { logistic: 2000, twoLayer: 1500, deep: 1000 };
const COURSE_RATES = { logistic: 0.05, twoLayer: 0.1, deep: 0.05 };

function cats(size: number): (seed: number) => ImageData {
  return (seed) => {
    const { train, test } = makeCatFaces({ size, seed, layout: 'columns' });
    const [trainY, testY] = tf.tidy(() => [train.y.toFloat(), test.y.toFloat()]);
    tf.dispose([train.y, test.y]);
    return { trainX: train.x, trainY: trainY!, testX: test.x, testY: testY! };
  };
}

/**
 * The cats at the course's size, and a quick run: 16x16 images, 400 iterations, and a learning
 * rate of 0.1 for the 4-layer net. Measured on the cats at 16x16, seed 1, wasm: with 0.1 its
 * cost is 0.695, 0.624, 0.273, 0.102 at iterations 0, 100, 200, 300 (600 iterations: 100% train,
 * 76% test accuracy); with 0.05 it is still 0.62 at iteration 200.
 */
function catSettings(quick: boolean): ImageLabSettings {
  return quick
    ? {
        data: cats(16),
        about: 'Cat / non-cat, 16x16 images',
        iterations: { logistic: 400, twoLayer: 400, deep: 400 },
        learningRates: { ...COURSE_RATES, deep: 0.1 },
      }
    : {
        data: cats(64),
        about: 'Cat / non-cat, 64x64 images',
        iterations: COURSE_ITERATIONS,
        learningRates: COURSE_RATES,
      };
}

/** Stripes: 400 / 200 images of 12x12, or a quick 240 / 120 of 10x10 for 500 / 900 / 700 iterations. */
function stripeSettings(quick: boolean): ImageLabSettings {
  return quick
    ? {
        data: (seed) => syntheticStripes(240, 120, 10, seed),
        about: 'Horizontal / vertical stripes, 10x10 images',
        iterations: { logistic: 500, twoLayer: 900, deep: 700 },
        learningRates: COURSE_RATES,
      }
    : {
        data: (seed) => syntheticStripes(400, 200, 12, seed),
        about: 'Horizontal / vertical stripes, 12x12 images',
        iterations: COURSE_ITERATIONS,
        learningRates: COURSE_RATES,
      };
}

/** The 2-layer net's hidden units (the course uses 7 on its cats) and the course's 4-layer shape. */
const TWO_LAYER_HIDDEN = 16;
const DEEP_HIDDEN = [20, 7, 5];
const MODEL_NAMES = {
  logistic: 'logistic regression',
  twoLayer: '2-layer net',
  deep: '4-layer net',
} as const;

/** The images with pixels centred on the training mean (the labels are kept as they are). */
function centred(data: ImageData) {
  const [Xtr, Xte] = tf.tidy(() => {
    const mean = data.trainX.mean();
    return [data.trainX.sub(mean), data.testX.sub(mean)];
  });
  tf.dispose([data.trainX, data.testX]);
  return { Xtr: Xtr!, Xte: Xte!, Ytr: data.trainY, Yte: data.testY };
}

async function run(
  fn: string,
  context: LabContext,
  settings: (quick: boolean) => ImageLabSettings,
): Promise<LabResult> {
  checkLabContext(fn, context);
  const { data, about, iterations, learningRates } = settings(context.quick);
  const { Xtr, Xte, Ytr, Yte } = centred(data(context.seed));
  const nX = Xtr.shape[0]!;
  const series: LineSeries[] = [];
  const accuracies: Record<keyof typeof MODEL_NAMES, Accuracies> = {} as never;
  const record = (model: keyof typeof MODEL_NAMES, costs: number[], acc: Accuracies) => {
    progressDone(context, MODEL_NAMES[model], iterations[model], costs.at(-1) ?? NaN);
    series.push({ name: MODEL_NAMES[model], x: costs.map((_, i) => i * 100), y: costs });
    accuracies[model] = acc;
    context.log(`${MODEL_NAMES[model]}: train ${pct(acc.train)}, test ${pct(acc.test)}`);
  };
  const progress = (model: keyof typeof MODEL_NAMES) =>
    costProgress(context, MODEL_NAMES[model], iterations[model]);
  const evaluate = (parameters: Parameters): Accuracies => {
    const a = deep.predict(Xtr, Ytr, parameters);
    const b = deep.predict(Xte, Yte, parameters);
    tf.dispose([a.p, b.p, ...Object.values(parameters)]);
    return { train: a.accuracy, test: b.accuracy };
  };
  try {
    context.log(`data: ${nX} pixels, ${Xtr.shape[1]} training and ${Xte.shape[1]} test images`);
    const lr = logistic.model(
      Xtr,
      Ytr,
      Xte,
      Yte,
      iterations.logistic,
      learningRates.logistic,
      progress('logistic'),
    );
    tf.dispose([lr.w, lr.b, lr.YPredictionTest, lr.YPredictionTrain]);
    record('logistic', lr.costs, { train: lr.trainAccuracy / 100, test: lr.testAccuracy / 100 });
    const two = twoLayerModel(
      Xtr,
      Ytr,
      [nX, TWO_LAYER_HIDDEN, 1],
      learningRates.twoLayer,
      iterations.twoLayer,
      progress('twoLayer'),
    );
    record('twoLayer', two.costs, evaluate(two.parameters));
    const dims = [nX, ...DEEP_HIDDEN, 1];
    const L = lLayerModel(Xtr, Ytr, dims, learningRates.deep, iterations.deep, progress('deep'));
    record('deep', L.costs, evaluate(L.parameters));
  } finally {
    tf.dispose([Xtr, Xte, Ytr, Yte]);
  }
  const figures: Record<string, number> = { pixels: nX };
  const bars: Bar[] = [];
  for (const model of Object.keys(MODEL_NAMES) as (keyof typeof MODEL_NAMES)[]) {
    const acc = accuracies[model];
    figures[`${model}TrainAccuracy`] = acc.train;
    figures[`${model}TestAccuracy`] = acc.test;
    bars.push({ category: MODEL_NAMES[model], group: 'train', value: acc.train });
    bars.push({ category: MODEL_NAMES[model], group: 'test', value: acc.test });
  }
  return {
    figures,
    plots: [
      {
        name: 'costs',
        spec: lineChartSpec(series, { x: 'iteration', y: 'cost J', title: 'Training cost' }),
      },
      {
        name: 'accuracy',
        spec: barChartSpec(bars, {
          x: 'model',
          y: 'accuracy',
          percent: true,
          title: about,
        }),
      },
    ],
    files: [],
  };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)} %`;
}

/**
 * Course 1, week 4: "Deep Neural Network for Image Classification: Application". Week 2's
 * logistic regression, a 2-layer net `[nX, 16, 1]` and the course's 4-layer net
 * `[nX, 20, 7, 5, 1]` on `@dlkit/datasets`' cat / non-cat stand-in (209 training and 50 test
 * 64x64 images; a quick run uses 16x16). Writes the cost curves and an accuracy chart.
 *
 * @example
 * ```ts
 * import { imageClassifierLab } from '@dlkit/cli';
 * console.log(imageClassifierLab.id, imageClassifierLab.week); // image-classifier 4
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export const imageClassifierLab: Lab = {
  id: 'image-classifier',
  course: 1,
  week: 4,
  title: 'Deep neural network for image classification: logistic vs 2-layer vs 4-layer',
  run: (context) => run('image-classifier.run', context, catSettings),
};

/**
 * The same lab on a seeded synthetic task that logistic regression cannot solve: horizontal
 * against vertical stripes at random positions with random brightness, polarity and noise (400
 * training and 200 test 12x12 images; a quick run 240 / 120 of 10x10). The deep nets reach
 * about 90% on held-out images where logistic regression stays near chance (quick, seed 1: 49%
 * against 95% for the 2-layer and 90% for the 4-layer net).
 *
 * @example
 * ```ts
 * import { stripesClassifierLab } from '@dlkit/cli';
 * console.log(stripesClassifierLab.id); // image-classifier-stripes
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export const stripesClassifierLab: Lab = {
  id: 'image-classifier-stripes',
  course: 1,
  week: 4,
  title: 'The image classifier on stripes: a task logistic regression cannot solve',
  run: (context) => run('image-classifier-stripes.run', context, stripeSettings),
};
