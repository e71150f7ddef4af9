// The alpaca model trains on @dlkit/backend's fast backend (wasm with dlkit's kernels): the
// augmentation's tf.image.transform and the depthwise convolutions have wasm kernels. The project
// runs on cpu; this file switches.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '@dlkit/backend';
import { alpacaModel, dataAugmenter, mobileNetV2 } from '../index.js';

describe('alpacaModel on the fast backend', () => {
  let previous = 'cpu';
  beforeAll(async () => {
    previous = tf.getBackend();
    await setupBackend();
  });
  afterAll(async () => {
    await tf.setBackend(previous);
  });

  it('fits a from-scratch MobileNetV2 with augmentation for a few steps: the loss falls', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const base = mobileNetV2({ inputShape: [32, 32, 3], alpha: 0.35, includeTop: false, seed: 1 });
    const model = alpacaModel([32, 32], dataAugmenter({ inputShape: [32, 32, 3], seed: 1 }), {
      base,
      freezeBase: false,
      activation: 'sigmoid',
      seed: 1,
    });
    model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
    const xs = tf.tidy(() =>
      tf.concat([tf.fill([4, 32, 32, 3], 20), tf.fill([4, 32, 32, 3], 230)]),
    );
    const ys = tf.tensor2d([0, 0, 0, 0, 1, 1, 1, 1], [8, 1]);
    const history = await model.fit(xs, ys, {
      epochs: 8,
      batchSize: 8,
      verbose: 0,
      shuffle: false,
    });
    const losses = history.history['loss'] as number[];
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    tf.dispose([xs, ys]);
    model.dispose();
  });
});
