// Course 4, week 3 lab: "Image segmentation with U-Net". The notebook trains its U-Net (8.6 M
// parameters, 96×128×3 CARLA frames, 23 classes) for 40 epochs; that is far too slow on two shared
// CPU cores, so this lab trains the same builder, unetModel, narrower and smaller (n_filters 8 at
// 48×48: 540,828 parameters) on @dlkit/datasets' generated shapes with exact per-pixel masks
// (4 classes: background, circle, square, triangle), with the notebook's loss (sparse categorical
// cross-entropy from logits) and optimiser (Adam). It reports the mean IoU on held-out images and
// writes a PNG grid: image | true mask | predicted mask.
//
// Measured on the shared 2-core machine (wasm backend, seed 1): these settings (480 images, 40
// epochs of batches of 8, lr 0.003) reached a held-out mean IoU of 0.854 (background 0.999, circle
// 0.854, square 0.805, triangle 0.759; train 0.959) in 1,200 s beside three other training jobs
// (a training step runs at ~24 images/s alone, about 13 minutes for the run). Width and epochs
// were what it lacked: n_filters 4 on 320 images for 15 epochs reached 0.351 and called most
// shapes circles; n_filters 8 on 480 images for 20 epochs 0.648, still rising.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { colorMask, meanIou, modelSummary, predictMasks, unetModel } from '@dlkit/cnn';
import { writeImage } from '@dlkit/cnn/images';
import { makeShapeSegmentation, type ShapeSegmentationData } from '@dlkit/datasets';
import type { Lab, LabContext, LabPlot, LabResult } from '../lab.js';
import { checkLabContext } from '../lab-context.js';
import { round } from '../c2/plots.js';

interface Settings {
  size: number;
  nFilters: number;
  trainSize: number;
  testSize: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Test images shown in the PNG grid. */
  shown: number;
}

const FULL: Settings = {
  size: 48,
  nFilters: 8,
  trainSize: 480,
  testSize: 64,
  epochs: 40,
  batchSize: 8,
  learningRate: 0.003,
  shown: 6,
};
const QUICK: Settings = {
  size: 32,
  nFilters: 2,
  trainSize: 16,
  testSize: 4,
  epochs: 2,
  batchSize: 8,
  learningRate: 0.002,
  shown: 2,
};

/**
 * The notebook's loss, `SparseCategoricalCrossentropy(from_logits=True)` over every pixel, as
 * softmax cross-entropy against one-hot masks (tfjs's `fit` wants targets of the output's shape).
 */
function crossEntropyFromLogits(oneHot: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return tf.losses.softmaxCrossEntropy(oneHot, logits);
}

/** A mask `[m, nH, nW, 1]` as one-hot float32 targets `[m, nH, nW, k]`. */
function oneHotMask(mask: tf.Tensor4D, k: number): tf.Tensor4D {
  return tf.tidy(() => tf.oneHot(tf.squeeze(mask, [3]), k).toFloat() as tf.Tensor4D);
}

interface Scores {
  meanIou: number;
  perClass: number[];
  pixelAccuracy: number;
}

/** Mean IoU and pixel accuracy of `model` on `x` against the true masks. */
function score(model: tf.LayersModel, x: tf.Tensor4D, mask: tf.Tensor4D, k: number): Scores {
  const predicted = predictMasks(model, x);
  try {
    const r = meanIou(mask, predicted, k);
    const correct = r.confusion.reduce((s, row, i) => s + row[i]!, 0);
    return { meanIou: r.meanIou, perClass: r.perClass, pixelAccuracy: correct / mask.size };
  } finally {
    predicted.dispose();
  }
}

interface History {
  losses: number[];
  testIou: number[];
}

async function train(
  model: tf.LayersModel,
  data: ShapeSegmentationData,
  s: Settings,
  context: LabContext,
): Promise<History> {
  const k = data.info.classes.length;
  const history: History = { losses: [], testIou: [] };
  const optimizer = tf.train.adam(s.learningRate);
  const targets = oneHotMask(data.train.mask, k);
  try {
    model.compile({ optimizer, loss: crossEntropyFromLogits });
    await model.fit(data.train.x, targets, {
      epochs: s.epochs,
      batchSize: s.batchSize,
      shuffle: true,
      verbose: 0,
      callbacks: {
        onEpochEnd: (epoch, logs) => {
          const loss = logs?.['loss'] ?? Number.NaN;
          const test = score(model, data.test.x, data.test.mask, k).meanIou;
          history.losses.push(loss);
          history.testIou.push(test);
          context.progress({
            label: 'unetModel',
            step: epoch + 1,
            total: s.epochs,
            loss,
            metrics: { testMeanIou: test },
          });
        },
      },
    });
  } finally {
    targets.dispose();
    optimizer.dispose();
  }
  return history;
}

