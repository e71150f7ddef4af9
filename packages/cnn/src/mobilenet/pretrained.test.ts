import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, expectTensorsClose } from '@dlkit/test-harness';
import { loadPretrainedMobileNetV2 } from '../index.js';

interface KerasTopology {
  model_config: {
    config: {
      layers: { name: string; config: { batch_input_shape?: (number | null)[] } }[];
      output_layers: unknown[];
    };
  };
}

/**
 * nsfwjs's own Keras model, loaded the way nsfwjs loads it (tfjs reads its Keras graph), cut at
 * `out_relu`: the oracle. With `size`, the graph is rewritten to take `size`² images and end at
 * `out_relu` (its 7×7 pooling head only fits 224²), so the comparison runs on small images.
 */
async function nsfwjsBackbone(size = 224): Promise<{ full: tf.LayersModel; base: tf.LayersModel }> {
  const { MobileNetV2Model } = (await import('nsfwjs/models/mobilenet_v2')) as unknown as {
    MobileNetV2Model: {
      modelJson: () => Promise<{
        default: {
          modelTopology: object;
          weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
        };
      }>;
      weightBundles: (() => Promise<{ default: string }>)[];
    };
  };
  const json = (await MobileNetV2Model.modelJson()).default;
  const bytes = Buffer.from((await MobileNetV2Model.weightBundles[0]!()).default, 'base64');
  const topology = structuredClone(json.modelTopology) as KerasTopology;
  if (size !== 224) {
    const layers = topology.model_config.config.layers;
    layers[0]!.config.batch_input_shape = [null, size, size, 3];
    layers.splice(layers.findIndex((l) => l.name === 'out_relu') + 1);
    topology.model_config.config.output_layers = [['out_relu', 0, 0]];
  }
  const full = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: topology,
      weightSpecs: json.weightsManifest[0]!.weights,
      weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    }),
    { strict: size === 224 },
  );
  return {
    full,
    base: tf.model({ inputs: full.inputs, outputs: full.getLayer('out_relu').output }),
  };
}

describe('loadPretrainedMobileNetV2', () => {
  it("nsfwjs 4.4.0 ships Keras's MobileNetV2 (α = 1, 224²) with a 5-class head: its layers to out_relu are the backbone's", async () => {
    const { full, base } = await nsfwjsBackbone();
    expect(base.countParams()).toBe(2_257_984);
    expect(full.outputs[0]!.shape).toEqual([null, 5]);
    expect(full.layers.map((l) => l.name)).toContain('block_16_project_BN');
    full.dispose();
  });

  it("copies nsfwjs's weights onto dlkit's MobileNetV2 by name: the same features as nsfwjs's own graph", async () => {
    const { full, base } = await nsfwjsBackbone(64);
    const ours = await loadPretrainedMobileNetV2({ inputShape: [64, 64, 3] });
    expect(ours.countParams()).toBe(2_257_984);
    const x = tf.randomUniform([1, 64, 64, 3], -1, 1, 'float32', 1);
    const [expected, actual] = [base.predict(x) as tf.Tensor, ours.predict(x) as tf.Tensor];
    expect(actual.shape).toEqual([1, 2, 2, 1280]);
    expectTensorsClose(actual, expected, { rtol: 1e-4, atol: 1e-4 });
    // the features are not trivial: ReLU6 outputs spread over [0, 6]
    expect(tf.max(actual).dataSync()[0]).toBeGreaterThan(1);
    tf.dispose([x, expected, actual]);
    full.dispose();
    ours.dispose();
  });

  it('rebuilds the backbone at 160×160 (the alpaca model) and leaks nothing', async () => {
    let shape: tf.Shape | undefined;
    const made = await expectNoLeaks(async () => {
      const base = await loadPretrainedMobileNetV2({ inputShape: [160, 160, 3] });
      shape = base.outputs[0]!.shape;
      expect(
        base
          .getLayer('Conv1')
          .getWeights()[0]!
          .dataSync()
          .some((v) => v !== 0),
      ).toBe(true);
      base.dispose();
    });
    expect(made).toBe(0);
    expect(shape).toEqual([null, 5, 5, 1280]);
  });

  it('rejects bad options before loading anything', async () => {
    await expect(loadPretrainedMobileNetV2({ inputShape: [160, 160, 1] })).rejects.toThrow(
      'loadPretrainedMobileNetV2: options.inputShape must have 3 channels (RGB), got 1',
    );
    await expect(loadPretrainedMobileNetV2({ inputShape: [8, 8, 3] })).rejects.toThrow(
      /^loadPretrainedMobileNetV2: options.inputShape must be \[nH, nW, nC\]/,
    );
    await expect(loadPretrainedMobileNetV2({ size: 1 } as never)).rejects.toThrow(
      /^loadPretrainedMobileNetV2: options has an unknown field size/,
    );
  });
});
