import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSystem } from '@dlkit/backend';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  loadFixture,
} from '@dlkit/test-harness';
import { happyModel } from './happy-model.js';
import { convolutionalModel } from './convolutional-model.js';
import { modelSummary } from './model-summary.js';

interface Counts {
  trainable: number;
  keras_total: number;
}
const fx = loadFixture<{
  counts: Record<string, Counts>;
  outputShapes: Record<string, number[]>;
}>('cnn_models');

const tmp = mkdtempSync(join(tmpdir(), 'dlkit-cnn-models-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('happyModel', () => {
  it("has the notebook's layers, shapes and 37,633 parameters (37,569 trainable, as PyTorch's twin)", () => {
    const model = happyModel();
    const s = modelSummary(model);
    expect(s.layers.map((l) => [l.name, l.className, l.outputShape, l.params])).toEqual([
      ['zero_padding2d', 'ZeroPadding2D', [null, 70, 70, 3], 0],
      ['conv0', 'Conv2D', [null, 64, 64, 32], 7 * 7 * 3 * 32 + 32],
      ['bn0', 'BatchNormalization', [null, 64, 64, 32], 4 * 32],
      ['re_lu', 'ReLU', [null, 64, 64, 32], 0],
      ['max_pool0', 'MaxPooling2D', [null, 32, 32, 32], 0],
      ['flatten', 'Flatten', [null, 32768], 0],
      ['fc', 'Dense', [null, 1], 32768 + 1],
    ]);
    expect(s.totalParams).toBe(37633);
    expect(s.totalParams).toBe(fx.counts.happyModel!.keras_total);
    expect(s.trainableParams).toBe(fx.counts.happyModel!.trainable);
    expect(s.text).toContain('Total params: 37633');
    expect(model.outputs[0]!.shape.slice(1)).toEqual(fx.outputShapes.happyModel!.slice(1));
    model.dispose();
  });

  it('is seeded: the same seed gives the same weights, another seed others', () => {
    const [a, b, c] = [happyModel({ seed: 3 }), happyModel({ seed: 3 }), happyModel({ seed: 4 })];
    const kernel = (m: tf.LayersModel): Float32Array =>
      m.getLayer('conv0').getWeights()[0]!.dataSync() as Float32Array;
    expect(kernel(a)).toEqual(kernel(b));
    expect(kernel(a)).not.toEqual(kernel(c));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('leaks nothing once disposed, and predicts probabilities [m, 1]', async () => {
    expect(await expectNoLeaks(() => happyModel().dispose())).toBe(0);
    const model = happyModel();
    const x = tf.randomUniform([2, 64, 64, 3], 0, 1, 'float32', 5);
    const p = model.predict(x) as tf.Tensor;
    expect(p.shape).toEqual([2, 1]);
    for (const v of p.dataSync()) expect(v > 0 && v < 1).toBe(true);
    tf.dispose([x, p]);
    model.dispose();
  });

  it('saves through @dlkit/backend fileSystem and loads with equal predictions', async () => {
    const model = happyModel({ seed: 2 });
    const dir = join(tmp, 'happy');
    await model.save(fileSystem(dir));
    const loaded = await tf.loadLayersModel(fileSystem(dir));
    const x = tf.randomUniform([2, 64, 64, 3], 0, 1, 'float32', 6);
    const [p, q] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expectTensorsClose(q, p, { rtol: 0, atol: 0 });
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    tf.dispose([x, p, q]);
    model.dispose();
    loaded.dispose();
  });

  it('rejects bad options with a DlkitError naming happyModel', () => {
    expectDlkitError(
      () => happyModel({ seed: -1 }),
      'happyModel: options.seed must be an integer >= 0 and <= 2147483647, got -1',
    );
    expectDlkitError(
      () => happyModel({ sed: 1 } as never),
      'happyModel: options has an unknown field sed (known: seed)',
    );
  });
});

describe('convolutionalModel', () => {
  it("has the notebook's functional layers, shapes and 1,310 parameters for 64×64×3", () => {
    const model = convolutionalModel([64, 64, 3]);
    const s = modelSummary(model);
    expect(s.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([
      ['input_img', [null, 64, 64, 3], 0],
      ['conv2d', [null, 64, 64, 8], 4 * 4 * 3 * 8 + 8],
      ['re_lu', [null, 64, 64, 8], 0],
      ['max_pooling2d', [null, 8, 8, 8], 0],
      ['conv2d_1', [null, 8, 8, 16], 2 * 2 * 8 * 16 + 16],
      ['re_lu_1', [null, 8, 8, 16], 0],
      ['max_pooling2d_1', [null, 2, 2, 16], 0],
      ['flatten', [null, 64], 0],
      ['dense', [null, 6], 64 * 6 + 6],
    ]);
    expect(s.totalParams).toBe(1310);
    expect(s.totalParams).toBe(fx.counts.convolutionalModel!.keras_total);
    expect(s.layers[4]!.connectedTo).toEqual(['max_pooling2d[0][0]']);
    expect(s.text).toContain('Total params: 1310');
    model.dispose();
  });

  it('predicts a distribution over 6 classes for other input sizes, and leaks nothing', async () => {
    expect(await expectNoLeaks(() => convolutionalModel([16, 20, 1]).dispose())).toBe(0);
    const model = convolutionalModel([16, 20, 1], { seed: 1 });
    const x = tf.randomNormal([3, 16, 20, 1], 0, 1, 'float32', 2);
    const p = model.predict(x) as tf.Tensor;
    expect(p.shape).toEqual([3, 6]);
    const sums = tf.tidy(() => p.sum(1));
    expectTensorsClose(sums, tf.ones([3]), { atol: 1e-6 });
    tf.dispose([x, p, sums]);
    model.dispose();
  });

  it('rejects a bad input shape with a DlkitError naming convolutionalModel', () => {
    expectDlkitError(
      () => convolutionalModel([64, 64] as never),
      'convolutionalModel: inputShape must be an array [nH, nW, nC], got [64,64]',
    );
    expectDlkitError(
      () => convolutionalModel([64, 1e6, 3]),
      'convolutionalModel: inputShape[1] must be an integer >= 1 and <= 4096, got 1000000',
    );
    expectDlkitError(
      () => convolutionalModel([64, 64, 3], { seed: 1.5 }),
      'convolutionalModel: options.seed must be an integer >= 0 and <= 2147483647, got 1.5',
    );
  });
});
