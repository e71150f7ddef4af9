import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { expectNoLeaks } from '@dlkit/test-harness';
import { modelSummary } from './model-summary.js';

function sequential(): tf.Sequential {
  return tf.sequential({
    name: 'happy',
    layers: [
      tf.layers.zeroPadding2d({ inputShape: [8, 8, 3], padding: 1, name: 'pad' }),
      tf.layers.conv2d({ filters: 4, kernelSize: 3, name: 'conv' }),
      tf.layers.batchNormalization({ axis: 3, name: 'bn' }),
      tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'out' }),
    ],
  });
}

/** A functional model with a branch: two convolutions of one input, added, then a head. */
function branched(): tf.LayersModel {
  const input = tf.input({ shape: [6, 6, 2], name: 'img' });
  const left = tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', name: 'left' });
  const right = tf.layers.conv2d({ filters: 3, kernelSize: 1, name: 'right' });
  const sum = tf.layers
    .add({ name: 'sum' })
    .apply([
      left.apply(input) as tf.SymbolicTensor,
      right.apply(input) as tf.SymbolicTensor,
    ]) as tf.SymbolicTensor;
  const flat = tf.layers.flatten({ name: 'flat' }).apply(sum);
  const out = tf.layers.dense({ units: 2, name: 'head' }).apply(flat) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'branch' });
}

describe('modelSummary', () => {
  it("lists a Sequential model's layers with Keras's shapes and counts", () => {
    const model = sequential();
    const s = modelSummary(model);
    expect(s.layers.map((l) => [l.name, l.className, l.outputShape])).toEqual([
      ['pad', 'ZeroPadding2D', [null, 10, 10, 3]],
      ['conv', 'Conv2D', [null, 8, 8, 4]],
      ['bn', 'BatchNormalization', [null, 8, 8, 4]],
      ['pool', 'MaxPooling2D', [null, 4, 4, 4]],
      ['flat', 'Flatten', [null, 64]],
      ['out', 'Dense', [null, 1]],
    ]);
    // conv: 3*3*3*4 + 4; bn: gamma, beta, moving mean, moving variance (4 each); dense: 64 + 1.
    expect(s.layers.map((l) => l.params)).toEqual([0, 112, 16, 0, 0, 65]);
    expect(s.totalParams).toBe(model.countParams());
    expect(s.totalParams).toBe(193);
    expect(s.nonTrainableParams).toBe(8); // batch norm's moving mean and variance
    expect(s.trainableParams).toBe(185);
    expect(s.text).toContain('Model: "happy"');
    expect(s.text).toMatch(/conv \(Conv2D\)\s+\(None, 8, 8, 4\)\s+112/);
    expect(s.text).toContain('Non-trainable params: 8');
    model.dispose();
  });

  it('counts a frozen layer as non-trainable', () => {
    const model = sequential();
    model.getLayer('conv').trainable = false;
    const s = modelSummary(model);
    expect(s.nonTrainableParams).toBe(8 + 112);
    expect(s.trainableParams + s.nonTrainableParams).toBe(model.countParams());
    model.dispose();
  });

  it("names each layer's inputs in a functional model with a branch", () => {
    const model = branched();
    const s = modelSummary(model);
    const byName = Object.fromEntries(s.layers.map((l) => [l.name, l]));
    expect(byName.img?.connectedTo).toEqual([]);
    expect(byName.left?.connectedTo).toEqual(['img[0][0]']);
    expect(byName.right?.connectedTo).toEqual(['img[0][0]']);
    expect(byName.sum?.connectedTo).toEqual(['left[0][0]', 'right[0][0]']);
    expect(byName.head?.outputShape).toEqual([null, 2]);
    expect(s.totalParams).toBe(model.countParams());
    expect(s.totalParams).toBe(2 * 9 * 3 + 3 + 2 * 3 + 3 + 108 * 2 + 2);
    expect(s.nonTrainableParams).toBe(0);
    expect(s.text).toMatch(/sum \(Add\)\s+\(None, 6, 6, 3\)\s+0\s+left\[0\]\[0\], right\[0\]\[0\]/);
    model.dispose();
  });

  it('makes no tensor and rejects what is not a model', async () => {
    const model = sequential();
    expect(await expectNoLeaks(() => modelSummary(model).totalParams)).toBe(0);
    model.dispose();
    for (const bad of [undefined, null, {}, 'model', tf.layers.dense({ units: 1 })]) {
      expect(() => modelSummary(bad as never)).toThrow(DlkitError);
      expect(() => modelSummary(bad as never)).toThrow(
        /^modelSummary: model must be a tf.LayersModel/,
      );
    }
  });
});
