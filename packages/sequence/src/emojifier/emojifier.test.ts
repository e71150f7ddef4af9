import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import type { WordVectors } from '../word-vectors/word-vectors.js';
import { pretrainedEmbeddingLayer } from './pretrained-embedding-layer.js';
import { sentenceToAvg } from './sentence-to-avg.js';
import { sentencesToIndices } from './sentences-to-indices.js';
import { model, predict } from './v1/index.js';

interface ModelCase {
  X: string[];
  Y: number[];
  learningRate: number;
  numIterations: number;
  printEvery?: number;
  seed: number;
  pred: FixtureTensor;
  W: FixtureTensor;
  b: FixtureTensor;
  log: { epoch: number; cost: number; accuracy: number }[];
}
const fx = loadFixture<{
  small: {
    words: string[];
    vectors: FixtureTensor;
    sentences: string[];
    averages: FixtureTensor;
    model: ModelCase;
  };
  toy: {
    words: string[];
    vectors: FixtureTensor;
    model: ModelCase;
    indices: { words: string[]; sentences: string[]; X_indices: FixtureTensor };
    embedding: { vocabLen: number; matrix: FixtureTensor };
    emojifyV2Params: Record<'embedding' | 'lstm1' | 'lstm2' | 'dense' | 'total', number>;
  };
}>('sequence_wordvec');

function vocabulary(words: string[], vectors: FixtureTensor): WordVectors {
  return {
    words,
    wordToIndex: new Map(words.map((w, i) => [w, i])),
    vectors: fixtureTensor(vectors) as tf.Tensor2D,
  };
}
const small = vocabulary(fx.small.words, fx.small.vectors);
const toy = vocabulary(fx.toy.words, fx.toy.vectors);
// The notebook's toy word_to_index: 0-based (enumerate), so its last embedding row stays zero.
const toyIndex = new Map(fx.toy.words.map((w, i) => [w, i]));
afterAll(() => tf.dispose([small.vectors, toy.vectors]));

describe('sentenceToAvg', () => {
  it('equals the notebook’s sentence_to_avg: lower-cased, unknown words skipped, zeros when none is known', () => {
    fx.small.sentences.forEach((s, i) => {
      const avg = sentenceToAvg(s, small);
      const expected = tf.tidy(() => tf.gather(fixtureTensor(fx.small.averages), i));
      expectTensorsClose(avg, expected, { rtol: 1e-6, atol: 1e-7, label: s });
      tf.dispose([avg, expected]);
    });
  });

  it('returns one tensor, leaks nothing, and rejects a non-string', async () => {
    expect(await expectNoLeaks(() => sentenceToAvg('man and woman', small))).toBe(1);
    expect(await expectNoLeaks(() => sentenceToAvg('', small))).toBe(1);
    expectDlkitError(
      () => sentenceToAvg(3 as never, small),
      'sentenceToAvg: sentence must be a non-empty string, got number 3',
    );
  });
});

describe('emojifierV1.model', () => {
  const run = (c: ModelCase, map: WordVectors) => {
    const Y = tf.tensor1d(c.Y, 'int32');
    const log: ModelCase['log'] = [];
    const r = model(c.X, Y, map, c.learningRate, c.numIterations, {
      seed: c.seed,
      ...(c.printEvery === undefined ? {} : { printEvery: c.printEvery }),
      onProgress: (p) => log.push(p),
    });
    Y.dispose();
    return { ...r, log };
  };

  it('replays the notebook’s loop (NumPy, np.random.seed(1)): W, b, pred and the printed costs', () => {
    const c = fx.small.model;
    const { pred, W, b, log } = run(c, small);
    expectTensorsClose(W, fixtureTensor(c.W), { rtol: 1e-5, atol: 1e-6 });
    expectTensorsClose(b, fixtureTensor(c.b), { rtol: 1e-5, atol: 1e-6 });
    expectTensorsClose(pred, fixtureTensor(c.pred));
    expect(log.map((l) => l.epoch)).toEqual(c.log.map((l) => l.epoch));
    log.forEach((l, i) => {
      expect(l.cost).toBeCloseTo(c.log[i]!.cost, 9);
      expect(l.accuracy).toBe(c.log[i]!.accuracy);
    });
    tf.dispose([pred, W, b]);
  });

  it('passes the notebook’s model_test: seed 10, 110 iterations, perfect accuracy, b[0] = −b[1]', () => {
    const c = fx.toy.model;
    const { pred, W, b, log } = run(c, toy);
    expect(W.shape).toEqual([2, 2]);
    expect(pred.arraySync()).toEqual(c.Y.map((y) => [y]));
    const [b0, b1] = b.dataSync();
    expect(b0).toBeCloseTo(-b1!, 6);
    expectTensorsClose(W, fixtureTensor(c.W), { rtol: 1e-5, atol: 1e-6 });
    expect(log.map((l) => l.epoch)).toEqual([0, 100]);
    log.forEach((l, i) => expect(l.cost).toBeCloseTo(c.log[i]!.cost, 9));
    tf.dispose([pred, W, b]);
  });

  it('returns three tensors, leaks nothing, and rejects labels that are not 0…nY−1', async () => {
    const Y = tf.tensor1d([0, 1], 'int32');
    const Y2 = tf.tensor1d([0, 2], 'int32');
    expect(await expectNoLeaks(() => model(['man', 'pie'], Y, small, 0.01, 2))).toBe(3);
    expectDlkitError(
      () => model(['man', 'pie'], Y2, small),
      'emojifierV1.model: Y has 2 distinct classes, so its labels must be 0…1 (the notebook’s convert_to_one_hot), got 2 at index 1'.replace(
        '’',
        "'",
      ),
    );
    expectDlkitError(
      () => model(['man'], Y, small),
      'emojifierV1.model: Y must have shape [m] with m = 1 (from X), got [2]',
    );
    expectDlkitError(
      () => model(['man', 'pie'], Y, small, 0),
      'emojifierV1.model: learningRate must be a finite number > 0, got 0',
    );
    tf.dispose([Y, Y2]);
  });
});

