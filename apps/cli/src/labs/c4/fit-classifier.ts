// What the course-4 labs share: compile a tf.layers model with Adam, fit it on an image set with
// progress, record train/test accuracy per epoch, and plot the learning curves.
import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '@dlkit/datasets';
import type { LabContext, LabPlot } from '../lab.js';

/** How a lab trains its model. */
export interface FitSettings {
  /** The progress label (the model's name). */
  label: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** `'binary'`: one sigmoid output and `binaryCrossentropy`; `'categorical'`: softmax over classes. */
  kind: 'binary' | 'categorical';
}

/** What a lab's training measured. */
export interface FitResult {
  /** Training loss after each epoch. */
  losses: number[];
  /** Train and test accuracy after each epoch. */
  trainAcc: number[];
  testAcc: number[];
}

/** The labels as the loss wants them: `[m, 1]` float32 (binary) or one-hot `[m, k]`. */
function targets(y: tf.Tensor, kind: FitSettings['kind'], k: number): tf.Tensor {
  return tf.tidy(() =>
    kind === 'binary' ? y.reshape([-1, 1]).toFloat() : tf.oneHot(y.toInt(), k).toFloat(),
  );
}

/** Accuracy of `model` on `x` against integer labels `y`. */
export function accuracy(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  kind: FitSettings['kind'],
): number {
  return tf.tidy(() => {
    const p = model.predict(x, { batchSize: 64 }) as tf.Tensor;
    const guess = kind === 'binary' ? p.reshape([-1]).greater(0.5).toInt() : p.argMax(-1);
    return guess.equal(y.toInt()).mean().dataSync()[0] as number;
  });
}

/** Compiles and fits `model` on `data`, reporting progress each epoch. The model is not disposed. */
export async function fitClassifier(
  model: tf.LayersModel,
  data: ImageSet,
  settings: FitSettings,
  context: LabContext,
): Promise<FitResult> {
  const k = data.info.classes.length;
  const yTrain = targets(data.train.y, settings.kind, k);
  const result: FitResult = { losses: [], trainAcc: [], testAcc: [] };
  const optimizer = tf.train.adam(settings.learningRate);
  try {
    model.compile({
      optimizer,
      loss: settings.kind === 'binary' ? 'binaryCrossentropy' : 'categoricalCrossentropy',
    });
    await model.fit(data.train.x, yTrain, {
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      shuffle: true,
      verbose: 0,
      callbacks: {
        onEpochEnd: (epoch, logs) => {
          const loss = logs?.['loss'] ?? Number.NaN;
          result.losses.push(loss);
          result.trainAcc.push(accuracy(model, data.train.x, data.train.y, settings.kind));
          result.testAcc.push(accuracy(model, data.test.x, data.test.y, settings.kind));
          context.progress({
            label: settings.label,
            step: epoch + 1,
            total: settings.epochs,
            loss,
            metrics: { trainAcc: result.trainAcc.at(-1)!, testAcc: result.testAcc.at(-1)! },
          });
        },
      },
    });
  } finally {
    yTrain.dispose();
    optimizer.dispose();
  }
  return result;
}

/** The learning curves: train and test accuracy, and the training loss, per epoch. */
export function learningCurves(name: string, title: string, r: FitResult): LabPlot {
  const values = r.losses.flatMap((loss, i) => [
    { epoch: i + 1, series: 'train accuracy', value: r.trainAcc[i] },
    { epoch: i + 1, series: 'test accuracy', value: r.testAcc[i] },
    { epoch: i + 1, series: 'training loss', value: Number.isFinite(loss) ? loss : null },
  ]);
  return {
    name,
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

/** The figures every course-4 lab reports. */
export function fitFigures(r: FitResult, epochs: number, imageSize: number, params: number) {
  const round = (v: number): number => Math.round(v * 10000) / 10000;
  return {
    epochs,
    'image size': `${imageSize}×${imageSize}×3`,
    parameters: params,
    'train accuracy': round(r.trainAcc.at(-1)!),
    'test accuracy': round(r.testAcc.at(-1)!),
    'last loss': round(r.losses.at(-1)!),
  };
}

/** Disposes an image set's four tensors. */
export function disposeSet(d: ImageSet): void {
  tf.dispose([d.train.x, d.train.y, d.test.x, d.test.y]);
}
