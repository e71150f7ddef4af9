import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSystem } from '@dlkit/backend';
import { expectDlkitError, expectNoLeaks, expectTensorsClose } from '@dlkit/test-harness';
import { BatchNormalization, invertedResidualBlock, mobileNetV2, modelSummary } from '../index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('mobileNetV2', () => {
  it("has Keras's 3,538,984 parameters at 224×224×3, α = 1, with the 1000-class top, and the summary shows them", () => {
    const model = mobileNetV2();
    const summary = modelSummary(model);
    expect(model.countParams()).toBe(3_538_984);
    // Keras: Trainable params 3,504,872, Non-trainable 34,112 (the batch-norm moving statistics).
    expect(summary.trainableParams).toBe(3_504_872);
    expect(summary.nonTrainableParams).toBe(34_112);
    expect(summary.text).toContain('Total params: 3538984');
    expect(model.name).toBe('mobilenetv2_1.00_224');
    expect(model.outputs[0]!.shape).toEqual([null, 1000]);
    model.dispose();
  });

  it('names its layers as Keras does, so Keras weights map by name', () => {
    const model = mobileNetV2({ inputShape: [64, 64, 3], includeTop: false });
    const names = model.layers.map((l) => l.name);
    expect(names.slice(0, 9)).toEqual([
      'input_1',
      'Conv1_pad',
      'Conv1',
      'bn_Conv1',
      'Conv1_relu',
      'expanded_conv_depthwise',
      'expanded_conv_depthwise_BN',
      'expanded_conv_depthwise_relu',
      'expanded_conv_project',
    ]);
    for (const n of [
      'block_1_expand',
      'block_1_pad',
      'block_2_add',
      'block_13_pad',
      'block_16_project_BN',
      'Conv_1',
      'Conv_1_bn',
    ])
      expect(names).toContain(n);
    expect(names.at(-1)).toBe('out_relu');
    expect(names.filter((n) => n.endsWith('_add'))).toHaveLength(10);
    expect(model.countParams()).toBe(2_257_984); // Keras's include_top=False count
    model.dispose();
  });

  it("follows the width multiplier: α = 0.35 at 96×96 has Keras's 410,208 parameters without top", () => {
    const model = mobileNetV2({ inputShape: [96, 96, 3], alpha: 0.35, includeTop: false, seed: 1 });
    expect(model.countParams()).toBe(410_208);
    expect(model.getLayer('Conv1').outputShape).toEqual([null, 48, 48, 16]); // makeDivisible(32 · 0.35) = 16
    expect(model.outputs[0]!.shape).toEqual([null, 3, 3, 1280]);
    model.dispose();
  });

  it('is seeded: the same seed builds the same weights, another seed others', () => {
    const build = (seed: number): tf.LayersModel =>
      mobileNetV2({ inputShape: [32, 32, 3], alpha: 0.35, classes: 3, seed });
    const [a, b, c] = [build(4), build(4), build(5)];
    const kernel = (m: tf.LayersModel): Float32Array =>
      m.getLayer('block_3_expand').getWeights()[0]!.dataSync() as Float32Array;
    expect(kernel(a)).toEqual(kernel(b));
    expect(kernel(a)).not.toEqual(kernel(c));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('leaks nothing: building and disposing frees every weight', async () => {
    expect(
      await expectNoLeaks(() =>
        mobileNetV2({ inputShape: [32, 32, 3], alpha: 0.35, seed: 1 }).dispose(),
      ),
    ).toBe(0);
  });

  it('saves and loads through @dlkit/backend with equal predictions', async () => {
    const model = mobileNetV2({ inputShape: [32, 32, 3], alpha: 0.35, classes: 4, seed: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-mobilenet-'));
    dirs.push(dir);
    await model.save(fileSystem(dir));
    const loaded = await tf.loadLayersModel(fileSystem(dir));
    expect(loaded.layers.map((l) => l.getClassName())).toContain('DlkitBatchNormalization');
    const x = tf.randomUniform([2, 32, 32, 3], -1, 1, 'float32', 3);
    const [p, q] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expectTensorsClose(q, p, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([x, p, q]);
    model.dispose();
    loaded.dispose();
  });

  it('rejects bad options, naming the option', () => {
    expectDlkitError(
      () => mobileNetV2({ inputShape: [16, 16, 3] }),
      /^mobileNetV2: options.inputShape must be \[nH, nW, nC\] with 32 <= nH, nW <= 2048/,
    );
    expectDlkitError(
      () => mobileNetV2({ alpha: 0 }),
      'mobileNetV2: options.alpha must be a finite number > 0 and <= 4, got 0',
    );
    expectDlkitError(
      () => mobileNetV2({ classes: 1.5 }),
      'mobileNetV2: options.classes must be an integer >= 1 and <= 100000, got 1.5',
    );
    expectDlkitError(
      () => mobileNetV2({ includeTop: 'no' as never }),
      'mobileNetV2: options.includeTop must be a boolean, got string no',
    );
    expectDlkitError(
      () => mobileNetV2({ top: true } as never),
      /^mobileNetV2: options has an unknown field top/,
    );
  });
});

describe('invertedResidualBlock', () => {
  it('expands, filters depthwise and projects, with the residual add at stride 1 and equal channels', () => {
    const input = tf.input({ shape: [8, 8, 24] });
    const y = invertedResidualBlock(input, {
      expansion: 6,
      filters: 24,
      stride: 1,
      blockId: 2,
      seed: 1,
    });
    const model = tf.model({ inputs: input, outputs: y });
    expect(y.shape).toEqual([null, 8, 8, 24]);
    expect(model.layers.at(-1)!.name).toBe('block_2_add');
    // The paper's count: expand 1·1·24·144, depthwise 3·3·144, project 1·1·144·24, 4 per BN channel.
    expect(model.countParams()).toBe(24 * 144 + 4 * 144 + 9 * 144 + 4 * 144 + 144 * 24 + 4 * 24);
    model.dispose();
  });

  it('pads and halves the size at stride 2, without the add; block 0 has no expansion', () => {
    const input = tf.input({ shape: [9, 10, 16] });
    const y = invertedResidualBlock(input, {
      expansion: 6,
      filters: 32,
      stride: 2,
      alpha: 0.5,
      blockId: 3,
    });
    const m1 = tf.model({ inputs: input, outputs: y });
    expect(y.shape).toEqual([null, 5, 5, 16]); // makeDivisible(32 · 0.5) = 16
    expect(m1.getLayer('block_3_pad').getConfig()['padding']).toEqual([
      [1, 1],
      [0, 1],
    ]); // odd height: one row before too
    expect(m1.layers.map((l) => l.name)).not.toContain('block_3_add');
    const z = invertedResidualBlock(input, { expansion: 1, filters: 16, stride: 1, blockId: 0 });
    const m0 = tf.model({ inputs: input, outputs: z });
    expect(m0.layers.map((l) => l.name)).toEqual([
      m0.layers[0]!.name,
      'expanded_conv_depthwise',
      'expanded_conv_depthwise_BN',
      'expanded_conv_depthwise_relu',
      'expanded_conv_project',
      'expanded_conv_project_BN',
      'expanded_conv_add',
    ]);
    m1.dispose();
    m0.dispose();
  });

  it('rejects a concrete tensor, unknown dimensions and bad options', () => {
    const t = tf.zeros([1, 4, 4, 3]);
    expectDlkitError(
      () => invertedResidualBlock(t as never, { expansion: 6, filters: 8, stride: 1, blockId: 1 }),
      /^invertedResidualBlock: x must be a symbolic tensor of shape \[m, nH, nW, nC\]/,
    );
    t.dispose();
    const input = tf.input({ shape: [8, 8, 4] });
    expectDlkitError(
      () =>
        invertedResidualBlock(input, { expansion: 6, filters: 8, stride: 3 as never, blockId: 1 }),
      'invertedResidualBlock: options.stride must be one of 1, 2, got number 3',
    );
    expectDlkitError(
      () => invertedResidualBlock(input, undefined as never),
      'invertedResidualBlock: options must be given ({ expansion, filters, stride, blockId })',
    );
    expectDlkitError(
      () => invertedResidualBlock(input, { expansion: 6, filters: 8, stride: 1, blockId: -1 }),
      'invertedResidualBlock: options.blockId must be an integer >= 0 and <= 1000, got -1',
    );
  });
});

describe('BatchNormalization', () => {
  const data = (): tf.Tensor => tf.tensor4d([1, 2, 3, 6], [4, 1, 1, 1]);

  it('trainable: normalizes with the batch statistics while training and updates the moving ones', () => {
    const bn = new BatchNormalization({ momentum: 0.5, epsilon: 0 });
    const x = data();
    tf.dispose(bn.apply(x) as tf.Tensor);
    const y = bn.apply(x, { training: true }) as tf.Tensor;
    // mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5
    expectTensorsClose(
      y,
      tf.tensor4d(
        [-2, -1, 0, 3].map((v) => v / Math.sqrt(3.5)),
        [4, 1, 1, 1],
      ),
      { atol: 1e-5 },
    );
    const [, , movingMean] = bn.getWeights();
    expect(movingMean!.dataSync()[0]).toBeCloseTo(1.5, 5); // 0 · 0.5 + 3 · 0.5
    tf.dispose([x, y]);
    bn.dispose();
  });

  it('frozen: uses and keeps the moving statistics even while training (Keras 2, unlike tfjs)', async () => {
    const bn = new BatchNormalization({ momentum: 0.5, epsilon: 0 });
    const x = data();
    tf.dispose(bn.apply(x) as tf.Tensor);
    bn.trainable = false;
    const y = bn.apply(x, { training: true }) as tf.Tensor;
    expectTensorsClose(y, x, { rtol: 0, atol: 0 }); // moving mean 0, variance 1, gamma 1, beta 0
    expect(bn.getWeights()[2]!.dataSync()[0]).toBe(0);
    expect(await expectNoLeaks(() => bn.apply(x, { training: true }) as tf.Tensor)).toBe(1);
    tf.dispose([x, y]);
    bn.dispose();
  });

  it('rejects non-tensors and unbuilt calls', () => {
    const bn = new BatchNormalization();
    expectDlkitError(() => bn.call('x' as never), /^BatchNormalization.call: inputs must be a/);
    const x = data();
    expectDlkitError(
      () => bn.call(x),
      'BatchNormalization.call: call needs built weights: use apply',
    );
    x.dispose();
  });
});
