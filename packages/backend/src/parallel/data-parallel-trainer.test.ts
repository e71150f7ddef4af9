import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from '@dlkit/test-harness';
import { expectSameWeights } from './testing/same-weights.js';
import { createDataParallelTrainer } from './data-parallel-trainer.js';
import { ScaleLayer } from './testing/scale-layer.js';

const scaleModule = new URL('./testing/scale-layer.ts', import.meta.url).href;

/** A small classifier with seeded weights; `scale` puts the custom layer first. */
function classifier(scale = false): tf.Sequential {
  const layers: tf.layers.Layer[] = scale ? [new ScaleLayer({ inputShape: [6] })] : [];
  layers.push(
    tf.layers.dense({
      ...(scale ? {} : { inputShape: [6] }),
      units: 8,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
    tf.layers.dense({
      units: 3,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
    }),
  );
  const model = tf.sequential({ layers });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

function batches(count: number, m: number): { x: tf.Tensor; y: tf.Tensor }[] {
  return Array.from({ length: count }, (_, i) => ({
    x: tf.randomNormal([m, 6], 0, 1, 'float32', 10 + i),
    y: tf.oneHot(tf.randomUniformInt([m], 0, 3, 20 + i), 3).toFloat(),
  }));
}

/** The weights after `model.trainOnBatch` on each batch: tfjs' own single-thread training. */
async function reference(
  data: { x: tf.Tensor; y: tf.Tensor }[],
  scale = false,
): Promise<tf.Tensor[]> {
  const model = classifier(scale);
  for (const { x, y } of data) await model.trainOnBatch(x, y);
  const weights = model.getWeights().map((w) => w.clone());
  model.dispose();
  return weights;
}

describe('DataParallelTrainer', () => {
  // 13 examples: the shards are uneven (7 + 6 with one worker, 5 + 4 + 4 with two).
  for (const workers of [0, 1, 2]) {
    it(`with ${workers} worker(s) trains as model.trainOnBatch does (rtol 1e-4 after 4 Adam steps)`, async () => {
      const data = batches(4, 13);
      const expected = await reference(data);
      const model = classifier();
      const trainer = await createDataParallelTrainer(model, { workers });
      expect(trainer.workers).toBe(workers);
      expect(trainer.fallback).toBeUndefined();
      const losses: number[] = [];
      for (const { x, y } of data) losses.push(await trainer.trainStep(x, y));
      await trainer.dispose();
      expect(losses.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
      expectSameWeights(model, expected);
      model.dispose();
      tf.dispose([...expected, ...data.flatMap((d) => [d.x, d.y])]);
    });
  }

  it('returns the batch mean loss before the step, as model.evaluate gives it', async () => {
    const [{ x, y }] = batches(1, 9) as [{ x: tf.Tensor; y: tf.Tensor }];
    const model = classifier();
    const before = model.evaluate(x, y) as tf.Scalar;
    const trainer = await createDataParallelTrainer(model, { workers: 1 });
    const loss = await trainer.trainStep(x, y);
    await trainer.dispose();
    expect(loss).toBeCloseTo(before.dataSync()[0] as number, 5);
    tf.dispose([x, y, before]);
    model.dispose();
  });

  it('trains int32 inputs with a sparse loss', async () => {
    const make = (): tf.Sequential => {
      const m = tf.sequential({
        layers: [
          tf.layers.embedding({
            inputDim: 10,
            outputDim: 4,
            inputLength: 5,
            embeddingsInitializer: tf.initializers.randomUniform({
              minval: -0.1,
              maxval: 0.1,
              seed: 3,
            }),
          }),
          tf.layers.flatten(),
          tf.layers.dense({
            units: 4,
            activation: 'softmax',
            kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
          }),
        ],
      });
      m.compile({ optimizer: tf.train.sgd(0.5), loss: 'sparseCategoricalCrossentropy' });
      return m;
    };
    const x = tf.randomUniformInt([11, 5], 0, 10, 5);
    const y = tf.randomUniformInt([11, 1], 0, 4, 6).toFloat(); // tf.js' sparse loss floors its labels
    const ref = make();
    await ref.trainOnBatch(x, y);
    await ref.trainOnBatch(x, y);
    const model = make();
    const trainer = await createDataParallelTrainer(model, { workers: 1 });
    await trainer.trainStep(x, y);
    await trainer.trainStep(x, y);
    await trainer.dispose();
    expectSameWeights(model, ref.getWeights());
    tf.dispose([x, y]);
    ref.dispose();
    model.dispose();
  });

  it('builds custom layers in the workers from options.imports', async () => {
    const data = batches(2, 8);
    const expected = await reference(data, true);
    const model = classifier(true);
    const trainer = await createDataParallelTrainer(model, { workers: 1, imports: [scaleModule] });
    for (const { x, y } of data) await trainer.trainStep(x, y);
    await trainer.dispose();
    expectSameWeights(model, expected);
    model.dispose();
    tf.dispose([...expected, ...data.flatMap((d) => [d.x, d.y])]);
  });

  it('leaves the tensor count unchanged after the first step', async () => {
    const [{ x, y }] = batches(1, 8) as [{ x: tf.Tensor; y: tf.Tensor }];
    const model = classifier();
    const trainer = await createDataParallelTrainer(model, { workers: 1 });
    await trainer.trainStep(x, y); // Adam makes its moments here
    await expectNoLeaks(() => trainer.trainStep(x, y));
    await trainer.dispose();
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('createDataParallelTrainer rejects bad input with a DlkitError', () => {
  const rejects = (p: Promise<unknown>, message: string | RegExp) =>
    expect(p).rejects.toMatchObject({ name: 'DlkitError', message });

  it('names a missing loss, a bad worker count and an unknown option', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
    await rejects(
      createDataParallelTrainer(model, { optimizer: tf.train.sgd(0.1) }),
      'createDataParallelTrainer: options.loss must be one of categoricalCrossentropy, sparseCategoricalCrossentropy, binaryCrossentropy, meanSquaredError, meanAbsoluteError, softmaxCrossEntropy when the model is not compiled with one of them',
    );
    await rejects(
      createDataParallelTrainer(model, { loss: 'meanSquaredError' }),
      'createDataParallelTrainer: options.optimizer must be a tf.Optimizer when the model is not compiled',
    );
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    await rejects(
      createDataParallelTrainer(model, { workers: 1.5 }),
      /^createDataParallelTrainer: options.workers must be an integer/,
    );
    await rejects(
      createDataParallelTrainer(model, { worker: 1 } as never),
      /^createDataParallelTrainer: options has an unknown field worker/,
    );
    model.dispose();
  });

  it('says a worker lacks a custom layer, and which option brings it', async () => {
    const model = classifier(true);
    await rejects(
      createDataParallelTrainer(model, { workers: 1 }),
      /^createDataParallelTrainer: a worker could not rebuild the model: .*DlkitTestScale.* \(custom layers need options\.imports\)$/,
    );
    model.dispose();
  });

  it('names mismatched batches and a disposed trainer', async () => {
    const model = classifier();
    const trainer = await createDataParallelTrainer(model, { workers: 0 });
    const x = tf.zeros([4, 6]);
    const y = tf.zeros([3, 3]);
    const wide = tf.zeros([4, 5]);
    await rejects(
      trainer.trainStep(wide, wide),
      "DataParallelTrainer.trainStep: x must have shape [m, 6] (the model's input), got [4, 5]",
    );
    await rejects(
      trainer.trainStep(x, y),
      'DataParallelTrainer.trainStep: x and y must share a first (batch) dimension m >= 1, got x [4, 6] and y [3, 3]',
    );
    await trainer.dispose();
    await rejects(
      trainer.trainStep(x, x),
      'DataParallelTrainer.trainStep: the trainer was disposed',
    );
    tf.dispose([x, y, wide]);
    model.dispose();
  });
});
