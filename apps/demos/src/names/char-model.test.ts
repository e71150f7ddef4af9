import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from '@dlkit/test-harness';
import { CHAR_DEFAULTS, CharModel } from './char-model.js';
import { loadDemoNames } from './demo-names.js';

const small = { ...CHAR_DEFAULTS, units: 16, batchSize: 16, sampleEvery: 10 };

describe('CharModel', () => {
  it('learns the names: the loss falls from about ln V', async () => {
    const names = await loadDemoNames();
    expect(names.length).toBeGreaterThan(4000);
    expect(names.every((n) => /^[a-z]+$/.test(n))).toBe(true);
    // tfjs cpu composes the LSTM from small ops (about 0.8 s a step here): 40 steps, no sampling.
    const model = new CharModel(names, { ...small, learningRate: 0.03, sampleEvery: 1000 });
    const V = model.vocabulary.size;
    expect(V).toBe(27); // '\n' and a-z
    const losses = Array.from({ length: 40 }, () => model.trainStep());
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    // An untrained softmax over V characters costs about ln V per character.
    expect(mean(losses.slice(0, 3))).toBeCloseTo(Math.log(V), 0);
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 3)) - 0.4);
    model.dispose();
  });

  it('samples names seeded by the step: the same weights and step give the same names', () => {
    const names = ['anna', 'bob', 'carla', 'dan', 'eve'];
    const a = new CharModel(names, small);
    const b = new CharModel(names, small);
    expect(a.sample()).toEqual(b.sample());
    expect(a.samples).toEqual(a.sample());
    expect(a.samples).toHaveLength(small.samples);
    for (const name of a.samples) expect(name).toMatch(/^[a-z]*$/);
    for (let i = 0; i < 10; i++) a.trainStep();
    expect(a.steps).toBe(10);
    expect(a.extra()['samples']).toBe(a.samples.join(', ')); // resampled at step 10
    a.dispose();
    b.dispose();
  });

  it('leaks nothing across steps and samples, and disposes everything', async () => {
    const before = tf.memory().numTensors;
    const model = new CharModel(['anna', 'bob', 'carla'], small);
    model.trainStep(); // Adam's moments are made on its first step
    expect(
      await expectNoLeaks(() => {
        model.trainStep();
        model.sample();
      }),
    ).toBe(0);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad names and settings with a DlkitError', () => {
    expect(() => new CharModel([], small)).toThrow(
      'CharModel: names must hold a name of 1 to 12 characters',
    );
    expect(() => new CharModel(['ab', 3 as unknown as string], small)).toThrow(
      'CharModel: names must be an array of strings',
    );
    expect(() => new CharModel(['ab'], { ...small, units: 0 })).toThrow(
      'CharModel: settings.units must be an integer >= 1 and <= 512, got 0',
    );
  });
});
