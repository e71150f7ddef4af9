import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertShapeSize } from '@dlkit/core';
import { checkWordVectors, wordRow, type WordVectors } from '../word-vectors/word-vectors.js';
import { checkWordToIndex } from './sentences-to-indices.js';

/**
 * The embedding matrix `[vocabLen, nDims]`: row `idx` is the vector of the word with index `idx`,
 * other rows zero.
 *
 * @internal
 */
function embeddingMatrix(
  fn: string,
  map: WordVectors,
  wordToIndex: ReadonlyMap<string, number>,
  vocabLen: number,
): Float32Array {
  const nDims = map.vectors.shape[1];
  assertShapeSize(fn, 'wordToIndex', [vocabLen, nDims]);
  const values = map.vectors.dataSync();
  const out = new Float32Array(vocabLen * nDims);
  for (const [word, idx] of wordToIndex) {
    if (idx >= vocabLen) {
      throw new DlkitError(
        'value',
        fn,
        `wordToIndex gives "${word.slice(0, 60)}" the index ${idx}, beyond the matrix's ${vocabLen} rows (len(wordToIndex) + 1)`,
        { argument: 'wordToIndex' },
      );
    }
    const row = wordRow(fn, 'wordToIndex', word, map);
    out.set(values.subarray(row * nDims, (row + 1) * nDims), idx * nDims);
  }
  return out;
}

/**
 * A frozen `tf.layers.embedding` holding pretrained word vectors (the notebook's
 * `pretrained_embedding_layer`): `vocabLen = len(wordToIndex) + 1` rows (row 0 is for the padding
 * index when the indices start at 1, as the course's do), row `idx` the vector of the word whose
 * index is `idx`, `trainable: false`. It is built and its weights set, ready to apply to int32
 * indices `[m, maxLen]` (from `sentencesToIndices`) to give `[m, maxLen, nDims]`.
 *
 * @param wordToVecMap - The vocabulary, vectors `[nWords, nDims]`.
 * @param wordToIndex - Word → row of the embedding, each word in `wordToVecMap`, indices in `[0, len(wordToIndex)]`.
 * @returns The embedding layer `[vocabLen, nDims]`; it owns its weights (dispose its model, or the layer once applied).
 * @throws DlkitError (`value`) naming the word when a word of `wordToIndex` has no vector.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { pretrainedEmbeddingLayer } from '@dlkit/sequence';
 * const words = ['a', 'b'];
 * const vectors = tf.tensor2d([[3, 3], [-2, 1]]);
 * const glove = { words, wordToIndex: new Map(words.map((w, i) => [w, i])), vectors };
 * const layer = pretrainedEmbeddingLayer(glove, new Map([['a', 1], ['b', 2]]));
 * const x = tf.tensor2d([[1, 2]], [1, 2], 'int32');
 * const out = layer.apply(x) as tf.Tensor;
 * console.log(out.arraySync(), layer.trainable); // [[[3, 3], [-2, 1]]] false
 * tf.dispose([x, out, ...layer.weights.map((w) => w.read())]);
 * vectors.dispose();
 * ```
 *
 * @see The guide `docs/sequence/emojifier.md`.
 *
 * @category C5 W2 · Emojifier
 */
export function pretrainedEmbeddingLayer(
  wordToVecMap: WordVectors,
  wordToIndex: ReadonlyMap<string, number>,
): tf.layers.Layer {
  const fn = 'pretrainedEmbeddingLayer';
  const map = checkWordVectors(fn, 'wordToVecMap', wordToVecMap);
  const index = checkWordToIndex(fn, 'wordToIndex', wordToIndex);
  const vocabLen = index.size + 1;
  const nDims = map.vectors.shape[1];
  const matrix = embeddingMatrix(fn, map, index, vocabLen);
  const layer = tf.layers.embedding({
    inputDim: vocabLen,
    outputDim: nDims,
    trainable: false,
    embeddingsInitializer: 'zeros',
  });
  // As the notebook: build, then set the weights (so the layer is pretrained before it is applied).
  layer.build([null, null]);
  const weights = tf.tensor2d(matrix, [vocabLen, nDims], 'float32');
  layer.setWeights([weights]);
  weights.dispose();
  return layer;
}
