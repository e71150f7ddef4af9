import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller } from '@dlkit/core';
import { projectOn } from './projection.js';
import { checkWordVectors, wordVector, type WordVectors } from './word-vectors.js';

/**
 * Checks a bias axis: a finite float32 `[nDims]` vector matching the vocabulary, not zero.
 *
 * @internal
 */
export function checkBiasAxis(fn: string, argument: string, g: unknown, map: WordVectors): void {
  new ShapeChecker(fn)
    .checkFloat('wordToVecMap.vectors', map.vectors, ['nWords', 'nDims'])
    .checkFloat(argument, g as tf.Tensor, ['nDims'], { finite: true });
  const squared = tf.tidy(() => tf.sum(tf.square(g as tf.Tensor)));
  const norm2 = squared.dataSync()[0] as number;
  squared.dispose();
  if (!(norm2 > 0)) {
    throw new DlkitError('value', fn, `${argument} must not be the zero vector`, { argument });
  }
}

/**
 * Removes a word's bias: subtracts from its vector the projection on the bias axis `g`,
 * `e_debiased = e − (e · g / ||g||²) g` (Bolukbasi et al., 2016; the notebook's `neutralize`),
 * so the word becomes orthogonal to `g` (the course's `g = e_woman − e_man`): use it for words
 * that should be neutral, such as `receptionist`.
 *
 * @param word - A word of the vocabulary.
 * @param g - The bias axis `[nDims]` (not zero).
 * @param wordToVecMap - The vocabulary, vectors `[nWords, nDims]`.
 * @returns `e_debiased` `[nDims]`, the caller's to dispose.
 * @throws DlkitError (`value`) naming the word when it is not in the vocabulary.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { cosineSimilarity, neutralize } from '@dlkit/sequence';
 * const words = ['receptionist'];
 * const vectors = tf.tensor2d([[0.3, 0.8, -0.1]]);
 * const glove = { words, wordToIndex: new Map([['receptionist', 0]]), vectors };
 * const g = tf.tensor1d([1, 0.5, 0]);
 * const e = neutralize('receptionist', g, glove);
 * console.log(cosineSimilarity(e, g).toFixed(6)); // 0.000000
 * tf.dispose([vectors, g, e]);
 * ```
 *
 * @see The guide `docs/sequence/word-vectors.md`.
 *
 * @category C5 W2 · Operations on word vectors
 */
export function neutralize(word: string, g: tf.Tensor1D, wordToVecMap: WordVectors): tf.Tensor1D {
  const fn = 'neutralize';
  const map = checkWordVectors(fn, 'wordToVecMap', wordToVecMap);
  checkBiasAxis(fn, 'g', g, map);
  const e = wordVector(fn, 'word', word, map);
  const debiased = asCaller(fn, () => tf.tidy(() => tf.sub(e, projectOn(e, g)))) as tf.Tensor1D;
  e.dispose();
  return debiased;
}