describe('emojifierV1.predict', () => {
  it('predicts what model’s pred says for the weights it returned', async () => {
    const c = fx.small.model;
    const Y = tf.tensor1d(c.Y, 'int32');
    const W = fixtureTensor(c.W) as tf.Tensor2D;
    const b = fixtureTensor(c.b) as tf.Tensor1D;
    const pred = predict(c.X, Y, W, b, small);
    // The fixture's pred is from the last report (epoch 6 of 7), made with the final W and b.
    expectTensorsClose(pred, fixtureTensor(c.pred));
    pred.dispose();
    expect(await expectNoLeaks(() => predict(c.X, Y, W, b, small))).toBe(1);
    const wrong = tf.zeros([3, 5]) as tf.Tensor2D;
    expectDlkitError(
      () => predict(c.X, Y, wrong, b, small),
      'emojifierV1.predict: wordToVecMap.vectors must have shape [nWords, nH] with nH = 5 (from W), got [12, 6]',
    );
    tf.dispose([Y, W, b, wrong]);
  });
});

describe('sentencesToIndices', () => {
  it('gives the notebook’s sentences_to_indices_test values', () => {
    const { words, sentences, X_indices } = fx.toy.indices;
    const index = new Map(words.map((w, i) => [w, i + 1]));
    const out = sentencesToIndices(sentences, index, 4);
    expect(out.dtype).toBe('int32');
    expectTensorsClose(out, fixtureTensor(X_indices));
    expect(out.arraySync()).toEqual([
      [1, 2, 4, 3],
      [4, 8, 6, 5],
      [5, 3, 7, 0],
      [0, 0, 0, 0],
    ]);
    out.dispose();
  });

  it('returns one tensor, leaks nothing, and names a sentence longer than maxLen', async () => {
    const index = new Map([['a', 1]]);
    expect(await expectNoLeaks(() => sentencesToIndices(['a a'], index, 3))).toBe(1);
    expectDlkitError(
      () => sentencesToIndices(['a', 'a b a a'], index, 2),
      'sentencesToIndices: X[1] has 3 known words, more than maxLen = 2: "a b a a"',
    );
    expectDlkitError(
      () => sentencesToIndices(['a'], new Map([['a', -1]]), 2),
      'sentencesToIndices: wordToIndex must map words to whole numbers >= 0, got "a" → number -1',
    );
  });
});

describe('pretrainedEmbeddingLayer', () => {
  it('passes the notebook’s test: vocabLen = 14 words + 1 = 15 rows, frozen, the toy vectors', () => {
    const layer = pretrainedEmbeddingLayer(toy, toyIndex);
    const [weights] = layer.getWeights();
    expect(weights!.shape).toEqual([fx.toy.embedding.vocabLen, 2]);
    expectTensorsClose(weights!, fixtureTensor(fx.toy.embedding.matrix));
    expect(layer.trainable).toBe(false);
    expect(layer.trainableWeights).toHaveLength(0);
    layer.weights.forEach((w) => w.dispose()); // getWeights gives the variable itself
  });

  it('embeds indices, leaks nothing once its weights are disposed, and names a word without a vector', async () => {
    expect(
      await expectNoLeaks(() => {
        const layer = pretrainedEmbeddingLayer(toy, toyIndex);
        const x = tf.tensor2d([[0, 1, 14]], [1, 3], 'int32');
        const out = layer.apply(x) as tf.Tensor;
        expect(out.arraySync()).toEqual([
          [
            [3, 3],
            [3, 3],
            [0, 0],
          ],
        ]);
        tf.dispose([x, out]);
        layer.weights.forEach((w) => w.dispose());
      }),
    ).toBe(0);
    expectDlkitError(
      () => pretrainedEmbeddingLayer(toy, new Map([['zebra', 1]])),
      'pretrainedEmbeddingLayer: wordToIndex "zebra" is not in the vocabulary of 14 words',
    );
    expectDlkitError(
      () => pretrainedEmbeddingLayer(toy, new Map([['a', 2]])),
      'pretrainedEmbeddingLayer: wordToIndex gives "a" the index 2, beyond the matrix\'s 2 rows (len(wordToIndex) + 1)',
    );
  });
});
