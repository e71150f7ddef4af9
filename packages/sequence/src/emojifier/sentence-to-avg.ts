import * as tf from '@tensorflow/tfjs';
import { assertString } from '@dlkit/core';
import { checkWordVectors, type WordVectors } from '../word-vectors/word-vectors.js';
import { sentenceWords } from './sentence-words.js';

/**
 * The rows of a sentence's known words in `map` (unknown words left out, as the notebook does).
 *
 * @internal
 */
export function knownRows(sentence: string, map: WordVectors): number[] {
  return sentenceWords(sentence).flatMap((w) => {
    const row = map.wordToIndex.get(w);
    return row === undefined ? [] : [row];
  });
}

/**
 * Averages the rows `rows` of `vectors` (a zero vector when there are none).
 *
 * @internal
 */
export function averageRows(vectors: tf.Tensor2D, rows: readonly number[]): tf.Tensor1D {
  return tf.tidy(() =>
    rows.length === 0
      ? tf.zeros([vectors.shape[1]])
      : tf.mean(tf.gather(vectors, tf.tensor1d(rows as number[], 'int32')), 0),
  ) as tf.Tensor1D;
}

/**
 * The average of a sentence's word vectors, the Emojifier V1's encoding of the sentence (the
 * notebook's `sentence_to_avg`). As in the notebook the sentence is lower-cased and split on
 * white space, words not in the vocabulary are skipped, and a sentence with no known word gives
 * the zero vector.
 *
 * @param sentence - One sentence, e.g. `'I love you'`.
 * @param wordToVecMap - The vocabulary, vectors `[nWords, nDims]`.
 * @returns `avg` `[nDims]`, the caller's to dispose.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { sentenceToAvg } from '@dlkit/sequence';
 * const words = ['love', 'you'];
 * const vectors = tf.tensor2d([[1, 3], [3, 1]]);
 * const glove = { words, wordToIndex: new Map(words.map((w, i) => [w, i])), vectors };
 * const avg = sentenceToAvg('I love you', glove); // 'i' is not in this vocabulary
 * console.log(avg.arraySync()); // [2, 2]
 * tf.dispose([vectors, avg]);
 * ```
 *
 * @see The guide `docs/sequence/emojifier.md`.
 *
 * @category C5 W2 · Emojifier
 */
export function sentenceToAvg(sentence: string, wordToVecMap: WordVectors): tf.Tensor1D {
  const fn = 'sentenceToAvg';
  if (typeof sentence !== 'string') assertString(fn, 'sentence', sentence);
  const map = checkWordVectors(fn, 'wordToVecMap', wordToVecMap);
  return averageRows(map.vectors, knownRows(sentence, map));
}
