import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import {
  expectNoLeaks,
  expectTensorsClose,
  fc,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { CONV_DEFAULTS, ConvModel, type ConvImage } from './conv-model.js';
import { FILTERS, convOutputSize } from './filters.js';

// demos_conv.py: PyTorch's conv2d of a padded, strided image with Sobel x, and Adam's losses.
const fx = loadFixture<{
  image: FixtureTensor;
  pad: number;
  stride: number;
  target_output: FixtureTensor;
  losses: number[];
  learned: FixtureTensor;
}>('demos_conv');

const fixtureImage: ConvImage = {
  height: fx.image.shape[0] as number,
  width: fx.image.shape[1] as number,
  pixels: Float32Array.from(fx.image.data as number[]),
};

function stripes(height: number, width: number): ConvImage {
  const pixels = new Float32Array(height * width);
  for (let i = 0; i < height * width; i++)
    pixels[i] = (i % width) % 4 < 2 ? 1 : 0.2 * ((i / width) % 3);
  return { height, width, pixels };
}

describe('ConvModel', () => {
  const settings = { ...CONV_DEFAULTS, filter: 'sobel-x' as const, pad: fx.pad, stride: fx.stride };

  it("convolves like PyTorch's conv2d after zero padding, at the given stride", () => {
    const model = new ConvModel(fixtureImage, settings);
    expect(model.outputShape).toEqual(fx.target_output.shape);
    expectTensorsClose(model.targetMap(), fx.target_output.data as number[], {
      rtol: 1e-5,
      atol: 1e-5,
    });
    model.dispose();
  });

  it("learns the filter with Adam step by step as PyTorch's Adam does", () => {
    const model = new ConvModel(fixtureImage, settings);
    const losses = fx.losses.map(() => model.trainStep());
    expectTensorsClose(losses, fx.losses, { rtol: 1e-3, atol: 1e-5 });
    expectTensorsClose(model.filters().learned, fx.learned.data as number[], {
      rtol: 1e-3,
      atol: 1e-4,
    });
    model.dispose();
  });

  it('recovers the target filter from its output (the loss falls towards 0)', () => {
    const rng = new RandomState(3);
    const image = { height: 12, width: 14, pixels: Float32Array.from(rng.randomSampleArray(168)) };
    const model = new ConvModel(image, { ...CONV_DEFAULTS, filter: 'sharpen' });
    const first = model.trainStep();
    let last = first;
    for (let i = 0; i < 600; i++) last = model.trainStep();
    expect(last).toBeLessThan(first / 100);
    expectTensorsClose(model.filters().learned, FILTERS.sharpen.weights, { atol: 0.1 });
    model.dispose();
  });

  it('has the output shape of the formula ⌊(n + 2p − f)/s⌋ + 1 for every stride and padding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (height, width, stride, pad) => {
          fc.pre(Math.min(height, width) + 2 * pad >= 3);
          const model = new ConvModel(stripes(height, width), { ...CONV_DEFAULTS, stride, pad });
          const shape = model.targetOutput.shape.slice(1, 3);
          model.dispose();
          expect(shape).toEqual([
            convOutputSize(height, 3, pad, stride),
            convOutputSize(width, 3, pad, stride),
          ]);
          expect(model.outputShape).toEqual(shape);
        },
      ),
      { seed: 12, numRuns: 40 },
    );
  });

  it('leaks nothing across steps and maps, and disposes everything', async () => {
    const before = tf.memory().numTensors;
    const model = new ConvModel(stripes(6, 6), CONV_DEFAULTS);
    model.trainStep(); // Adam's moments are made on its first step
    expect(
      await expectNoLeaks(() => {
        model.trainStep();
        model.learnedMap();
        model.targetMap();
        model.filters();
      }),
    ).toBe(0);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad settings and images with a DlkitError naming the argument', () => {
    const image = stripes(4, 4);
    expect(() => new ConvModel(image, { ...CONV_DEFAULTS, stride: 0 })).toThrow(
      'ConvModel: settings.stride must be an integer >= 1 and <= 4, got 0',
    );
    expect(
      () => new ConvModel(image, { ...CONV_DEFAULTS, filter: 'custom', custom: [1, 2] }),
    ).toThrow('ConvModel: settings.custom must be 9 finite numbers');
    expect(() => new ConvModel(stripes(2, 2), CONV_DEFAULTS)).toThrow(
      'ConvModel: the image (2 × 2) padded by 0 is smaller than the 3 × 3 filter',
    );
    expect(
      () => new ConvModel({ height: 2, width: 2, pixels: new Float32Array(3) }, CONV_DEFAULTS),
    ).toThrow('ConvModel: source.pixels must be a Float32Array of height × width = 4 values');
  });
});
