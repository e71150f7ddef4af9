import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  MAX_ITERATIONS,
  RandomState,
  asCaller,
  assertNumber,
  assertOptions,
} from '@dlkit/core';
import { checkWordVectors, type WordVectors } from '../../word-vectors/word-vectors.js';
import { checkSentences } from '../sentence-words.js';
import { sentenceAverages } from '../sentence-averages.js';
import { predictClasses, softmaxForward } from '../softmax-classifier.js';
import { readLabels } from './labels.js';

/**
 * What {@link model} reports every `printEvery` epochs (the notebook prints
 * `Epoch: t --- cost = …` and the accuracy).
 *
 * @category C5 W2 · Emojifier
 */
export interface EmojifierV1Progress {
  /** The epoch just finished, `t` (0-based, as the notebook prints it). */
  epoch: number;
  /** The cost summed over the epoch's examples, `Σᵢ −log a⁽ⁱ⁾[yᵢ]`. */
  cost: number;
  /** Training accuracy after the epoch, in `[0, 1]`. */
  accuracy: number;
}

/**
 * Options of {@link model}.
 *
 * @category C5 W2 · Emojifier
 */
export interface EmojifierV1Options {
  /** Seed of `W`'s initialisation, `np.random.seed(seed)` (default 1, the notebook's). */
  seed?: number;
  /** Epochs between two progress reports and predictions (default 100, the notebook's). */
  printEvery?: number;
  /** Called every `printEvery` epochs. */
  onProgress?: (progress: EmojifierV1Progress) => void;
}

/**
 * What {@link model} returns: the notebook's `(pred, W, b)`. The caller owns the tensors.
 *
 * @category C5 W2 · Emojifier
 */
export interface EmojifierV1Result {
  /** float32 `[m, 1]`: the training predictions made at the last report (epoch `t % printEvery == 0`), as the notebook's `pred`. */
  pred: tf.Tensor2D;
  /** float32 `[nY, nH]`: the softmax layer's weights. */
  W: tf.Tensor2D;
  /** float32 `[nY]`: its biases. */
  b: tf.Tensor1D;
}

/**
 * Trains the Emojifier V1 (the notebook's `model`): each sentence is encoded as the average of
 * its word vectors (`sentenceToAvg`), then `a = softmax(W avg + b)` with `nY` classes (the
 * distinct labels of `Y`). `W = randn(nY, nH) / sqrt(nH)` seeded as `np.random.seed(1)`, `b = 0`;
 * then `numIterations` epochs of stochastic gradient descent over the examples in order, with the
 * notebook's update exactly: within an epoch the gradients `dW += dz avgᵀ`, `db += dz`
 * (`dz = a − y_onehot`) accumulate, and after each example `W −= learningRate dW`,
 * `b −= learningRate db`. The arithmetic runs in float64, as NumPy's.
 *
 * @param X - The training sentences `[m]`.
 * @param Y - Their classes `[m]` (int32 or float32), `0…nY−1`.
 * @param wordToVecMap - The vocabulary, vectors `[nWords, nH]`.
 * @param learningRate - The step size (default 0.01).
 * @param numIterations - Epochs (default 400).
 * @param options - Seed, progress callback and its period.
 * @returns `{ pred, W, b }`: `pred` `[m, 1]`, `W` `[nY, nH]`, `b` `[nY]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { emojifierV1 } from '@dlkit/sequence';
 * const words = ['love', 'you', 'ball', 'play'];
 * const vectors = tf.tensor2d([[1, 0.2], [0.8, 0.1], [-1, 0.3], [-0.9, -0.1]]);
 * const glove = { words, wordToIndex: new Map(words.map((w, i) => [w, i])), vectors };
 * const Y = tf.tensor1d([0, 0, 1, 1], 'int32');
 * const X = ['love you', 'you love', 'play ball', 'ball'];
 * const { pred, W, b } = emojifierV1.model(X, Y, glove, 0.1, 101);
 * console.log(pred.arraySync()); // [[0], [0], [1], [1]]
 * tf.dispose([vectors, Y, pred, W, b]);
 * ```
 *
 * @see The guide `docs/sequence/emojifier.md`.
 *
 * @category C5 W2 · Emojifier
 */
