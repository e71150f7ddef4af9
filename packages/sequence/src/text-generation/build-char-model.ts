import * as tf from '@tensorflow/tfjs';
import { assertNumber, assertOptions, assertShapeSize, assertSize } from '@dlkit/core';
import { lstm } from '../lstm/lstm-layer.js';

/**
 * Options of {@link buildCharModel}.
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharModelOptions {
  /** The number of characters, `V` (at least 2). */
  vocabSize: number;
  /** LSTM units `nA` (default 128, the course's Shakespeare model). */
  units?: number;
  /** Size of the learned character embedding (default 32). */
  embeddingDim?: number;
  /** Adam's learning rate (default 0.01). */
  learningRate?: number;
  /** Seed of every initializer (default 0). */
  seed?: number;
}

/**
 * Builds the production character-level language model: an embedding of the characters, dlkit's
 * LSTM layer returning every step, and a softmax over the vocabulary at every step, compiled with
 * Adam and sparse categorical cross-entropy. It reads `[m, Tx]` character indices (any `Tx`) and
 * predicts the next character at each position, `[m, Tx, V]`; train it with
 * {@link trainCharModel} and write with {@link generateText}. It saves and loads with
 * `model.save` / `tf.loadLayersModel` like any tfjs model.
 *
 * @param options - `vocabSize` (required), `units`, `embeddingDim`, `learningRate`, `seed`.
 * @returns A new compiled `tf.Sequential` the caller disposes (`model.dispose()` frees its
 *   weights and its optimizer).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { buildCharModel } from '@dlkit/sequence';
 * const model = buildCharModel({ vocabSize: 30, units: 16, embeddingDim: 8 });
 * const x = tf.zeros([2, 5]);
 * const y = model.predict(x) as tf.Tensor;
 * console.log(y.shape); // [2, 5, 30]
 * tf.dispose([x, y]);
 * model.dispose();
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function buildCharModel(options: CharModelOptions): tf.Sequential {
  const fn = 'buildCharModel';
  const {
    vocabSize,
    units = 128,
    embeddingDim = 32,
    learningRate = 0.01,
    seed = 0,
  } = assertOptions(fn, 'options', options, [
    'vocabSize',
    'units',
    'embeddingDim',
    'learningRate',
    'seed',
  ]);
  const V = assertNumber(fn, 'options.vocabSize', vocabSize, { integer: true, min: 2, max: 65536 });
  assertSize(fn, 'options.units', units, 1);
  assertSize(fn, 'options.embeddingDim', embeddingDim, 1);
  assertShapeSize(fn, 'options.units', [units + embeddingDim, 4 * units]);
  assertShapeSize(fn, 'options.vocabSize', [V, Math.max(units, embeddingDim)]);
  assertNumber(fn, 'options.learningRate', learningRate, { min: 0, minExclusive: true });
  assertNumber(fn, 'options.seed', seed, { integer: true, min: 0, max: 2 ** 31 - 8 });
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({
        inputDim: V,
        outputDim: embeddingDim,
        inputShape: [null],
        embeddingsInitializer: tf.initializers.randomUniform({
          minval: -0.05,
          maxval: 0.05,
          seed,
        }),
      }),
      lstm({
        units,
        returnSequences: true,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
        recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 2 }),
      }),
      tf.layers.dense({
        units: V,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 3 }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'sparseCategoricalCrossentropy' });
  // The model owns its Adam (as when compiled with `optimizer: 'adam'`), so `model.dispose()`
  // frees the optimizer's variables too.
  (model as unknown as { isOptimizerOwned: boolean }).isOptimizerOwned = true;
  return model;
}
