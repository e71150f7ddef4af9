import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertSize, describeValue } from '@dlkit/core';
import { checkSentences, sentenceWords } from './sentence-words.js';

/**
 * Checks a word → index map (the notebook's `word_to_index`): a `Map` of non-negative whole
 * numbers.
 *
 * @internal
 */
export function checkWordToIndex(
  fn: string,
  argument: string,
  value: unknown,
): ReadonlyMap<string, number> {
  if (!(value instanceof Map) || value.size === 0) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a non-empty Map from words to indices, got ${describeValue(value)}`,
      { argument },
    );
  }
  for (const [word, index] of value as Map<unknown, unknown>) {
    if (typeof word !== 'string' || !Number.isInteger(index) || (index as number) < 0) {
      throw new DlkitError(
        'value',
        fn,
        `${argument} must map words to whole numbers >= 0, got ${typeof word === 'string' ? JSON.stringify(word.slice(0, 60)) : describeValue(word)} → ${describeValue(index)}`,
        { argument },
      );
    }
  }
  return value as ReadonlyMap<string, number>;
}

/**
 * Turns sentences into rows of word indices for an `Embedding` layer (the notebook's
 * `sentences_to_indices`): each sentence is lower-cased and split on white space, its words
 * found in the vocabulary are written left to right, words not in it are skipped, and the rest of
 * the row is 0 (the padding index: give real words indices from 1, as the course's
 * `word_to_index` does).
 *
 * @param X - Sentences `[m]`.
 * @param wordToIndex - Word → index (the course's indices start at 1).
 * @param maxLen - The row length, at least every sentence's number of known words.
 * @returns `X_indices`: int32 `[m, maxLen]`, the caller's to dispose.
 * @throws DlkitError (`value`) naming the sentence when it has more than `maxLen` known words.
 *
 * @example
 * ```ts
 * import { sentencesToIndices } from '@dlkit/sequence';
 * const wordToIndex = new Map(['i', 'like', 'learning', 'deep'].map((w, i) => [w, i + 1]));
 * const indices = sentencesToIndices(['I like deep learning', 'deep ?'], wordToIndex, 4);
 * console.log(indices.arraySync()); // [[1, 2, 4, 3], [4, 0, 0, 0]]
 * indices.dispose();
 * ```
 *
 * @see The guide `docs/sequence/emojifier.md`.
 *
 * @category C5 W2 · Emojifier
 */
export function sentencesToIndices(
  X: readonly string[],
  wordToIndex: ReadonlyMap<string, number>,
  maxLen: number,
): tf.Tensor2D {
  const fn = 'sentencesToIndices';
  const sentences = checkSentences(fn, 'X', X);
  const index = checkWordToIndex(fn, 'wordToIndex', wordToIndex);
  assertSize(fn, 'maxLen', maxLen, 1);
  assertSize(fn, 'X.length * maxLen', sentences.length * maxLen);
  const out = new Int32Array(sentences.length * maxLen);
  sentences.forEach((sentence, i) => {
    const known = sentenceWords(sentence).filter((w) => index.has(w));
    if (known.length > maxLen) {
      throw new DlkitError(
        'value',
        fn,
        `X[${i}] has ${known.length} known words, more than maxLen = ${maxLen}: "${sentence.slice(0, 80)}"`,
        { argument: 'maxLen' },
      );
    }
    known.forEach((w, j) => (out[i * maxLen + j] = index.get(w) as number));
  });
  return tf.tensor2d(out, [sentences.length, maxLen], 'int32');
}
