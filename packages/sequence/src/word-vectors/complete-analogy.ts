import * as tf from '@tensorflow/tfjs';
import { DlkitError, asCaller } from '@dlkit/core';
import { checkWordVectors, wordRow, type WordVectors } from './word-vectors.js';

/**
 * The cosine similarity of `(vectors[w] - c)` with `d` for every word `w` at once, `[nWords]`:
 * one matrix product `(V - c) d`, divided by the rows' norms times `||d||`; 0 where a norm is 0
 * (as `cosineSimilarity` gives).
 *
 * @internal
 */
export function similaritiesToDirection(
  vectors: tf.Tensor2D,
  c: tf.Tensor1D | null,
  d: tf.Tensor1D,
): tf.Tensor1D {
  return tf.tidy(() => {
    const shifted = c === null ? vectors : tf.sub(vectors, c);
    const dots = tf.reshape(tf.matMul(shifted, tf.reshape(d, [-1, 1])), [-1]);
    const norms = tf.mul(tf.norm(shifted, 'euclidean', 1), tf.norm(d));
    const safe = tf.greater(norms, 1e-32);
    return tf.where(
      safe,
      tf.div(dots, tf.where(safe, norms, tf.onesLike(norms))),
      tf.zerosLike(dots),
    );
  }) as tf.Tensor1D;
}

/**
 * Completes the analogy "a is to b as c is to ?" (the notebook's `complete_analogy`): the word
 * `w` whose offset from c points the way b's offset from a does, the one maximising
 * `cos(e_b − e_a, e_w − e_c)`. The words are lower-cased first; the three input words are never
 * the answer. Every word is scored in one matrix product.
 *
 * @param wordA - The first word, e.g. `'man'`.
 * @param wordB - The word `wordA` is to, e.g. `'king'`.
 * @param wordC - The third word, e.g. `'woman'`.
 * @param wordToVecMap - The vocabulary (`loadGlove`'s result), vectors `[nWords, nDims]`.
 * @returns `best_word`: the completing word, e.g. `'queen'`.
 * @throws DlkitError (`value`) naming the word when one of the three is not in the vocabulary.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { completeAnalogy } from '@dlkit/sequence';
 * const words = ['man', 'king', 'woman', 'queen', 'apple'];
 * const vectors = tf.tensor2d([[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1], [5, 5, 5]]);
 * const glove = { words, wordToIndex: new Map(words.map((w, i) => [w, i])), vectors };
 * console.log(completeAnalogy('man', 'king', 'woman', glove)); // queen
 * vectors.dispose();
 * ```
 *
 * @see The guide `docs/sequence/word-vectors.md`.
 *
 * @category C5 W2 · Operations on word vectors
 */
export function completeAnalogy(
  wordA: string,
  wordB: string,
  wordC: string,
  wordToVecMap: WordVectors,
): string {
  const fn = 'completeAnalogy';
  const [a, b, c] = [wordA, wordB, wordC].map((w: unknown) =>
    typeof w === 'string' ? w.toLowerCase() : w,
  );
  const map = checkWordVectors(fn, 'wordToVecMap', wordToVecMap);
  const rows = [
    wordRow(fn, 'wordA', a, map),
    wordRow(fn, 'wordB', b, map),
    wordRow(fn, 'wordC', c, map),
  ];
  if (new Set(rows).size === map.vectors.shape[0]) {
    throw new DlkitError(
      'value',
      fn,
      `wordToVecMap has no word besides the three given (${map.vectors.shape[0]} words)`,
      { argument: 'wordToVecMap' },
    );
  }
  const best = asCaller(fn, () =>
    tf.tidy(() => {
      const [eA, eB, eC] = rows.map((r) =>
        tf.reshape(tf.slice(map.vectors, [r, 0], [1, -1]), [-1]),
      );
      const scores = similaritiesToDirection(map.vectors, eC as tf.Tensor1D, tf.sub(eB!, eA!));
      const excluded = tf.greater(
        tf.scatterND(tf.tensor2d(rows, [3, 1], 'int32'), tf.ones([3]), scores.shape),
        0,
      );
      return tf.argMax(tf.where(excluded, tf.fill(scores.shape, -Infinity), scores));
    }),
  );
  const index = best.dataSync()[0] as number;
  best.dispose();
  return map.words[index] as string;
}
