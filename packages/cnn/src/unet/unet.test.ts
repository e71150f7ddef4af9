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
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { modelSummary } from '../models/model-summary.js';
import { convBlock } from './conv-block.js';
import { upsamplingBlock } from './upsampling-block.js';
import { unetModel } from './unet-model.js';
import { createMask } from './create-mask.js';
import { predictMasks } from './predict-masks.js';

const fx = loadFixture<{
  unet: { x: FixtureTensor; weights: Record<string, FixtureTensor[]>; y: FixtureTensor };
}>('cnn_unet');

const tmp = mkdtempSync(join(tmpdir(), 'dlkit-cnn-unet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * The notebook's expected `summary(unet)` (C4 W3, test_utils' `unet_model_output`): class, output
 * shape and parameters of every layer, for input (96, 128, 3), 32 filters and 23 classes.
 */
const NOTEBOOK_SUMMARY: [string, (number | null)[], number][] = [
  ['InputLayer', [null, 96, 128, 3], 0],
  ['Conv2D', [null, 96, 128, 32], 896],
  ['Conv2D', [null, 96, 128, 32], 9248],
  ['MaxPooling2D', [null, 48, 64, 32], 0],
  ['Conv2D', [null, 48, 64, 64], 18496],
  ['Conv2D', [null, 48, 64, 64], 36928],
  ['MaxPooling2D', [null, 24, 32, 64], 0],
  ['Conv2D', [null, 24, 32, 128], 73856],
  ['Conv2D', [null, 24, 32, 128], 147584],
  ['MaxPooling2D', [null, 12, 16, 128], 0],
  ['Conv2D', [null, 12, 16, 256], 295168],
  ['Conv2D', [null, 12, 16, 256], 590080],
  ['Dropout', [null, 12, 16, 256], 0],
  ['MaxPooling2D', [null, 6, 8, 256], 0],
  ['Conv2D', [null, 6, 8, 512], 1180160],
  ['Conv2D', [null, 6, 8, 512], 2359808],
  ['Dropout', [null, 6, 8, 512], 0],
  ['Conv2DTranspose', [null, 12, 16, 256], 1179904],
  ['Concatenate', [null, 12, 16, 512], 0],
  ['Conv2D', [null, 12, 16, 256], 1179904],
  ['Conv2D', [null, 12, 16, 256], 590080],
  ['Conv2DTranspose', [null, 24, 32, 128], 295040],
  ['Concatenate', [null, 24, 32, 256], 0],
  ['Conv2D', [null, 24, 32, 128], 295040],
  ['Conv2D', [null, 24, 32, 128], 147584],
  ['Conv2DTranspose', [null, 48, 64, 64], 73792],
  ['Concatenate', [null, 48, 64, 128], 0],
  ['Conv2D', [null, 48, 64, 64], 73792],
  ['Conv2D', [null, 48, 64, 64], 36928],
  ['Conv2DTranspose', [null, 96, 128, 32], 18464],
  ['Concatenate', [null, 96, 128, 64], 0],
  ['Conv2D', [null, 96, 128, 32], 18464],
  ['Conv2D', [null, 96, 128, 32], 9248],
  ['Conv2D', [null, 96, 128, 32], 9248],
  ['Conv2D', [null, 96, 128, 23], 759],
];

describe('unetModel', () => {
  it("has the notebook's layers, 8,640,471 parameters and output [m, 96, 128, 23]", () => {
    const model = unetModel();
    const summary = modelSummary(model);
    expect(summary.layers.map((l) => [l.className, l.outputShape, l.params])).toEqual(
      NOTEBOOK_SUMMARY,
    );
    expect(summary.totalParams).toBe(8640471);
    expect(summary.trainableParams).toBe(8640471);
    expect(summary.text).toMatch(/\nTotal params: 8640471\n/);
    expect(model.outputs[0]!.shape).toEqual([null, 96, 128, 23]);
    expect(summary.layers.find((l) => l.name === 'ublock6_concat')!.connectedTo).toEqual([
      'ublock6_up[0][0]',
      'cblock4_dropout[0][0]',
    ]);
    model.dispose();
  });

  it('equals an independent PyTorch U-Net (eval mode) for the same weights', () => {
    const model = unetModel([16, 16, 3], 2, 3);
    for (const [name, ws] of Object.entries(fx.unet.weights)) {
      const [kernel, bias] = ws.map(fixtureTensor);
      model.getLayer(name).setWeights([kernel!, bias!]);
      tf.dispose([kernel!, bias!]);
    }
    tf.tidy(() => {
      const y = model.predict(fixtureTensor(fx.unet.x)) as tf.Tensor;
      expect(y.shape).toEqual([2, 16, 16, 3]);
      expectTensorsClose(y, fixtureTensor(fx.unet.y), { rtol: 1e-4, atol: 1e-4 });
    });
    model.dispose();
  });

  it('uses seeded he_normal convolutions: one seed gives one model, another seed another', () => {
    const kernel = (m: tf.LayersModel, n: string): Float32Array =>
      m.getLayer(n).getWeights()[0]!.dataSync() as Float32Array;
    const [a, b, c] = [
      unetModel([16, 16, 1], 2, 2),
      unetModel([16, 16, 1], 2, 2),
      unetModel([16, 16, 1], 2, 2, { seed: 3 }),
    ];
    expect(kernel(a, 'cblock3_conv1')).toEqual(kernel(b, 'cblock3_conv1'));
    expect(kernel(a, 'cblock3_conv1')).not.toEqual(kernel(c, 'cblock3_conv1'));
    // he_normal: a truncated normal with std sqrt(2 / fanIn); fanIn = 3*3*8 for cblock4_conv2
    const w = kernel(a, 'cblock5_conv2');
    const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    expect(std).toBeGreaterThan(0.6 * Math.sqrt(2 / (9 * 32)));
    expect(std).toBeLessThan(1.2 * Math.sqrt(2 / (9 * 32)));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('saves through @dlkit/backend fileSystem and loads with equal predictions', async () => {
    const model = unetModel([16, 32, 3], 2, 4, { seed: 5 });
    const dir = join(tmp, 'unet');
    await model.save(fileSystem(dir));
    const loaded = await tf.loadLayersModel(fileSystem(dir));
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    const x = tf.randomUniform([2, 16, 32, 3], 0, 1, 'float32', 8) as tf.Tensor4D;
    const [p, q] = [predictMasks(model, x), predictMasks(loaded, x)];
    const [s, t] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expectTensorsClose(t, s, { rtol: 0, atol: 0 });
    expect(Array.from(q.dataSync())).toEqual(Array.from(p.dataSync()));
    tf.dispose([x, p, q, s, t]);
    model.dispose();
    loaded.dispose();
  });

  it('makes no tensors but its weights', async () => {
    expect(await expectNoLeaks(() => unetModel([16, 16, 3], 1, 2).dispose())).toBe(0);
  });

  it('rejects bad arguments with a DlkitError naming unetModel', () => {
    expectDlkitError(
      () => unetModel([96, 120, 3]),
      'unetModel: inputSize[1] must be a multiple of 16 (four 2×2 poolings, undone by four stride-2 upsamplings), got 120',
    );
    expectDlkitError(
      () => unetModel([96, 128] as never),
      'unetModel: inputSize must be an array [nH, nW, nC], got [96,128]',
    );
    expectDlkitError(
      () => unetModel(undefined, 0),
      'unetModel: nFilters must be an integer >= 1 and <= 128, got 0',
    );
    expectDlkitError(
      () => unetModel(undefined, 32, 1),
      'unetModel: nClasses must be an integer >= 2 and <= 1024, got 1',
    );
    expectDlkitError(
      () => unetModel(undefined, 32, 23, { name: 'x' } as never),
      'unetModel: options has an unknown field name (known: seed)',
    );
  });
});

describe('convBlock', () => {
  it("returns the notebook's (next_layer, skip_connection) with its layers", () => {
    const inputs = tf.input({ shape: [8, 6, 3], name: 'in' });
    const { nextLayer, skipConnection } = convBlock(inputs, 4, 0.3, true, { name: 'b' });
    expect(nextLayer.shape).toEqual([null, 4, 3, 4]);
    expect(skipConnection.shape).toEqual([null, 8, 6, 4]);
    expect(skipConnection.sourceLayer.name).toBe('b_dropout');
    const plain = convBlock(inputs, 2, 0, false, { name: 'c' });
    expect(plain.nextLayer).toBe(plain.skipConnection);
    expect(plain.nextLayer.sourceLayer.name).toBe('c_conv2');
    const model = tf.model({ inputs, outputs: [nextLayer, plain.nextLayer] });
    expect(modelSummary(model).layers.map((l) => [l.name, l.className, l.params])).toEqual([
      ['in', 'InputLayer', 0],
      ['b_conv1', 'Conv2D', 3 * 3 * 3 * 4 + 4],
      ['b_conv2', 'Conv2D', 3 * 3 * 4 * 4 + 4],
      ['b_dropout', 'Dropout', 0],
      ['c_conv1', 'Conv2D', 3 * 3 * 3 * 2 + 2],
      ['b_pool', 'MaxPooling2D', 0],
      ['c_conv2', 'Conv2D', 3 * 3 * 2 * 2 + 2],
    ]);
    model.dispose();
  });

  it('makes no tensors but its weights', async () => {
    const inputs = tf.input({ shape: [4, 4, 2] });
    expect(
      await expectNoLeaks(() =>
        tf.model({ inputs, outputs: convBlock(inputs, 2).nextLayer }).dispose(),
      ),
    ).toBe(0);
  });

  it('rejects bad arguments with a DlkitError naming convBlock', () => {
    const inputs = tf.input({ shape: [4, 4, 2] });
    const x = tf.zeros([1, 4, 4, 2]);
    expectDlkitError(
      () => convBlock(x as never),
      /^convBlock: inputs must be a tf.SymbolicTensor \(the output of tf.input or of a layer's apply\), got /,
    );
    expectDlkitError(
      () => convBlock(inputs, 4, 1),
      'convBlock: dropoutProb must be a finite number >= 0 and < 1, got 1',
    );
    expectDlkitError(
      () => convBlock(inputs, 4, 0, 'yes' as never),
      'convBlock: maxPooling must be one of true, false, got yes',
    );
    expectDlkitError(
      () => convBlock(inputs, 1e9),
      'convBlock: nFilters must be an integer >= 1 and <= 2048, got 1000000000',
    );
    x.dispose();
  });
});

describe('upsamplingBlock', () => {
  it("doubles the expansive input, joins the skip connection and convolves, as the notebook's block", () => {
    const low = tf.input({ shape: [3, 4, 8], name: 'low' });
    const skip = tf.input({ shape: [6, 8, 5], name: 'skip' });
    const up = upsamplingBlock(low, skip, 4, { name: 'u' });
    expect(up.shape).toEqual([null, 6, 8, 4]);
    const model = tf.model({ inputs: [low, skip], outputs: up });
    expect(
      modelSummary(model).layers.map((l) => [l.name, l.className, l.outputShape, l.params]),
    ).toEqual([
      ['low', 'InputLayer', [null, 3, 4, 8], 0],
      ['u_up', 'Conv2DTranspose', [null, 6, 8, 4], 3 * 3 * 8 * 4 + 4],
      ['skip', 'InputLayer', [null, 6, 8, 5], 0],
      ['u_concat', 'Concatenate', [null, 6, 8, 9], 0],
      ['u_conv1', 'Conv2D', [null, 6, 8, 4], 3 * 3 * 9 * 4 + 4],
      ['u_conv2', 'Conv2D', [null, 6, 8, 4], 3 * 3 * 4 * 4 + 4],
    ]);
    model.dispose();
  });

  it('makes no tensors but its weights', async () => {
    const low = tf.input({ shape: [2, 2, 4] });
    const skip = tf.input({ shape: [4, 4, 2] });
    expect(
      await expectNoLeaks(() =>
        tf.model({ inputs: [low, skip], outputs: upsamplingBlock(low, skip, 2) }).dispose(),
      ),
    ).toBe(0);
  });

  it('rejects a skip connection of the wrong size with a DlkitError naming upsamplingBlock', () => {
    const low = tf.input({ shape: [3, 4, 8] });
    expectDlkitError(
      () => upsamplingBlock(low, tf.input({ shape: [6, 7, 5] }), 4),
      "upsamplingBlock: contractiveInput must have shape [null, 6, 8, nC] (twice expansiveInput's [null, 3, 4, ...], which the stride-2 transposed convolution doubles), got [null, 6, 7, 5]",
    );
    expectDlkitError(
      () => upsamplingBlock(low, null as never),
      "upsamplingBlock: contractiveInput must be a tf.SymbolicTensor (the output of tf.input or of a layer's apply), got null",
    );
    expectDlkitError(
      () => upsamplingBlock(low, tf.input({ shape: [6, 8, 5] }), 4, { name: '' }),
      /^upsamplingBlock: options.name must be a non-empty string/,
    );
  });
});

describe('createMask', () => {
  it('takes the arg-max over classes of the first image, as the notebook (or of all)', () => {
    const scores = tf.tensor4d([
      [
        [
          [0.1, 0.8, 0.1],
          [0.6, 0.3, 0.1],
        ],
      ],
      [
        [
          [0.0, 0.1, 0.9],
          [0.2, 0.2, 0.6],
        ],
      ],
    ]);
    const first = createMask(scores);
    expect(first.shape).toEqual([1, 2, 1]);
    expect(first.dtype).toBe('int32');
    expect(Array.from(first.dataSync())).toEqual([1, 0]);
    const all = createMask(scores, { all: true });
    expect(all.shape).toEqual([2, 1, 2, 1]);
    expect(Array.from(all.dataSync())).toEqual([1, 0, 2, 2]);
    tf.dispose([scores, first, all]);
  });

  it('returns one tensor and leaks nothing', async () => {
    const scores = tf.randomNormal([2, 3, 3, 4], 0, 1, 'float32', 1) as tf.Tensor4D;
    expect(await expectNoLeaks(() => createMask(scores))).toBe(1);
    expect(await expectNoLeaks(() => createMask(scores, { all: true }))).toBe(1);
    scores.dispose();
  });

  it('rejects bad input with a DlkitError naming createMask', () => {
    const s = tf.zeros([3, 3, 4]);
    expectDlkitError(
      () => createMask(s as never),
      'createMask: predMask must have rank 4, got shape [3, 3, 4]',
    );
    const e = tf.zeros([0, 3, 3, 4]);
    expectDlkitError(
      () => createMask(e as never),
      'createMask: predMask must have at least one image and one class, got [0, 3, 3, 4]',
    );
    const nan = tf.tensor4d([0.5, Number.NaN], [1, 1, 1, 2]);
    expectDlkitError(
      () => createMask(nan),
      'createMask: predMask must be finite, got NaN at flat index 1 of shape [1, 1, 1, 2]',
    );
    tf.dispose([s, e, nan]);
  });
});

describe('predictMasks', () => {
  it("segments images of the model's size into int32 masks [m, nH, nW, 1]", () => {
    const model = unetModel([16, 16, 3], 2, 4, { seed: 2 });
    const x = tf.randomUniform([3, 16, 16, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
    const masks = predictMasks(model, x, { batchSize: 2 });
    expect(masks.shape).toEqual([3, 16, 16, 1]);
    const logits = model.predict(x) as tf.Tensor;
    const expected = tf.argMax(logits, -1);
    expect(Array.from(masks.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([x, masks, logits, expected]);
    model.dispose();
  });

  it('returns one tensor and leaks nothing', async () => {
    const model = unetModel([16, 16, 1], 1, 2);
    const x = tf.zeros([1, 16, 16, 1]);
    expect(await expectNoLeaks(() => predictMasks(model, x as tf.Tensor4D))).toBe(1);
    x.dispose();
    model.dispose();
  });

  it('rejects an image of the wrong size for the model with a DlkitError naming predictMasks', () => {
    const model = unetModel([16, 32, 3], 1, 2);
    const wrong = tf.zeros([2, 32, 16, 3]);
    expectDlkitError(
      () => predictMasks(model, wrong as tf.Tensor4D),
      'predictMasks: images must have shape [m, 16, 32, 3], got [2, 32, 16, 3]',
    );
    const grey = tf.zeros([2, 16, 32, 1]);
    expectDlkitError(
      () => predictMasks(model, grey as tf.Tensor4D),
      'predictMasks: images must have shape [m, 16, 32, 3], got [2, 16, 32, 1]',
    );
    expectDlkitError(
      () => predictMasks({} as never, grey as tf.Tensor4D),
      'predictMasks: model must be a tf.LayersModel (e.g. from unetModel), got an object (Object)',
    );
    tf.dispose([wrong, grey]);
    model.dispose();
  });
});