/** Rows of `image | true mask | predicted mask` for the first `n` test images, 2× nearest-neighbour. */
function grid(model: tf.LayersModel, data: ShapeSegmentationData, n: number): tf.Tensor3D {
  return tf.tidy(() => {
    const x = tf.slice(data.test.x, 0, n);
    const truth = tf.slice(data.test.mask, 0, n);
    const predicted = predictMasks(model, x);
    const [size] = data.info.imageShape;
    const gap = (h: number, w: number): tf.Tensor3D => tf.fill([h, w, 3], 255, 'int32');
    const rows: tf.Tensor3D[] = [];
    for (let i = 0; i < n; i++) {
      const image = tf.cast(tf.round(tf.mul(x.slice(i, 1).squeeze([0]), 255)), 'int32');
      const t = colorMask(truth.slice(i, 1).squeeze([0]));
      const p = colorMask(predicted.slice(i, 1).squeeze([0]));
      const row = tf.concat([image, gap(size, 2), t, gap(size, 2), p], 1) as tf.Tensor3D;
      rows.push(row, gap(2, row.shape[1]));
    }
    const all = tf.concat(rows.slice(0, -1), 0) as tf.Tensor3D;
    const [h, w] = all.shape;
    return tf.cast(tf.image.resizeNearestNeighbor(all, [2 * h, 2 * w]), 'int32') as tf.Tensor3D;
  });
}

function curves(h: History, title: string): LabPlot {
  const values = h.losses.flatMap((loss, i) => [
    { epoch: i + 1, series: 'training loss', value: Number.isFinite(loss) ? loss : null },
    { epoch: i + 1, series: 'test mean IoU', value: h.testIou[i] },
  ]);
  return {
    name: 'learning-curves',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title,
      width: 480,
      height: 300,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'epoch', type: 'quantitative' },
        y: { field: 'value', type: 'quantitative' },
        color: { field: 'series', type: 'nominal' },
      },
    },
  };
}

function courseParameters(): number {
  const course = unetModel();
  const n = course.countParams();
  course.dispose();
  return n;
}

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('shape-segmentation.run', context);
  const s = context.quick ? QUICK : FULL;
  const data = makeShapeSegmentation({
    trainSize: s.trainSize,
    testSize: s.testSize,
    size: s.size,
    seed: context.seed,
  });
  const classes = data.info.classes;
  const model = unetModel([s.size, s.size, 3], s.nFilters, classes.length, { seed: context.seed });
  try {
    const params = modelSummary(model).totalParams;
    const coursePlain = courseParameters();
    context.log(
      `unetModel([${s.size}, ${s.size}, 3], ${s.nFilters}, ${classes.length}): ${params} parameters; the notebook's unetModel(): ${coursePlain}`,
    );
    const history = await train(model, data, s, context);
    const test = score(model, data.test.x, data.test.mask, classes.length);
    const trainScore = score(model, data.train.x, data.train.mask, classes.length);
    const image = grid(model, data, s.shown);
    try {
      await writeImage(join(context.outDir, 'segmentation.png'), image);
    } finally {
      image.dispose();
    }
    const perClass = Object.fromEntries(
      classes.map((c, i) => {
        const v = test.perClass[i]!;
        return [`test IoU ${c}`, Number.isNaN(v) ? 'absent' : round(v)];
      }),
    );
    context.log(
      `held-out mean IoU ${test.meanIou.toFixed(3)} (${s.testSize} images), pixel accuracy ${(test.pixelAccuracy * 100).toFixed(1)} %`,
    );
    return {
      figures: {
        model: `unetModel n_filters ${s.nFilters}`,
        'image size': `${s.size}×${s.size}×3`,
        parameters: params,
        'course unetModel parameters': coursePlain,
        epochs: s.epochs,
        'train images': s.trainSize,
        'test images': s.testSize,
        'last loss': round(history.losses.at(-1)!),
        'train mean IoU': round(trainScore.meanIou),
        'test mean IoU': round(test.meanIou),
        'test pixel accuracy': round(test.pixelAccuracy),
        ...perClass,
      },
      plots: [curves(history, `U-Net (n_filters ${s.nFilters}) on the generated shapes`)],
      files: ['segmentation.png'],
    };
  } finally {
    model.dispose();
    tf.dispose([data.train.x, data.train.mask, data.test.x, data.test.mask]);
  }
}

/** The C4 W3 U-Net segmentation lab. */
export const shapeSegmentationLab: Lab = {
  id: 'shape-segmentation',
  course: 4,
  week: 3,
  title: 'Image segmentation with U-Net: a narrow U-Net on generated shapes with masks',
  run,
};
