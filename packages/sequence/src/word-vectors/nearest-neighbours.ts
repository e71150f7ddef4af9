import type * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  ShapeChecker,
  asCaller,
  assertNumber,
  assertOptions,
  describeValue,
} from '@dlkit/core';
import { similaritiesToDirection } from './complete-analogy.js';
import { checkWordVectors, wordRow, wordVector, type WordVectors } from './word-vectors.js';

/**
 * Options of {@link nearestNeighbours}.
 *
 * @category C5 W2 · Operations on word vectors
 */
export interface NearestNeighboursOptions {
  /** How many neighbours (default 10, at most the vocabulary's size). */
  k?: number;
  /** Words never returned (default: the query word itself, when the query is a word). */
  exclude?: readonly string[];
}

/**
 * One neighbour {@link nearestNeighbours} found.
 *
 * @category C5 W2 · Operations on word vectors
 */
export interface Neighbour {
  /** The word. */
  word: string;
  /** Its cosine similarity with the query, in `[-1, 1]`. */
  similarity: number;
}

/**
 * The `k` words most similar to a word or a vector by cosine similarity, most similar first,
 * all words scored in one matrix product: what "similar words" means in the lecture on word
 * embeddings, and a way to see what debiasing moved.
 *
 * @param query - A word of the vocabulary, or a vector `[nDims]` (say a neutralized one).
 * @param wordToVecMap - The vocabulary, vectors `[nWords, nDims]`.
 * @param options - `k` (default 10) and the words to leave out.
 * @returns `[{ word, similarity }]`, `k` of them (fewer if the vocabulary is smaller).
 * @throws DlkitError (`value`) naming the word when `query` is a word not in the vocabulary.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { nearestNeighbours } from '@dlkit/sequence';
 * const words = ['cat', 'dog', 'car', 'kitten'];
 * const vectors = tf.tensor2d([[1, 0.1], [0.9, 0.3], [-1, 1], [1, 0]]);
 * const glove = { words, wordToIndex: new Map(words.map((w, i) => [w, i])), vectors };
 * console.log(nearestNeighbours('cat', glove, { k: 2 }).map((n) => n.word)); // ['kitten', 'dog']
 * vectors.dispose();
 * ```
 *
 * @see The guide `docs/sequence/word-vectors.md`.
 *
 * @category C5 W2 · Operations on word vectors
 */
export function nearestNeighbours(
  query: string | tf.Tensor1D,
  wordToVecMap: WordVectors,
  options: NearestNeighboursOptions = {},
): Neighbour[] {
  const fn = 'nearestNeighbours';
  const map = checkWordVectors(fn, 'wordToVecMap', wordToVecMap);
  const { k = 10, exclude } = assertOptions(fn, 'options', options, ['k', 'exclude']);
  assertNumber(fn, 'options.k', k, { integer: true, min: 1 });
  const excluded = excludedRows(fn, query, exclude, map);
  const vector =
    typeof query === 'string'
      ? wordVector(fn, 'query', query, map)
      : (new ShapeChecker(fn)
          .checkFloat('wordToVecMap.vectors', map.vectors, ['nWords', 'nDims'])
          .checkFloat('query', query, ['nDims'], { finite: true }),
        query);
  const scores = asCaller(fn, () => similaritiesToDirection(map.vectors, null, vector));
  if (vector !== query) vector.dispose();
  const values = scores.dataSync();
  scores.dispose();
  const order = [...values.keys()]
    .filter((i) => !excluded.has(i))
    .sort((i, j) => (values[j] as number) - (values[i] as number) || i - j);
  return order
    .slice(0, k)
    .map((i) => ({ word: map.words[i] as string, similarity: values[i] as number }));
}

function excludedRows(fn: string, query: unknown, exclude: unknown, map: WordVectors): Set<number> {
  if (exclude === undefined) {
    return new Set(typeof query === 'string' ? [wordRow(fn, 'query', query, map)] : []);
  }
  if (!Array.isArray(exclude)) {
    throw new DlkitError(
      'value',
      fn,
      `options.exclude must be an array of words, got ${describeValue(exclude)}`,
      { argument: 'options.exclude' },
    );
  }
  return new Set(
    (exclude as unknown[]).map((w, i) => wordRow(fn, `options.exclude[${i}]`, w, map)),
  );
}
