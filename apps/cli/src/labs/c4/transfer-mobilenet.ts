// Course 4, week 2 lab: "Transfer learning with MobileNet". The notebook's alpaca model (the
// augmentation, preprocess_input, a MobileNetV2 backbone, pooling, dropout, one unit) trained on
// a small binary image task twice with the same data, epochs and optimiser: once on the
// pretrained backbone (nsfwjs's MobileNetV2, frozen; only the head trains) and once on the same
// MobileNetV2 from scratch (every weight trains). It reports both test accuracies.
//
// The data: @dlkit/datasets' makeCatFaces, synthetic drawings of cat faces (label 1) against
// discs, faces without ears, squares and triangles (label 0) on random backgrounds, pixels in
// [0, 255]; 120 train and 50 test images at 48×48 in the full run, 2 epochs: the from-scratch run
// trains 2.2 M weights, which takes minutes per epoch on two shared cores (at 64×64 with 209
// images one from-scratch epoch took about 12 minutes on the loaded machine).
import * as tf from '@tensorflow/tfjs';
import { alpacaModel, dataAugmenter, loadPretrainedMobileNetV2, mobileNetV2 } from '@dlkit/cnn';
import { makeCatFaces } from '@dlkit/datasets';
import type { Lab, LabContext, LabPlot, LabResult } from '../lab.js';
import { checkLabContext } from '../lab-context.js';
import { round } from '../c2/plots.js';

interface Settings {
  size: number;
  trainSize: number;
  testSize: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
}

const FULL: Settings = {
  size: 48,
  trainSize: 120,
  testSize: 50,
  epochs: 2,
  batchSize: 32,
  learningRate: 0.001,
};
const QUICK: Settings = {
  size: 32,
  trainSize: 24,
  testSize: 12,
  epochs: 1,
  batchSize: 12,
  learningRate: 0.001,
};

interface Outcome {
  losses: number[];
  testAccuracy: number;
  trainableParams: number;
}

function accuracy(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): number {
  return tf.tidy(() => {
    const predicted = tf.greater(model.predict(x) as tf.Tensor, 0.5).reshape([-1]);
    return tf.mean(tf.equal(predicted, tf.cast(y, 'bool'))).dataSync()[0] as number;
  });
}

async function train(
  label: string,
  model: tf.LayersModel,
  data: { xTrain: tf.Tensor; yTrain: tf.Tensor; xTest: tf.Tensor; yTest: tf.Tensor },
  s: Settings,
  context: LabContext,
): Promise<Outcome> {
  const optimizer = tf.train.adam(s.learningRate);
  model.compile({ optimizer, loss: 'binaryCrossentropy' });
  const losses: number[] = [];
  try {
    await model.fit(data.xTrain, data.yTrain, {
      epochs: s.epochs,
      batchSize: s.batchSize,
      shuffle: false,
      verbose: 0,
      callbacks: {
        onEpochEnd: (epoch, logs) => {
          const loss = logs?.['loss'] ?? NaN;
          losses.push(loss);
          context.progress({ label, step: epoch + 1, total: s.epochs, loss });
        },
      },
    });
  } finally {
    optimizer.dispose(); // its moments; the model does not own its optimiser
  }
  const trainableParams = model.trainableWeights.reduce(
    (n, w) => n + w.shape.reduce((p: number, d) => p * (d ?? 1), 1),
    0,
  );
  return { losses, testAccuracy: accuracy(model, data.xTest, data.yTest), trainableParams };
}

function lossCurves(runs: Record<string, Outcome>): LabPlot {
  return {
    name: 'loss-curves',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: 'Training loss per epoch: pretrained frozen backbone vs from scratch',
      width: 480,
      height: 300,
      data: {
        values: Object.entries(runs).flatMap(([run, o]) =>
          o.losses.map((loss, i) => ({ run, epoch: i + 1, loss })),
        ),
      },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'epoch', type: 'quantitative' },
        y: { field: 'loss', type: 'quantitative' },
        color: { field: 'run', type: 'nominal' },
      },
    },
  };
}

async function run(context: LabContext): Promise<LabResult> {
  checkLabContext('transfer-mobilenet.run', context);
  const s = context.quick ? QUICK : FULL;
  const set = makeCatFaces({
    trainSize: s.trainSize,
    testSize: s.testSize,
    size: s.size,
    seed: context.seed,
    normalize: false,
  });
  const data = {
    xTrain: set.train.x,
    yTrain: tf.tidy(() => tf.cast(set.train.y, 'float32').reshape([-1, 1])),
    xTest: set.test.x,
    yTest: set.test.y,
  };
  const imageShape: [number, number] = [s.size, s.size];
  const inputShape: [number, number, number] = [s.size, s.size, 3];
  const runs: Record<string, Outcome> = {};
  try {
    const pretrainedBase = await loadPretrainedMobileNetV2({ inputShape });
    const transfer = alpacaModel(imageShape, dataAugmenter({ inputShape, seed: context.seed }), {
      base: pretrainedBase,
      activation: 'sigmoid',
      seed: context.seed,
    });
    try {
      runs['pretrained (frozen)'] = await train('pretrained', transfer, data, s, context);
    } finally {
      transfer.dispose();
    }
    const scratch = alpacaModel(imageShape, dataAugmenter({ inputShape, seed: context.seed }), {
      base: mobileNetV2({ inputShape, includeTop: false, seed: context.seed }),
      freezeBase: false,
      activation: 'sigmoid',
      seed: context.seed,
    });
    try {
      runs['from scratch'] = await train('scratch', scratch, data, s, context);
    } finally {
      scratch.dispose();
    }
  } finally {
    tf.dispose([set.train.x, set.train.y, set.test.x, set.test.y, data.yTrain]);
  }
  const [pre, scr] = [runs['pretrained (frozen)']!, runs['from scratch']!];
  context.log(
    `test accuracy: pretrained backbone ${(pre.testAccuracy * 100).toFixed(1)} %, from scratch ${(scr.testAccuracy * 100).toFixed(1)} %`,
  );
  return {
    figures: {
      data: `makeCatFaces ${s.trainSize} train / ${s.testSize} test`,
      'image size': `${s.size}×${s.size}×3`,
      epochs: s.epochs,
      'pretrained test accuracy': round(pre.testAccuracy),
      'scratch test accuracy': round(scr.testAccuracy),
      'pretrained trainable params': pre.trainableParams,
      'scratch trainable params': scr.trainableParams,
      'pretrained last loss': round(pre.losses.at(-1)!),
      'scratch last loss': round(scr.losses.at(-1)!),
    },
    plots: [lossCurves(runs)],
    files: [],
  };
}

/** The C4 W2 transfer-learning lab. */
export const transferMobileNetLab: Lab = {
  id: 'transfer-mobilenet',
  course: 4,
  week: 2,
  title:
    'Transfer learning with MobileNetV2: a pretrained frozen backbone vs the same network from scratch',
  run,
};
