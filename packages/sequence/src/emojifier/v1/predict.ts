import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import { checkWordVectors, type WordVectors } from '../../word-vectors/word-vectors.js';
import { checkSentences } from '../sentence-words.js';
import { sentenceAverages, float64 } from '../sentence-averages.js';
import { predictClasses } from '../softmax-classifier.js';
import { readLabels } from './labels.js';

/**
 * Predicts the class of each sentence with a trained Emojifier V1 (the notebook's `predict` from
 * `emo_utils`): `argmax softmax(W avg + b)`, `avg` the sentence's average word vector.
 *
 * @param X - Sentences `[m]`.
 * @param Y - Their true classes `[m]` (int32 or float32): the notebook's signature; they are
 *   checked but not used (the notebook prints the accuracy from them; compare `pred` with `Y`).
 * @param W - The weights `[nY, nH]` from `model`.
 * @param b - The biases `[nY]`.
 * @param wordToVecMap - The vocabulary, vectors `[nWords, nH]`.
 * @returns `pred`: float32 `[m, 1]`, the predicted classes, the caller's to dispose.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { emojifierV1 } from '@dlkit/sequence';
 * const words = ['love', 'ball'];
 * const vectors = tf.tensor2d([[1, 0], [0, 1]]);
 * const glove = { words, wordToIndex: new Map(words.map((w, i) => [w, i])), vectors };
 * const W = tf.tensor2d([[2, -2], [-2, 2]]);
 * const b = tf.zeros([2]) as tf.Tensor1D;
 * const Y = tf.tensor1d([0, 1], 'int32');
 * const pred = emojifierV1.predict(['I love it', 'a ball'], Y, W, b, glove);
 * console.log(pred.arraySync()); // [[0], [1]]
 * tf.dispose([vectors, W, b, Y, pred]);
 * ```
 *
 * @see The guide `docs/sequence/emojifier.md`.
 *
 * @category C5 W2 · Emojifier
 */
export function predict(
  X: readonly string[],
  Y: tf.Tensor1D,
  W: tf.Tensor2D,
  b: tf.Tensor1D,
  wordToVecMap: WordVectors,
): tf.Tensor2D {
  const fn = 'emojifierV1.predict';
  const sentences = checkSentences(fn, 'X', X);
  readLabels(fn, Y, sentences.length);
  const shapes = new ShapeChecker(fn)
    .checkFloat('W', W, ['nY', 'nH'], { finite: true })
    .checkFloat('b', b, ['nY'], { finite: true });
  const map = checkWordVectors(fn, 'wordToVecMap', wordToVecMap);
  shapes.checkFloat('wordToVecMap.vectors', map.vectors, ['nWords', 'nH']);
  const nH = shapes.dim('nH');
  const pred = predictClasses(float64(W), float64(b), sentenceAverages(sentences, map), nH);
  return tf.tensor2d(pred, [sentences.length, 1], 'float32');
}
