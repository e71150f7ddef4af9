import * as tf from '@tensorflow/tfjs';
import { DlkitError, RandomState, assertNumber } from '@dlkit/core';
import { Vocabulary } from '@dlkit/datasets';
import { adam } from '@dlkit/optimizers';
import { lstm } from '@dlkit/sequence';
import type { DemoModel } from '../loop/demo-model.js';

/** Settings of the character-level name model. */
export interface CharSettings {
  /** LSTM units `nA`. */
  units: number;
  /** Names per training step. */
  batchSize: number;
  /** Adam's learning rate. */
  learningRate: number;
  /** Sample new names every this many steps. */
  sampleEvery: number;
  /** Names sampled each time. */
  samples: number;
  /** Longest name trained on (longer ones are left out). */
  maxLength: number;
  /** Seed of the weights, of the batches and (plus the step) of the sampling. */
  seed: number;
}

/** The demo's defaults: 64 LSTM units, batches of 32 names, Adam at 0.02, 5 names every 25 steps. */
export const CHAR_DEFAULTS: CharSettings = {
  units: 64,
  batchSize: 32,
  learningRate: 0.02,
  sampleEvery: 25,
  samples: 5,
  maxLength: 12,
  seed: 1,
};

/** Characters a sampled name may have before it is cut off (the course stops at 50). */
const MAX_SAMPLE = 20;

/**
 * A character-level language model of names (the C5 W1 "Dinosaurus Island" lab, on first names):
 * embedding → `@dlkit/sequence`'s `lstm()` → dense logits, trained with `@dlkit/optimizers`'
 * `adam()` on random batches to predict each next character, `'\n'` ending a name. Every
 * `sampleEvery` steps it samples names one character at a time from the softmax, seeded with
 * `RandomState(seed + step)` as the course seeds `np.random.choice`.
 */
export class CharModel implements DemoModel {
  /** The characters, index 0 is `'\n'` (start and end of a name). */
  readonly vocabulary: Vocabulary;
  /** The names trained on. */
  readonly names: readonly string[];
  readonly #model: tf.Sequential;
  readonly #optimizer: tf.Optimizer;
  readonly #rng: RandomState;
  readonly #length: number;
  #steps = 0;
  #loss = NaN;
  #samples: string[] = [];

