import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertString, assertTensor, describeValue } from '@dlkit/core';

/**
 * Word vectors as `@dlkit/datasets`' `loadGlove` and `readGloveText` return them: the course's
 * `word_to_vec_map` as one matrix, so that a question about every word is one matrix product.
 * Any object with these three fields is accepted.
 *
 * @category C5 W2 · Operations on word vectors
 */
export interface WordVectors {
  /** The words; `words[i]` is row `i` of `vectors`. */
  words: readonly string[];
  /** The row of each word in `vectors`. */
  wordToIndex: ReadonlyMap<string, number>;
  /** float32 `[nWords, nDims]`: one vector a row. The caller owns it. */
  vectors: tf.Tensor2D;
}

/**
 * Checks that `value` is a {@link WordVectors}: a `words` array and a `wordToIndex` map of the
 * same length, and a live float32 `vectors` tensor `[nWords, nDims]` with a row per word.
 *
 * @internal
 */
export function checkWordVectors(fn: string, argument: string, value: unknown): WordVectors {
  const v = value as Partial<WordVectors> | null;
  if (
    v === null ||
    typeof v !== 'object' ||
    !Array.isArray(v.words) ||
    !(v.wordToIndex instanceof Map) ||
    !(v.vectors instanceof tf.Tensor)
  ) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be word vectors { words, wordToIndex, vectors } (as loadGlove returns), got ${describeValue(value)}`,
      { argument },
    );
  }
  assertTensor(fn, `${argument}.vectors`, v.vectors, { rank: 2 });
  const [nWords] = v.vectors.shape;
  if (v.words.length !== nWords || v.wordToIndex.size !== nWords || nWords === 0) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must have as many words (${v.words.length}) and wordToIndex entries (${v.wordToIndex.size}) as vectors rows (${nWords}), at least one`,
      { argument },
    );
  }
  return v as WordVectors;
}

/**
 * The row of `word` in `map`, or a `DlkitError` naming the word when it is not in the vocabulary.
 *
 * @internal
 */
export function wordRow(fn: string, argument: string, word: unknown, map: WordVectors): number {
  const w = assertString(fn, argument, word);
  const row = map.wordToIndex.get(w);
  if (row === undefined || !Number.isInteger(row) || row < 0 || row >= map.vectors.shape[0]) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} "${w.slice(0, 60)}" is not in the vocabulary of ${map.vectors.shape[0]} words`,
      { argument },
    );
  }
  return row;
}

/**
 * The vector of `word`, `[nDims]` (the caller owns it).
 *
 * @internal
 */
export function wordVector(
  fn: string,
  argument: string,
  word: unknown,
  map: WordVectors,
): tf.Tensor1D {
  const row = wordRow(fn, argument, word, map);
  return tf.tidy(() => tf.reshape(tf.slice(map.vectors, [row, 0], [1, -1]), [-1]));
}
