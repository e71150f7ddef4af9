import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSystem } from '@dlkit/backend';
import { expectDlkitError, expectNoLeaks, expectTensorsClose } from '@dlkit/test-harness';
import { alpacaModel, dataAugmenter, freezeLayers, mobileNetV2, modelSummary } from '../index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const smallBase = (seed = 1): tf.LayersModel =>
  mobileNetV2({ inputShape: [32, 32, 3], alpha: 0.35, includeTop: false, seed });

describe('alpacaModel', () => {
  it("has the notebook's 2,259,265 parameters at 160×160, 1,281 of them trainable, and the summary shows them", () => {
    for (const activation of ['linear', 'sigmoid'] as const) {
      const model = alpacaModel([160, 160], dataAugmenter({ seed: 1 }), { activation, seed: 1 });
      const summary = modelSummary(model);
      expect(model.countParams()).toBe(2_259_265);
      expect(summary.totalParams).toBe(2_259_265);
      expect(summary.trainableParams).toBe(1_281); // Dense(1) on 1280 features
      expect(summary.text).toContain('Total params: 2259265');
      expect(model.layers.map((l) => l.name)).toEqual([
        'input_image',
        'data_augmentation',
        'preprocess_input',
        'mobilenetv2_1.00_160',
        'global_average_pooling2d',
        'dropout',
        'prediction',
      ]);
      expect(model.outputs[0]!.shape).toEqual([null, 1]);
      model.dispose();
    }
  });

  it('scales pixels as preprocess_input (x / 127.5 - 1) before the backbone, and the sigmoid unit outputs probabilities', () => {
    const base = smallBase();
    const model = alpacaModel([32, 32], null, { base, activation: 'sigmoid', seed: 2 });
    const images = tf.randomUniform([3, 32, 32, 3], 0, 255, 'float32', 4);
    const features = base.predict(tf.tidy(() => images.div(127.5).sub(1))) as tf.Tensor;
    const head = model.getLayer('prediction');
    const [kernel, bias] = head.getWeights();
    const expected = tf.tidy(() =>
      tf.sigmoid(tf.mean(features, [1, 2]).matMul(kernel!).add(bias!)),
    );
    const out = model.predict(images) as tf.Tensor;
    expectTensorsClose(out, expected, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([images, features, expected, out]);
    model.dispose();
  });

  it('augments only while training, through the nested Sequential', () => {
    const model = alpacaModel([32, 32], dataAugmenter({ inputShape: [32, 32, 3], seed: 2 }), {
      base: smallBase(),
      dropout: 0,
      seed: 2,
    });
    // what the backbone receives: the preprocessed, augmented images
    const seen = tf.model({
      inputs: model.inputs,
      outputs: model.getLayer('preprocess_input').output as tf.SymbolicTensor,
    });
    const images = tf.randomUniform([2, 32, 32, 3], 0, 255, 'float32', 9);
    const scaled = tf.tidy(() => images.div(127.5).sub(1));
    const atInference = seen.predict(images) as tf.Tensor;
    const inTraining = seen.apply(images, { training: true }) as tf.Tensor;
    expectTensorsClose(atInference, scaled, { rtol: 1e-6, atol: 1e-6 });
    expect(tf.max(tf.abs(tf.sub(inTraining, scaled))).dataSync()[0]).toBeGreaterThan(0.1);
    tf.dispose([images, scaled, atInference, inTraining]);
    model.dispose();
  });

  it('leaks nothing: building and disposing it frees the backbone too', async () => {
    expect(
      await expectNoLeaks(() =>
        alpacaModel([32, 32], dataAugmenter({ inputShape: [32, 32, 3], seed: 1 }), {
          base: smallBase(),
          seed: 1,
        }).dispose(),
      ),
    ).toBe(0);
  });

  it('trains only the head while the backbone is frozen: backbone weights and batch-norm statistics stay', async () => {
    const base = smallBase(3);
    const model = alpacaModel([32, 32], dataAugmenter({ inputShape: [32, 32, 3], seed: 3 }), {
      base,
      activation: 'sigmoid',
      seed: 3,
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
    const xs = tf.randomUniform([4, 32, 32, 3], 0, 255, 'float32', 5);
    const ys = tf.tensor2d([1, 1, 1, 0], [4, 1]);
    const snapshot = (layer: tf.layers.Layer): tf.Tensor[] =>
      layer.getWeights().map((w) => w.clone());
    const [baseBefore, headBefore] = [snapshot(base), snapshot(model.getLayer('prediction'))];
    await model.fit(xs, ys, { epochs: 1, batchSize: 4, verbose: 0 });
    const moved = (before: tf.Tensor[], after: tf.Tensor[]): boolean[] =>
      after.map((w, i) => tf.max(tf.abs(tf.sub(w, before[i]!))).dataSync()[0]! > 0);
    // base.getWeights() holds the kernels, gammas, betas and the moving means and variances
    expect(baseBefore.length).toBeGreaterThan(200);
    expect(moved(baseBefore, base.getWeights()).some((m) => m)).toBe(false);
    expect(moved(headBefore, model.getLayer('prediction').getWeights())[1]).toBe(true); // the bias
    tf.dispose([xs, ys, ...baseBefore, ...headBefore]);
    model.dispose();
  });

  it('saves and loads through @dlkit/backend with equal predictions', async () => {
    const model = alpacaModel([32, 32], dataAugmenter({ inputShape: [32, 32, 3], seed: 1 }), {
      base: smallBase(4),
      seed: 4,
    });
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-alpaca-'));
    dirs.push(dir);
    await model.save(fileSystem(dir));
    const loaded = await tf.loadLayersModel(fileSystem(dir));
    const x = tf.randomUniform([2, 32, 32, 3], 0, 255, 'float32', 6);
    const [p, q] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expectTensorsClose(q, p, { rtol: 1e-5, atol: 1e-6 });
    expect(loaded.countParams()).toBe(model.countParams());
    tf.dispose([x, p, q]);
    model.dispose();
    loaded.dispose();
  });

  it('rejects bad arguments, naming them', () => {
    expectDlkitError(
      () => alpacaModel([16, 16]),
      /^alpacaModel: imageShape must be \[nH, nW\] with 32 <= nH, nW <= 2048/,
    );
    expectDlkitError(
      () => alpacaModel([160, 160], 'flip' as never),
      /^alpacaModel: dataAugmentation must be a tf.Sequential/,
    );
    const base = smallBase();
    expectDlkitError(
      () => alpacaModel([64, 64], null, { base }),
      'alpacaModel: options.base must take images [m, 64, 64, 3] (imageShape), got [m, 32, 32, 3]',
    );
    expectDlkitError(
      () => alpacaModel([32, 32], null, { base, activation: 'relu' as never }),
      "alpacaModel: options.activation must be one of 'linear', 'sigmoid', got relu",
    );
    expectDlkitError(
      () => alpacaModel([32, 32], null, { base, dropout: 1 }),
      'alpacaModel: options.dropout must be a finite number >= 0 and < 1, got 1',
    );
    base.dispose();
  });
});

describe('freezeLayers', () => {
  it("freezes the notebook's first fine_tune_at = 120 layers and leaves the rest trainable", () => {
    const base = smallBase();
    expect(freezeLayers(base, 120)).toEqual({ frozen: 120, trainable: base.layers.length - 120 });
    expect(base.layers.slice(0, 120).every((l) => !l.trainable)).toBe(true);
    expect(base.layers.slice(120).every((l) => l.trainable)).toBe(true);
    const expected = base.layers.slice(120).flatMap((l) => l.trainableWeights.map((w) => w.name));
    expect(base.trainableWeights.map((w) => w.name)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    // everything frozen, then everything unfrozen again
    freezeLayers(base);
    expect(base.trainableWeights).toHaveLength(0);
    freezeLayers(base, 0);
    expect(base.trainableWeights.length).toBe(mobileNetV2TrainableCount(base));
    base.dispose();
  });

  it('freezes a nested backbone whole, its own layers too, and unfreezes it for fine-tuning', () => {
    const model = alpacaModel([32, 32], null, { base: smallBase(), seed: 1 });
    const base = model.getLayer('mobilenetv2_0.35_32') as tf.LayersModel;
    expect(base.layers.every((l) => !l.trainable)).toBe(true); // alpacaModel froze it
    freezeLayers(model, 0);
    expect(base.layers.every((l) => l.trainable)).toBe(true);
    expect(model.trainableWeights.length).toBe(mobileNetV2TrainableCount(base) + 2);
    model.dispose();
  });

  it('rejects what is not a model and out-of-range counts', () => {
    expectDlkitError(
      () => freezeLayers({} as never),
      /^freezeLayers: model must be a tf.LayersModel/,
    );
    const base = smallBase();
    expectDlkitError(
      () => freezeLayers(base, base.layers.length + 1),
      `freezeLayers: upTo must be an integer >= 0 and <= ${base.layers.length}, got ${base.layers.length + 1}`,
    );
    base.dispose();
  });
});

/** Every conv kernel and every batch norm's gamma and beta: the weights a trainable MobileNetV2 trains. */
function mobileNetV2TrainableCount(model: tf.LayersModel): number {
  return model.layers.reduce(
    (n, l) => n + (l.getClassName() === 'DlkitBatchNormalization' ? 2 : l.weights.length),
    0,
  );
}

describe('dataAugmenter', () => {
  it("is the notebook's Sequential: RandomFlip('horizontal') then RandomRotation(0.2)", async () => {
    const augment = dataAugmenter({ inputShape: [8, 8, 3], seed: 7 });
    expect(augment.layers.map((l) => l.getClassName())).toEqual([
      'DlkitRandomFlip',
      'DlkitRandomRotation',
    ]);
    expect(augment.layers[0]!.getConfig()['mode']).toBe('horizontal');
    expect(augment.layers[1]!.getConfig()['factor']).toEqual([-0.2, 0.2]);
    const images = tf.randomUniform([2, 8, 8, 3], 0, 255, 'float32', 1);
    expect(await expectNoLeaks(() => augment.apply(images, { training: true }) as tf.Tensor)).toBe(
      1,
    );
    images.dispose();
    expectDlkitError(
      () => dataAugmenter({ seed: 'a' as never }),
      'dataAugmenter: options.seed must be an integer >= 0 and <= 2147483648, got string a',
    );
  });
});
