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
import { identityBlock } from './identity-block.js';
import { convolutionalBlock } from './convolutional-block.js';
import { resNet50 } from './resnet50.js';
import { resNet18, resNet34 } from './resnet18.js';

interface BlockCase {
  X: FixtureTensor;
  weights: Record<string, FixtureTensor[]>;
  Y: FixtureTensor;
}
const fx = loadFixture<{
  counts: Record<string, { trainable: number; keras_total: number }>;
  outputShapes: Record<string, number[]>;
  identityBlock: BlockCase;
  convolutionalBlock: BlockCase;
}>('cnn_models');

const tmp = mkdtempSync(join(tmpdir(), 'dlkit-cnn-resnet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Sets PyTorch's weights (conv kernel, bias, BN gamma, beta, mean, variance) by layer stem and predicts. */
function predictWith(model: tf.LayersModel, c: BlockCase): void {
  for (const [stem, ws] of Object.entries(c.weights)) {
    const [kernel, bias, ...bn] = ws.map(fixtureTensor);
    model.getLayer(`${stem}_conv`).setWeights([kernel!, bias!]);
    model.getLayer(`${stem}_bn`).setWeights(bn);
    tf.dispose([kernel!, bias!, ...bn]);
  }
  tf.tidy(() =>
    expectTensorsClose(model.predict(fixtureTensor(c.X)) as tf.Tensor, fixtureTensor(c.Y), {
      rtol: 1e-4,
      atol: 1e-4,
    }),
  );
}

describe('identityBlock', () => {
  it('equals the PyTorch block (eval mode) for the same weights', () => {
    const X = tf.input({ shape: [5, 5, 4], name: 'x' });
    const model = tf.model({ inputs: X, outputs: identityBlock(X, 3, [2, 3, 4], { name: 'b' }) });
    expect(model.layers.map((l) => l.name)).toEqual([
      'x',
      'b_1_conv',
      'b_1_bn',
      'b_1_relu',
      'b_2_conv',
      'b_2_bn',
      'b_2_relu',
      'b_3_conv',
      'b_3_bn',
      'b_add',
      'b_out',
    ]);
    predictWith(model, fx.identityBlock);
    model.dispose();
  });

  it("uses the notebook's random_uniform(-0.05, 0.05) initialiser by default, seeded", () => {
    const X = tf.input({ shape: [4, 4, 3] });
    const build = (seed: number): tf.LayersModel =>
      tf.model({ inputs: X, outputs: identityBlock(X, 2, [2, 2, 3], { seed, name: `s${seed}` }) });
    const [a, b] = [build(0), build(0)];
    const k = (m: tf.LayersModel, n: string): Float32Array =>
      m.getLayer(n).getWeights()[0]!.dataSync() as Float32Array;
    expect(k(a, 's0_2_conv')).toEqual(k(b, 's0_2_conv'));
    expect(k(a, 's0_1_conv')).not.toEqual(k(a, 's0_3_conv').slice(0, 6));
    for (const v of k(a, 's0_2_conv')) expect(Math.abs(v)).toBeLessThanOrEqual(0.05);
    a.dispose();
    b.dispose();
  });

  it('makes no tensors but its weights', async () => {
    const X = tf.input({ shape: [4, 4, 3] });
    expect(
      await expectNoLeaks(() =>
        tf.model({ inputs: X, outputs: identityBlock(X, 3, [2, 2, 3]) }).dispose(),
      ),
    ).toBe(0);
  });

  it('rejects bad arguments with a DlkitError naming identityBlock', () => {
    const X = tf.input({ shape: [4, 4, 3] });
    const x = tf.zeros([1, 4, 4, 3]);
    expectDlkitError(
      () => identityBlock(x as never, 3, [2, 2, 3]),
      /^identityBlock: X must be a tf.SymbolicTensor \(the output of tf.input or of a layer's apply\), got /,
    );
    expectDlkitError(
      () => identityBlock(X, 3, [2, 2, 4]),
      "identityBlock: filters[2] must equal X's channels nC = 3 (the skip connection adds X), got 4",
    );
    expectDlkitError(
      () => identityBlock(X, 0, [2, 2, 3]),
      'identityBlock: f must be an integer >= 1 and <= 64, got 0',
    );
    expectDlkitError(
      () => identityBlock(X, 3, [2, 2] as never),
      'identityBlock: filters must be an array of 3 filter counts, got [2,2]',
    );
    expectDlkitError(
      () => identityBlock(X, 3, [2, 2, 3], { initializer: 'zeros' as never }),
      "identityBlock: options.initializer must be one of 'glorotUniform', 'randomUniform', 'heNormal', got zeros",
    );
    expectDlkitError(
      () => identityBlock(tf.input({ shape: [3] }), 3, [2, 2, 3]),
      'identityBlock: X must have shape [null, nH, nW, nC] with known nH, nW, nC, got [null, 3]',
    );
    x.dispose();
  });
});

describe('convolutionalBlock', () => {
  it('equals the PyTorch block (eval mode, stride 2) for the same weights', () => {
    const X = tf.input({ shape: [5, 5, 3], name: 'x' });
    const A = convolutionalBlock(X, 3, [2, 3, 5], 2, { name: 'b' });
    expect(A.shape).toEqual([null, 3, 3, 5]);
    const model = tf.model({ inputs: X, outputs: A });
    predictWith(model, fx.convolutionalBlock);
    expect(modelSummary(model).layers.find((l) => l.name === 'b_add')!.connectedTo).toEqual([
      'b_3_bn[0][0]',
      'b_0_bn[0][0]',
    ]);
    model.dispose();
  });

  it('rejects a bad stride with a DlkitError naming convolutionalBlock', () => {
    const X = tf.input({ shape: [4, 4, 3] });
    expectDlkitError(
      () => convolutionalBlock(X, 3, [2, 2, 3], 0),
      'convolutionalBlock: s must be an integer >= 1 and <= 4, got 0',
    );
    expectDlkitError(
      () => convolutionalBlock(X, 3, [2, 2, 3], 2, { name: '' }),
      /^convolutionalBlock: options.name must be a non-empty string, got string/,
    );
  });
});

describe('resNet50', () => {
  it("has the course model's structure, shapes and 23,600,006 parameters (23,587,712 without the head)", async () => {
    let model: tf.LayersModel | undefined;
    expect(
      await expectNoLeaks(() => {
        model = resNet50([64, 64, 3], 6);
        const s = modelSummary(model);
        expect(s.totalParams).toBe(23600006);
        expect(s.totalParams).toBe(fx.counts.resNet50!.keras_total);
        expect(s.trainableParams).toBe(fx.counts.resNet50!.trainable);
        expect(s.totalParams - model.getLayer('fc').countParams()).toBe(23587712);
        expect(fx.counts.resNet50Headless!.keras_total).toBe(23587712);
        expect(s.text).toContain('Total params: 23600006');
        const byClass = (c: string): number => s.layers.filter((l) => l.className === c).length;
        // 16 blocks: 3 convolutions each, plus 4 shortcuts and the stem.
        expect([byClass('Conv2D'), byClass('BatchNormalization'), byClass('Add')]).toEqual([
          53, 53, 16,
        ]);
        const shape = (n: string): unknown => s.layers.find((l) => l.name === n)!.outputShape;
        expect(shape('pool1_pool')).toEqual([null, 15, 15, 64]);
        expect(shape('conv2_block3_out')).toEqual([null, 15, 15, 256]);
        expect(shape('conv3_block4_out')).toEqual([null, 8, 8, 512]);
        expect(shape('conv4_block6_out')).toEqual([null, 4, 4, 1024]);
        expect(shape('conv5_block3_out')).toEqual([null, 2, 2, 2048]);
        expect(shape('flatten')).toEqual([null, fx.outputShapes.resNet50Features![1]]);
        expect(shape('fc')).toEqual([null, 6]);
        model.dispose();
      }),
    ).toBe(0);
  });

  it('rejects images too small for its 2×2 average pool, and bad classes', () => {
    expectDlkitError(
      () => resNet50([36, 36, 3], 6),
      'resNet50: inputShape[0] must be an integer >= 37 and <= 4096, got 36',
    );
    expectDlkitError(
      () => resNet50([64, 64, 3], 1),
      'resNet50: classes must be an integer >= 2 and <= 100000, got 1',
    );
  });
});

describe('resNet18 and resNet34', () => {
  it("have the PyTorch twins' parameter counts for both stems", () => {
    const cases = [
      [resNet18, [32, 32, 3], 10, 'small', 'resNet18Small10'],
      [resNet34, [32, 32, 3], 10, 'small', 'resNet34Small10'],
      [resNet18, [64, 64, 3], 1000, 'imagenet', 'resNet18ImageNet'],
      [resNet34, [64, 64, 3], 1000, 'imagenet', 'resNet34ImageNet'],
      [resNet18, [32, 32, 3], 6, 'small', 'resNet18Small6Width16', 16],
    ] as const;
    for (const [build, shape, classes, stem, key, width] of cases) {
      const model = build([...shape], classes, { stem, width });
      const s = modelSummary(model);
      expect([s.trainableParams, s.totalParams], key).toEqual([
        fx.counts[key]!.trainable,
        fx.counts[key]!.keras_total,
      ]);
      model.dispose();
    }
  });

  it('keeps a small image at full size through stage 1 and halves it in stages 2–4', () => {
    const model = resNet18([16, 16, 3], 4);
    const shape = (n: string): unknown => model.getLayer(n).outputShape;
    expect(shape('conv1_relu')).toEqual([null, 16, 16, 64]);
    expect(shape('conv2_block2_out')).toEqual([null, 16, 16, 64]);
    expect(shape('conv3_block1_0_bn')).toEqual([null, 8, 8, 128]);
    expect(shape('conv5_block2_out')).toEqual([null, 2, 2, 512]);
    expect(shape('fc')).toEqual([null, 4]);
    model.dispose();
  });

  it('saves through @dlkit/backend fileSystem and loads with equal predictions, leaking nothing', async () => {
    const model = resNet18([8, 8, 3], 3, { seed: 7 });
    const dir = join(tmp, 'resnet18');
    await model.save(fileSystem(dir));
    const loaded = await tf.loadLayersModel(fileSystem(dir));
    const x = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 8);
    const [p, q] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expectTensorsClose(q, p, { rtol: 0, atol: 0 });
    tf.dispose([x, p, q]);
    model.dispose();
    loaded.dispose();
    expect(await expectNoLeaks(() => resNet34([8, 8, 1], 2).dispose())).toBe(0);
  });

  it('reject bad arguments with a DlkitError naming the builder', () => {
    expectDlkitError(
      () => resNet18([32, 32, 3], 10, { stem: 'tiny' as never }),
      "resNet18: options.stem must be one of 'small', 'imagenet', got tiny",
    );
    expectDlkitError(
      () => resNet18([32, 32, 3], 10, { width: 0 }),
      'resNet18: options.width must be an integer >= 1 and <= 512, got 0',
    );
    expectDlkitError(
      () => resNet34([4, 32, 3], 10),
      'resNet34: inputShape[0] must be an integer >= 8 and <= 4096, got 4',
    );
    expectDlkitError(
      () => resNet18([32, 32, 3], Number.NaN),
      'resNet18: classes must be an integer >= 2 and <= 100000, got NaN',
    );
  });
});