export function model(
  X: readonly string[],
  Y: tf.Tensor1D,
  wordToVecMap: WordVectors,
  learningRate = 0.01,
  numIterations = 400,
  options: EmojifierV1Options = {},
): EmojifierV1Result {
  const fn = 'emojifierV1.model';
  const sentences = checkSentences(fn, 'X', X);
  const labels = readLabels(fn, Y, sentences.length);
  const map = checkWordVectors(fn, 'wordToVecMap', wordToVecMap);
  assertNumber(fn, 'learningRate', learningRate, { min: 0, minExclusive: true });
  assertNumber(fn, 'numIterations', numIterations, { integer: true, min: 1, max: MAX_ITERATIONS });
  const {
    seed = 1,
    printEvery = 100,
    onProgress,
  } = assertOptions(fn, 'options', options, ['seed', 'printEvery', 'onProgress']);
  assertNumber(fn, 'options.seed', seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  assertNumber(fn, 'options.printEvery', printEvery, { integer: true, min: 1 });
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new DlkitError('value', fn, 'options.onProgress must be a function', {
      argument: 'options.onProgress',
    });
  }
  const nY = new Set(labels).size;
  const outside = labels.findIndex((y) => y >= nY);
  if (outside >= 0) {
    throw new DlkitError(
      'value',
      fn,
      `Y has ${nY} distinct classes, so its labels must be 0…${nY - 1} (the notebook's convert_to_one_hot), got ${labels[outside]} at index ${outside}`,
      { argument: 'Y' },
    );
  }
  return asCaller(fn, () =>
    train(sentences, labels, map, nY, {
      learningRate,
      numIterations,
      seed,
      printEvery,
      onProgress,
    }),
  );
}

interface TrainSettings {
  learningRate: number;
  numIterations: number;
  seed: number;
  printEvery: number;
  onProgress: ((p: EmojifierV1Progress) => void) | undefined;
}

function train(
  X: readonly string[],
  labels: readonly number[],
  map: WordVectors,
  nY: number,
  s: TrainSettings,
): EmojifierV1Result {
  const nH = map.vectors.shape[1];
  const m = X.length;
  const averages = sentenceAverages(X, map);
  const W = new RandomState(s.seed).standardNormalArray(nY * nH).map((w) => w / Math.sqrt(nH));
  const b = new Float64Array(nY);
  let pred: number[] = [];
  for (let t = 0; t < s.numIterations; t++) {
    let cost = 0;
    const dW = new Float64Array(nY * nH);
    const db = new Float64Array(nY);
    for (let i = 0; i < m; i++) {
      const a = softmaxForward(W, b, averages, i * nH, nH);
      const y = labels[i] as number;
      cost -= Math.log(a[y] as number);
      for (let k = 0; k < nY; k++) {
        const dz = (a[k] as number) - (k === y ? 1 : 0);
        db[k] = (db[k] as number) + dz;
        for (let j = 0; j < nH; j++) {
          dW[k * nH + j] = (dW[k * nH + j] as number) + dz * (averages[i * nH + j] as number);
        }
      }
      for (let q = 0; q < W.length; q++)
        W[q] = (W[q] as number) - s.learningRate * (dW[q] as number);
      for (let k = 0; k < nY; k++) b[k] = (b[k] as number) - s.learningRate * (db[k] as number);
    }
    if (t % s.printEvery === 0) {
      pred = predictClasses(W, b, averages, nH);
      const accuracy = pred.filter((p, i) => p === labels[i]).length / m;
      s.onProgress?.({ epoch: t, cost, accuracy });
    }
  }
  return {
    pred: tf.tensor2d(pred, [m, 1], 'float32'),
    W: tf.tensor2d(Float32Array.from(W), [nY, nH], 'float32'),
    b: tf.tensor1d(Float32Array.from(b), 'float32'),
  };
}
