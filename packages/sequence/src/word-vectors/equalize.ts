import * as tf from '@tensorflow/tfjs';
import { DlkitError, asCaller, describeValue } from '@dlkit/core';
import { checkBiasAxis } from './neutralize.js';
import { projectOn } from './projection.js';
import { checkWordVectors, wordVector, type WordVectors } from './word-vectors.js';

/**
 * The two vectors {@link equalize} returns.
 *
 * @category C5 W2 · Operations on word vectors
 */
export interface EqualizeResult {
  /** The first word's equalized vector `[nDims]` (the caller owns it). */
  e1: tf.Tensor1D;
  /** The second word's equalized vector `[nDims]` (the caller owns it). */
  e2: tf.Tensor1D;
}

/**
 * Equalizes a pair of words that should differ only along the bias axis (`actor`/`actress`,
 * `man`/`woman`): both get the same part orthogonal to the axis, `μ⊥`, and opposite parts along
 * it, so any neutralized word is equally far from both. The notebook's `equalize`, with its
 * formula (after Bolukbasi et al., 2016):
 *
 * - `μ = (e_w1 + e_w2) / 2`, `μ_B = (μ · b / ||b||²) b`, `μ⊥ = μ − μ_B`;
 * - `e_wiB = (e_wi · b / ||b||²) b`;
 * - `e_wiB' = sqrt(|1 − ||μ⊥||²|) (e_wiB − μ_B) / ||e_wi − μ⊥ − μ_B||`;
 * - `ei = e_wiB' + μ⊥`.
 *
 * (Bolukbasi et al. divide by `||e_wiB − μ_B||`; the notebook divides by `||e_wi − μ||`, and
 * dlkit follows the notebook.)
 *
 * @param pair - The two words, e.g. `['man', 'woman']`.
 * @param biasAxis - The bias axis `b` `[nDims]` (not zero), e.g. `e_woman − e_man`.
 * @param wordToVecMap - The vocabulary, vectors `[nWords, nDims]`.
 * @returns `{ e1, e2 }`, each `[nDims]`, the caller's to dispose.
 * @throws DlkitError (`value`) naming the word when one of the pair is not in the vocabulary.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { cosineSimilarity, equalize } from '@dlkit/sequence';
 * const words = ['man', 'woman'];
 * const vectors = tf.tensor2d([[0.2, 0.5, 0.1], [0.6, 0.3, 0.2]]);
 * const glove = { words, wordToIndex: new Map(words.map((w, i) => [w, i])), vectors };
 * const g = tf.tensor1d([1, -0.2, 0]);
 * const { e1, e2 } = equalize(['man', 'woman'], g, glove);
 * console.log((cosineSimilarity(e1, g) + cosineSimilarity(e2, g)).toFixed(6)); // 0.000000
 * tf.dispose([vectors, g, e1, e2]);
 * ```
 *
 * @see The guide `docs/sequence/word-vectors.md`.
 *
 * @category C5 W2 · Operations on word vectors
 */
export function equalize(
  pair: readonly [string, string],
  biasAxis: tf.Tensor1D,
  wordToVecMap: WordVectors,
): EqualizeResult {
  const fn = 'equalize';
  if (!Array.isArray(pair) || pair.length !== 2) {
    throw new DlkitError(
      'value',
      fn,
      `pair must be an array of two words, got ${describeValue(pair)}`,
      { argument: 'pair' },
    );
  }
  if (pair[0] === pair[1]) {
    throw new DlkitError(
      'value',
      fn,
      `pair must hold two different words, got "${String(pair[0]).slice(0, 60)}" twice`,
      {
        argument: 'pair',
      },
    );
  }
  const map = checkWordVectors(fn, 'wordToVecMap', wordToVecMap);
  checkBiasAxis(fn, 'biasAxis', biasAxis, map);
  const eW1 = wordVector(fn, 'pair[0]', pair[0], map);
  let eW2: tf.Tensor1D;
  try {
    eW2 = wordVector(fn, 'pair[1]', pair[1], map);
  } catch (e) {
    eW1.dispose();
    throw e;
  }
  const [e1, e2] = asCaller(fn, () =>
    tf.tidy(() => {
      const mu = tf.div(tf.add(eW1, eW2), 2);
      const muB = projectOn(mu, biasAxis);
      const muOrth = tf.sub(mu, muB);
      const scale = tf.sqrt(tf.abs(tf.sub(1, tf.sum(tf.square(muOrth)))));
      const corrected = (e: tf.Tensor1D): tf.Tensor =>
        tf.div(
          tf.mul(scale, tf.sub(projectOn(e, biasAxis), muB)),
          tf.norm(tf.sub(tf.sub(e, muOrth), muB)),
        );
      return [tf.add(corrected(eW1), muOrth), tf.add(corrected(eW2), muOrth)];
    }),
  ) as [tf.Tensor1D, tf.Tensor1D];
  tf.dispose([eW1, eW2]);
  return { e1, e2 };
}
