import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  RandomState,
  asCallerAsync,
  assertNumber,
  assertOptions,
  describeValue,
} from '@dlkit/core';
import { charsOf, checkCharModel, encodeChars, type CharVocabulary } from './char-vocabulary.js';

/**
 * One progress report of {@link trainCharModel}, after each batch.
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharTrainingProgress {
  /** The epoch, from 1. */
  epoch: number;
  /** Epochs in all. */
  epochs: number;
  /** The batch within the epoch, from 1. */
  batch: number;
  /** Batches per epoch. */
  batches: number;
  /** This batch's mean cross-entropy per character (nats). */
  loss: number;
}

/**
 * Options of {@link trainCharModel}.
 *
 * @category C5 W1 · Character-level language model
 */
export interface TrainCharModelOptions {
  /**
   * The characters in index order; default the sorted characters of `text`. Its size must be the
   * model's `vocabSize`.
   */
  vocabulary?: CharVocabulary;
  /** Characters per training window, `Tx` (default 40, the course's Shakespeare model). */
  sequenceLength?: number;
  /** Passes over the text (default 1). */
  epochs?: number;
  /** Windows per gradient step (default 32). */
  batchSize?: number;
  /** Seed of the window order (default 0). */
  seed?: number;
  /** Called after every batch. */
  onProgress?: (event: CharTrainingProgress) => void;
}

/**
 * What {@link trainCharModel} returns.
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharTrainingResult {
  /** The vocabulary the model was trained with, in index order (pass it to `generateText`). */
  vocabulary: string[];
  /** Mean loss per character of each epoch. */
  losses: number[];
}

/**
 * Trains a model from {@link buildCharModel} on a text: the text is cut into windows of
 * `sequenceLength` characters, and at every position the model learns the next character
 * (`x⟨t+1⟩ = y⟨t⟩`, as in the course). Each epoch starts the windows at a random offset (so every
 * phase of the text is seen) and shuffles them, with a seeded NumPy-compatible generator, so a
 * run is reproducible on one backend. Trains in place.
 *
 * @param model - A compiled model mapping `[m, Tx]` indices to `[m, Tx, V]` probabilities.
 * @param text - The training text; at least `sequenceLength + 1` characters of the vocabulary.
 * @param options - Vocabulary, window length, epochs, batch size, seed, progress callback.
 * @returns The vocabulary and the loss of each epoch (no tensors).
 *
 * @example
 * ```ts
 * import { buildCharModel, trainCharModel } from '@dlkit/sequence';
 * const text = 'to be or not to be, that is the question. '.repeat(4);
 * const vocabulary = [...new Set(text)].sort();
 * const model = buildCharModel({ vocabSize: vocabulary.length, units: 16, embeddingDim: 8 });
 * const { losses } = await trainCharModel(model, text, { vocabulary, sequenceLength: 10, epochs: 2 });
 * console.log(losses.length); // 2
 * model.dispose();
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export async function trainCharModel(
  model: tf.LayersModel,
  text: string,
  options: TrainCharModelOptions = {},
): Promise<CharTrainingResult> {
  const fn = 'trainCharModel';
  const { vocabSize } = checkCharModel(fn, model);
  if (model.optimizer === undefined || model.optimizer === null) {
    throw new DlkitError('state', fn, 'model must be compiled (buildCharModel compiles it)', {
      argument: 'model',
    });
  }
  if (typeof text !== 'string') {
    throw new DlkitError('value', fn, `text must be a string, got ${describeValue(text)}`, {
      argument: 'text',
    });
  }
  const {
    vocabulary,
    sequenceLength = 40,
    epochs = 1,
    batchSize = 32,
    seed = 0,
    onProgress,
  } = assertOptions(fn, 'options', options, [
    'vocabulary',
    'sequenceLength',
    'epochs',
    'batchSize',
    'seed',
    'onProgress',
  ]);
  const chars = charsOf(
    fn,
    'options.vocabulary',
    vocabulary ?? [...new Set(text)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  if (chars.length !== vocabSize) {
    throw new DlkitError(
      'value',
      fn,
      `the vocabulary has ${chars.length} characters, but the model predicts ${vocabSize}`,
      { argument: 'options.vocabulary' },
    );
  }
  assertNumber(fn, 'options.sequenceLength', sequenceLength, {
    integer: true,
    min: 1,
    max: 10_000,
  });
  assertNumber(fn, 'options.epochs', epochs, { integer: true, min: 1, max: 10_000 });
  assertNumber(fn, 'options.batchSize', batchSize, { integer: true, min: 1, max: 65_536 });
  assertNumber(fn, 'options.seed', seed, { integer: true, min: 0, max: 2 ** 32 - 1 - 10_000 });
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new DlkitError(
      'value',
      fn,
      `options.onProgress must be a function, got ${describeValue(onProgress)}`,
      { argument: 'options.onProgress' },
    );
  }
  const ids = encodeChars(fn, 'text', text, chars);
  const windows = Math.floor((ids.length - 1) / sequenceLength);
  if (windows < 1) {
    throw new DlkitError(
      'value',
      fn,
      `text must have at least sequenceLength + 1 = ${sequenceLength + 1} characters, got ${ids.length}`,
      { argument: 'text' },
    );
  }
  return asCallerAsync(fn, async () => {
    const losses: number[] = [];
    for (let epoch = 1; epoch <= epochs; epoch++) {
      // Each epoch starts the windows at a random offset, so every phase of the text is seen.
      const rng = new RandomState(seed + epoch - 1);
      const offset = rng.nextInterval(
        Math.min(sequenceLength - 1, ids.length - 1 - sequenceLength),
      );
      const count = Math.floor((ids.length - 1 - offset) / sequenceLength);
      const order = rng.permutation(count);
      const batches = Math.ceil(count / batchSize);
      let total = 0;
      for (let batch = 1; batch <= batches; batch++) {
        const rows = order.subarray((batch - 1) * batchSize, batch * batchSize);
        const loss = await trainBatch(model, ids.subarray(offset), rows, sequenceLength);
        total += loss * rows.length;
        onProgress?.({ epoch, epochs, batch, batches, loss });
      }
      losses.push(total / count);
    }
    return { vocabulary: [...chars], losses };
  });
}

/** One gradient step on the windows `rows` (window `r` starts at `r · Tx`). */
async function trainBatch(
  model: tf.LayersModel,
  ids: Int32Array,
  rows: Int32Array,
  Tx: number,
): Promise<number> {
  const xs = new Float32Array(rows.length * Tx);
  const ys = new Float32Array(rows.length * Tx);
  rows.forEach((r, i) => {
    xs.set(ids.subarray(r * Tx, r * Tx + Tx), i * Tx);
    ys.set(ids.subarray(r * Tx + 1, r * Tx + Tx + 1), i * Tx);
  });
  const x = tf.tensor2d(xs, [rows.length, Tx]);
  const y = tf.tensor3d(ys, [rows.length, Tx, 1]);
  try {
    const loss = await model.trainOnBatch(x, y);
    return Array.isArray(loss) ? (loss[0] as number) : loss;
  } finally {
    tf.dispose([x, y]);
  }
}
