import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  RandomState,
  asCaller,
  assertNumber,
  assertOptions,
  describeValue,
} from '@dlkit/core';
import { checkTemperature, withTemperature } from '../char-model/temperature.js';
import { charsOf, checkCharModel, encodeChars, type CharVocabulary } from './char-vocabulary.js';

/**
 * Options of {@link generateText}.
 *
 * @category C5 W1 · Character-level language model
 */
export interface GenerateTextOptions {
  /** How many characters to write (default 200). */
  length?: number;
  /** `p ∝ exp(z / T)`: below 1 safer, above 1 wilder (default 1); must be above 0. */
  temperature?: number;
  /** Seed of the draws (default 0): the same seed gives the same text on one backend. */
  seed?: number;
  /** How many of the last characters the model reads for each prediction (default 40). */
  contextLength?: number;
}

/**
 * Writes text with a model from {@link buildCharModel}: starting from `seedPhrase`, it predicts
 * the distribution of the next character from the last `contextLength` characters, draws one at
 * the given temperature (a seeded NumPy-compatible `choice`), appends it and repeats, as the
 * course's Shakespeare poem generator does.
 *
 * @param model - A model mapping `[m, Tx]` indices to `[m, Tx, V]` probabilities.
 * @param vocabulary - The characters in index order (what `trainCharModel` returned).
 * @param seedPhrase - The start of the text; a non-empty string of vocabulary characters.
 * @param options - `length`, `temperature`, `seed`, `contextLength`.
 * @returns The generated characters, without the seed phrase (no tensors).
 *
 * @example
 * ```ts
 * import { buildCharModel, generateText } from '@dlkit/sequence';
 * const vocabulary = [...' abcdefghijklmnopqrstuvwxyz'];
 * const model = buildCharModel({ vocabSize: vocabulary.length, units: 8, embeddingDim: 4 });
 * const text = generateText(model, vocabulary, 'to be', { length: 20, temperature: 0.5 });
 * console.log(text.length); // 20 (gibberish: the model is untrained)
 * model.dispose();
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function generateText(
  model: tf.LayersModel,
  vocabulary: CharVocabulary,
  seedPhrase: string,
  options: GenerateTextOptions = {},
): string {
  const fn = 'generateText';
  const { vocabSize } = checkCharModel(fn, model);
  const chars = charsOf(fn, 'vocabulary', vocabulary);
  if (chars.length !== vocabSize) {
    throw new DlkitError(
      'value',
      fn,
      `vocabulary has ${chars.length} characters, but the model predicts ${vocabSize}`,
      { argument: 'vocabulary' },
    );
  }
  if (typeof seedPhrase !== 'string' || seedPhrase === '') {
    throw new DlkitError(
      'value',
      fn,
      `seedPhrase must be a non-empty string, got ${describeValue(seedPhrase)}`,
      { argument: 'seedPhrase' },
    );
  }
  const {
    length = 200,
    temperature = 1,
    seed = 0,
    contextLength = 40,
  } = assertOptions(fn, 'options', options, ['length', 'temperature', 'seed', 'contextLength']);
  assertNumber(fn, 'options.length', length, { integer: true, min: 0, max: 1_000_000 });
  checkTemperature(fn, 'options.temperature', temperature);
  assertNumber(fn, 'options.seed', seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  assertNumber(fn, 'options.contextLength', contextLength, { integer: true, min: 1, max: 10_000 });
  const ids = Array.from(encodeChars(fn, 'seedPhrase', seedPhrase, chars));
  const rng = new RandomState(seed);
  return asCaller(fn, () => {
    let out = '';
    for (let i = 0; i < length; i++) {
      const context = ids.slice(-contextLength);
      const probabilities = nextCharProbabilities(model, context, vocabSize);
      const idx = rng.choice(
        vocabSize,
        undefined,
        true,
        withTemperature(probabilities, temperature),
      );
      ids.push(idx);
      out += chars[idx] as string;
    }
    return out;
  });
}

/** The model's distribution of the character after `context` (read back, no tensors kept). */
function nextCharProbabilities(
  model: tf.LayersModel,
  context: readonly number[],
  vocabSize: number,
): Float32Array {
  const last = tf.tidy(() => {
    const x = tf.tensor2d(Float32Array.from(context), [1, context.length]);
    const y = model.predict(x) as tf.Tensor;
    return y.slice([0, context.length - 1, 0], [1, 1, vocabSize]);
  });
  try {
    return last.dataSync() as Float32Array;
  } finally {
    last.dispose();
  }
}
