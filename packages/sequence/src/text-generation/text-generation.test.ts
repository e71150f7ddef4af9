import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectDlkitError, expectNoLeaks } from '@dlkit/test-harness';
import { buildCharModel, generateText, trainCharModel } from '../index.js';

const TEXT = 'the quick brown fox jumps over the lazy dog. '.repeat(6);
const VOCAB = [...new Set(TEXT)].sort();

describe('buildCharModel', () => {
  it('maps [m, Tx] indices to [m, Tx, V] probabilities that sum to 1', () => {
    const model = buildCharModel({ vocabSize: VOCAB.length, units: 8, embeddingDim: 4, seed: 3 });
    tf.tidy(() => {
      const y = model.predict(
        tf.tensor2d([
          [0, 1, 2],
          [3, 4, 5],
        ]),
      ) as tf.Tensor;
      expect(y.shape).toEqual([2, 3, VOCAB.length]);
      const sums = Array.from(y.sum(-1).dataSync());
      for (const s of sums) expect(s).toBeCloseTo(1, 5);
    });
    model.dispose();
  });

  it('is seeded: the same seed gives the same weights, another seed others', () => {
    const weights = (seed: number): number[] => {
      const model = buildCharModel({ vocabSize: 5, units: 3, embeddingDim: 2, seed });
      const values = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(1)).toEqual(weights(1));
    expect(weights(1)).not.toEqual(weights(2));
  });

  it('rejects a missing or bad vocabSize', () => {
    expectDlkitError(
      () => buildCharModel(undefined as never),
      'buildCharModel: options.vocabSize must be an integer >= 2 and <= 65536, got undefined',
    );
    expectDlkitError(
      () => buildCharModel({ vocabSize: 10, units: 0 }),
      'buildCharModel: options.units must be an integer >= 1 and <= 67108864, got 0',
    );
  });
});

describe('trainCharModel and generateText', () => {
  it('learns a repeated sentence well enough to continue it', async () => {
    const model = buildCharModel({
      vocabSize: VOCAB.length,
      units: 32,
      embeddingDim: 8,
      learningRate: 0.02,
      seed: 1,
    });
    const events: number[] = [];
    const { vocabulary, losses } = await trainCharModel(model, TEXT, {
      sequenceLength: 16,
      epochs: 20,
      batchSize: 8,
      seed: 2,
      onProgress: (e) => events.push(e.epoch),
    });
    expect(vocabulary).toEqual(VOCAB);
    expect(losses).toHaveLength(20);
    // Uniform guessing costs ln(V) ≈ 3.3 nats a character; the sentence is learnable.
    expect(losses[0]!).toBeGreaterThan(2.5);
    expect(losses.at(-1)!).toBeLessThan(1);
    expect(events.filter((e) => e === 1).length).toBeGreaterThanOrEqual(2);
    const text = generateText(model, vocabulary, 'the quick brown ', {
      length: 12,
      temperature: 0.2,
      seed: 0,
      contextLength: 16,
    });
    // What a model that learned the sentence writes next.
    expect(TEXT.repeat(2)).toContain(`the quick brown ${text}`);
    model.dispose();
  });

  it('draws the same text from the same seed, and any text at a high temperature', () => {
    const model = buildCharModel({ vocabSize: VOCAB.length, units: 4, embeddingDim: 2 });
    const a = generateText(model, VOCAB, 'the', { length: 30, seed: 5, temperature: 2 });
    const b = generateText(model, VOCAB, 'the', { length: 30, seed: 5, temperature: 2 });
    expect(a).toBe(b);
    expect(a).toHaveLength(30);
    for (const ch of a) expect(VOCAB).toContain(ch);
    model.dispose();
  });

  it('leaks nothing', async () => {
    const model = buildCharModel({ vocabSize: VOCAB.length, units: 4, embeddingDim: 2 });
    // The first step creates Adam's slots (kept by the optimizer, as tfjs does): warm it up.
    await trainCharModel(model, TEXT.slice(0, 30), { vocabulary: VOCAB, sequenceLength: 10 });
    expect(
      await expectNoLeaks(() =>
        trainCharModel(model, TEXT.slice(0, 30), { vocabulary: VOCAB, sequenceLength: 10 }),
      ),
    ).toBe(0);
    expect(await expectNoLeaks(() => generateText(model, VOCAB, 'the', { length: 3 }))).toBe(0);
    model.dispose();
    expect(await expectNoLeaks(() => buildCharModel({ vocabSize: 5, units: 2 }).dispose())).toBe(0);
  });

  it('rejects a temperature <= 0, unknown characters and a vocabulary of the wrong size', async () => {
    const model = buildCharModel({ vocabSize: VOCAB.length, units: 4, embeddingDim: 2 });
    expectDlkitError(
      () => generateText(model, VOCAB, 'the', { temperature: 0 }),
      'generateText: options.temperature must be a finite number > 0 and <= 1000000, got 0',
    );
    expectDlkitError(
      () => generateText(model, VOCAB, 'THE'),
      'generateText: seedPhrase holds "T", which is not in the vocabulary',
    );
    expectDlkitError(
      () => generateText(model, VOCAB.slice(1), 'the'),
      `generateText: vocabulary has ${VOCAB.length - 1} characters, but the model predicts ${VOCAB.length}`,
    );
    expectDlkitError(
      () => generateText(model, VOCAB, ''),
      /^generateText: seedPhrase must be a non-empty string, got /,
    );
    await expect(trainCharModel(model, 'short', { vocabulary: VOCAB })).rejects.toThrow(
      'trainCharModel: text must have at least sequenceLength + 1 = 41 characters, got 5',
    );
    await expect(trainCharModel(model, TEXT, { epochs: 0 })).rejects.toThrow(
      'trainCharModel: options.epochs must be an integer >= 1 and <= 10000, got 0',
    );
    model.dispose();
    const uncompiled = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 3, outputDim: 2, inputShape: [null] }),
        tf.layers.dense({ units: 3 }),
      ],
    });
    await expect(trainCharModel(uncompiled, 'abcabc', { sequenceLength: 2 })).rejects.toThrow(
      'trainCharModel: model must be compiled (buildCharModel compiles it)',
    );
    uncompiled.dispose();
  });
});