  /**
   * @param names - Training names (lower-case letters work best).
   * @param settings - Size, batch, learning rate, sampling, seed.
   */
  constructor(
    names: readonly string[],
    readonly settings: CharSettings,
  ) {
    const fn = 'CharModel';
    checkSettings(fn, settings);
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
      throw new DlkitError('value', fn, 'names must be an array of strings', { argument: 'names' });
    }
    this.names = names.filter(
      (n) => n.length > 0 && n.length <= settings.maxLength && !n.includes('\n'),
    );
    if (this.names.length === 0) {
      throw new DlkitError(
        'value',
        fn,
        `names must hold a name of 1 to ${settings.maxLength} characters`,
        {
          argument: 'names',
        },
      );
    }
    this.vocabulary = Vocabulary.fromChars([...this.names, '\n']);
    this.#length = settings.maxLength + 1;
    this.#rng = new RandomState(settings.seed);
    this.#model = this.#build();
    this.#optimizer = adam(settings.learningRate);
    this.#samples = this.sample();
  }

  get steps(): number {
    return this.#steps;
  }

  /** The names sampled last. */
  get samples(): readonly string[] {
    return this.#samples;
  }

  trainStep(): number {
    const { x, y, mask } = this.#batch();
    const loss = this.#optimizer.minimize(
      () =>
        tf.losses.softmaxCrossEntropy(
          y,
          this.#model.apply(x, { training: true }) as tf.Tensor,
          mask,
        ) as tf.Scalar,
      true,
    ) as tf.Scalar;
    this.#loss = loss.dataSync()[0] as number;
    tf.dispose([x, y, mask, loss]);
    this.#steps += 1;
    if (this.#steps % this.settings.sampleEvery === 0) this.#samples = this.sample();
    return this.#loss;
  }

  extra(): Record<string, string> {
    return { samples: this.#samples.join(', ') };
  }

  /**
   * Samples `settings.samples` names, one character at a time from the model's softmax, seeded
   * by `RandomState(seed + step)`: the same model and step give the same names.
   *
   * @returns The names (without `'\n'`).
   */
  sample(): string[] {
    const count = this.settings.samples;
    const rng = new RandomState(this.settings.seed + this.#steps);
    const sequences: number[][] = Array.from({ length: count }, () => []);
    const done = new Array<boolean>(count).fill(false);
    for (let t = 0; t < Math.min(MAX_SAMPLE, this.#length) && !done.every(Boolean); t++) {
      const probabilities = tf.tidy(() => {
        const input = tf.tensor2d(
          sequences.map((s) => this.#inputRow(s)),
          [count, this.#length],
          'int32',
        );
        const logits = this.#model.apply(input) as tf.Tensor3D;
        return tf
          .softmax(logits.slice([0, t, 0], [count, 1, this.vocabulary.size]).squeeze([1]))
          .arraySync() as number[][];
      });
      probabilities.forEach((p, b) => {
        if (done[b] === true) return;
        const next = rng.choice(this.vocabulary.size, undefined, true, normalise(p));
        if (next === 0) done[b] = true;
        else sequences[b]!.push(next);
      });
    }
    return sequences.map((s) => this.vocabulary.decode(s));
  }

  dispose(): void {
    this.#model.dispose();
    this.#optimizer.dispose();
  }

  #build(): tf.Sequential {
    const { units, seed } = this.settings;
    const V = this.vocabulary.size;
    return tf.sequential({
      layers: [
        tf.layers.embedding({
          inputDim: V,
          outputDim: 16,
          inputLength: this.#length,
          embeddingsInitializer: tf.initializers.randomUniform({
            minval: -0.05,
            maxval: 0.05,
            seed,
          }),
        }),
        lstm({
          units,
          returnSequences: true,
          kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
          recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 2 }),
        }),
        tf.layers.dense({
          units: V,
          kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 3 }),
        }),
      ],
    });
  }

  /** `'\n'` then the name's characters, padded with `'\n'` to the model's length. */
  #inputRow(indices: readonly number[]): number[] {
    const row = [0, ...indices].slice(0, this.#length);
    while (row.length < this.#length) row.push(0);
    return row;
  }

  /** A random batch: inputs `[B, T]`, one-hot next characters `[B, T, V]`, mask `[B, T]`. */
  #batch(): { x: tf.Tensor2D; y: tf.Tensor3D; mask: tf.Tensor2D } {
    const B = this.settings.batchSize;
    const T = this.#length;
    const xs: number[] = [];
    const ys: number[] = [];
    const mask: number[] = [];
    for (let b = 0; b < B; b++) {
      const name = this.names[this.#rng.randint(0, this.names.length)] as string;
      const indices = this.vocabulary.encode(name);
      xs.push(...this.#inputRow(indices));
      for (let t = 0; t < T; t++) {
        ys.push(t < indices.length ? (indices[t] as number) : 0);
        mask.push(t <= indices.length ? 1 : 0);
      }
    }
    return tf.tidy(() => ({
      x: tf.tensor2d(xs, [B, T], 'int32'),
      y: tf.oneHot(tf.tensor2d(ys, [B, T], 'int32'), this.vocabulary.size).toFloat() as tf.Tensor3D,
      mask: tf.tensor2d(mask, [B, T]),
    }));
  }
}

function normalise(p: readonly number[]): number[] {
  const sum = p.reduce((a, b) => a + b, 0);
  return p.map((v) => v / sum);
}

function checkSettings(fn: string, s: CharSettings): void {
  if (typeof s !== 'object' || s === null) {
    throw new DlkitError('value', fn, `settings must be an object, got ${String(s)}`, {
      argument: 'settings',
    });
  }
  assertNumber(fn, 'settings.units', s.units, { integer: true, min: 1, max: 512 });
  assertNumber(fn, 'settings.batchSize', s.batchSize, { integer: true, min: 1, max: 1024 });
  assertNumber(fn, 'settings.learningRate', s.learningRate, { min: 0, max: 10 });
  assertNumber(fn, 'settings.sampleEvery', s.sampleEvery, {
    integer: true,
    min: 1,
    max: 1_000_000,
  });
  assertNumber(fn, 'settings.samples', s.samples, { integer: true, min: 0, max: 100 });
  assertNumber(fn, 'settings.maxLength', s.maxLength, { integer: true, min: 1, max: 64 });
  assertNumber(fn, 'settings.seed', s.seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
}
