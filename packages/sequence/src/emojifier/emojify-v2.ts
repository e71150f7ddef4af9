import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  asCaller,
  assertNumber,
  assertOneOf,
  assertOptions,
  describeValue,
} from '@dlkit/core';
import { lstm } from '../lstm/lstm-layer.js';
import type { WordVectors } from '../word-vectors/word-vectors.js';
import { pretrainedEmbeddingLayer } from './pretrained-embedding-layer.js';

const RECURRENT = [
  'Orthogonal',
  'GlorotUniform',
  'GlorotNormal',
  'HeNormal',
  'LeCunNormal',
] as const;

/**
 * Options of {@link emojifyV2}.
 *
 * @category C5 W2 · Emojifier
 */
export interface EmojifyV2Options {
  /** Seed of the LSTMs', the dense layer's initializers and the dropouts (default: unseeded, as Keras). */
  seed?: number;
  /** Number of classes of the output softmax (default 5, the emoji). */
  classes?: number;
  /**
   * The LSTMs' recurrent-kernel initializer, a tfjs initializer class name (default
   * `'Orthogonal'`, as Keras). tfjs computes an orthogonal `[128, 512]` matrix by a QR
   * decomposition made of small ops, which takes minutes on the `cpu` backend of a loaded machine:
   * `'GlorotUniform'` builds at once.
   */
  recurrentInitializer?: string;
}

/**
 * The Emojifier V2 (the notebook's `Emojify_V2`): int32 word indices `[m, maxLen]` → the frozen
 * pretrained embedding (`pretrainedEmbeddingLayer`) → LSTM(128, returnSequences) → Dropout(0.5) →
 * LSTM(128) → Dropout(0.5) → Dense(5) → softmax, as a `tf.LayersModel` (not compiled: compile it
 * with `categoricalCrossentropy` and Adam, as the notebook does). The LSTMs are dlkit's `LSTM`
 * layer (fused kernels on `@dlkit/backend`). With the notebook's toy vocabulary (14 words of
 * 2 dimensions, so `vocabLen` 15) and `maxLen` 4 it has 199,331 parameters.
 *
 * @param inputShape - `[maxLen]`, the length of the index rows.
 * @param wordToVecMap - The vocabulary, vectors `[nWords, nDims]`.
 * @param wordToIndex - Word → embedding row (see `pretrainedEmbeddingLayer`).
 * @param options - A seed, and the number of classes.
 * @returns The model, `[m, maxLen]` → `[m, 5]` probabilities; the caller disposes it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { emojifyV2 } from '@dlkit/sequence';
 * const words = ['a', 'c'];
 * const vectors = tf.tensor2d([[3, 3], [-2, 1]]);
 * const glove = { words, wordToIndex: new Map(words.map((w, i) => [w, i])), vectors };
 * const model = emojifyV2([4], glove, new Map([['a', 1], ['c', 2]]), {
 *   seed: 1,
 *   recurrentInitializer: 'GlorotUniform',
 * });
 * const probabilities = tf.tidy(() =>
 *   model.predict(tf.tensor2d([[1, 2, 0, 0]], [1, 4], 'int32')),
 * ) as tf.Tensor;
 * console.log(model.countParams(), probabilities.shape); // 199307 [1, 5]
 * probabilities.dispose();
 * model.dispose();
 * vectors.dispose();
 * ```
 *
 * @see The guide `docs/sequence/emojifier.md`.
 *
 * @category C5 W2 · Emojifier
 */
export function emojifyV2(
  inputShape: readonly [number],
  wordToVecMap: WordVectors,
  wordToIndex: ReadonlyMap<string, number>,
  options: EmojifyV2Options = {},
): tf.LayersModel {
  const fn = 'emojifyV2';
  if (!Array.isArray(inputShape) || inputShape.length !== 1) {
    throw new DlkitError(
      'value',
      fn,
      `inputShape must be [maxLen], got ${describeValue(inputShape)}`,
      { argument: 'inputShape' },
    );
  }
  const maxLen = assertNumber(fn, 'inputShape[0]', inputShape[0], {
    integer: true,
    min: 1,
    max: 10_000,
  });
  const {
    seed,
    classes = 5,
    recurrentInitializer = 'Orthogonal',
  } = assertOptions(fn, 'options', options, ['seed', 'classes', 'recurrentInitializer']);
  assertOneOf(fn, 'options.recurrentInitializer', recurrentInitializer, RECURRENT);
  if (seed !== undefined)
    assertNumber(fn, 'options.seed', seed, { integer: true, min: 0, max: 2 ** 31 - 1 });
  assertNumber(fn, 'options.classes', classes, { integer: true, min: 2, max: 10_000 });
  const embedding = asCaller(fn, () => pretrainedEmbeddingLayer(wordToVecMap, wordToIndex));
  const seeded = (offset: number, className: string): tf.serialization.ConfigDict | string =>
    seed === undefined ? className : { className, config: { seed: seed + offset } };
  const sentenceIndices = tf.input({ shape: [maxLen], dtype: 'int32' });
  let X = embedding.apply(sentenceIndices) as tf.SymbolicTensor;
  X = lstm({
    units: 128,
    returnSequences: true,
    kernelInitializer: seeded(0, 'GlorotUniform'),
    recurrentInitializer: seeded(1, recurrentInitializer),
  }).apply(X) as tf.SymbolicTensor;
  X = tf.layers
    .dropout({ rate: 0.5, seed: seed === undefined ? undefined : seed + 2 })
    .apply(X) as tf.SymbolicTensor;
  X = lstm({
    units: 128,
    kernelInitializer: seeded(3, 'GlorotUniform'),
    recurrentInitializer: seeded(4, recurrentInitializer),
  }).apply(X) as tf.SymbolicTensor;
  X = tf.layers
    .dropout({ rate: 0.5, seed: seed === undefined ? undefined : seed + 5 })
    .apply(X) as tf.SymbolicTensor;
  X = tf.layers
    .dense({
      units: classes,
      kernelInitializer:
        seed === undefined ? 'glorotUniform' : tf.initializers.glorotUniform({ seed: seed + 6 }),
    })
    .apply(X) as tf.SymbolicTensor;
  X = tf.layers.activation({ activation: 'softmax' }).apply(X) as tf.SymbolicTensor;
  return tf.model({ inputs: sentenceIndices, outputs: X, name: 'Emojify_V2' });
}
