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
import { completeAnalogy } from './complete-analogy.js';
import { cosineSimilarity } from './cosine-similarity.js';
import { equalize } from './equalize.js';
import { nearestNeighbours } from './nearest-neighbours.js';
import { neutralize } from './neutralize.js';
import type { WordVectors } from './word-vectors.js';

interface Small {
  words: string[];
  vectors: FixtureTensor;
  cosine: { pair: [string, string]; value: number }[];
  analogies: { words: [string, string, string]; best: string }[];
  neutralize: { word: string; g: FixtureTensor; e: FixtureTensor };
  equalize: { pair: [string, string]; e1: FixtureTensor; e2: FixtureTensor };
}
const fx = loadFixture<{ small: Small }>('sequence_wordvec').small;
const vectors = fixtureTensor(fx.vectors) as tf.Tensor2D;
const small: WordVectors = {
  words: fx.words,
  wordToIndex: new Map(fx.words.map((w, i) => [w, i])),
  vectors,
};
const row = (w: string): tf.Tensor1D =>
  tf.tidy(() => tf.gather(vectors, small.wordToIndex.get(w)!) as tf.Tensor) as tf.Tensor1D;
afterAll(() => vectors.dispose());

describe('cosineSimilarity', () => {
  it('equals the notebook’s cosine_similarity (NumPy) on the fixed vectors, 1 for a word with itself', () => {
    for (const { pair, value } of fx.cosine) {
      const [u, v] = pair.map(row) as [tf.Tensor1D, tf.Tensor1D];
      expect(cosineSimilarity(u, v), pair.join('/')).toBeCloseTo(value, 6);
      tf.dispose([u, v]);
    }
  });

  it('gives 1 for two zero vectors and 0 for a zero vector against another, as the notebook', () => {
    const [z, w] = [tf.zeros([3]) as tf.Tensor1D, tf.tensor1d([1, 2, 3])];
    expect(cosineSimilarity(z, z)).toBe(1);
    expect(cosineSimilarity(z, w)).toBe(0);
    tf.dispose([z, w]);
  });

  it('leaks nothing and rejects vectors of different lengths or with NaN', async () => {
    const [u, v, x] = [tf.tensor1d([1, 2]), tf.tensor1d([1, 2, 3]), tf.tensor1d([NaN, 1])];
    expect(await expectNoLeaks(() => cosineSimilarity(u, u))).toBe(0);
    expectDlkitError(
      () => cosineSimilarity(u, v),
      'cosineSimilarity: v must have shape [n] with n = 2 (from u), got [3]',
    );
    expectDlkitError(
      () => cosineSimilarity(x, u),
      'cosineSimilarity: u must be finite, got NaN at flat index 0 of shape [2]',
    );
    tf.dispose([u, v, x]);
  });
});

describe('completeAnalogy', () => {
  it('gives the NumPy loop’s best word for every triple, lower-casing the words', () => {
    for (const { words, best } of fx.analogies) {
      expect(completeAnalogy(...words, small), words.join(':')).toBe(best);
    }
  });

  it('never answers one of the input words, even when it scores highest', () => {
    // d = king − man points at "king" itself from woman; the answer must be another word.
    const words = ['man', 'king', 'woman', 'queen'];
    const v = tf.tensor2d([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 2],
    ]);
    const map = { words, wordToIndex: new Map(words.map((w, i) => [w, i])), vectors: v };
    expect(completeAnalogy('man', 'king', 'woman', map)).toBe('queen');
    v.dispose();
  });

  it('leaks nothing and names an unknown word', async () => {
    expect(await expectNoLeaks(() => completeAnalogy('man', 'woman', 'king', small))).toBe(0);
    const e = expectDlkitError(
      () => completeAnalogy('man', 'woman', 'emperor', small),
      'completeAnalogy: wordC "emperor" is not in the vocabulary of 12 words',
    );
    expect((e as unknown as { argument: string }).argument).toBe('wordC');
    expectDlkitError(
      () => completeAnalogy('man', 'woman', 'king', { words: [] } as never),
      /^completeAnalogy: wordToVecMap must be word vectors \{ words, wordToIndex, vectors \}/,
    );
  });
});

describe('nearestNeighbours', () => {
  it('ranks every other word by the cosine similarity that cosineSimilarity gives', () => {
    const found = nearestNeighbours('king', small, { k: 11 });
    expect(found.map((n) => n.word)).not.toContain('king');
    expect(found).toHaveLength(11);
    const king = row('king');
    for (const { word, similarity } of found) {
      const other = row(word);
      expect(similarity, word).toBeCloseTo(cosineSimilarity(king, other), 5);
      other.dispose();
    }
    king.dispose();
    found
      .slice(1)
      .forEach((n, i) => expect(n.similarity).toBeLessThanOrEqual(found[i]!.similarity));
  });

  it('takes a vector as the query and a list of words to leave out', () => {
    const q = row('queen');
    const found = nearestNeighbours(q, small, { k: 2, exclude: ['girl'] });
    expect(found[0]).toEqual({ word: 'queen', similarity: expect.closeTo(1, 5) });
    expect(found.map((n) => n.word)).not.toContain('girl');
    q.dispose();
  });

  it('leaks nothing and rejects an unknown word, a bad k and a vector of the wrong size', async () => {
    expect(await expectNoLeaks(() => nearestNeighbours('king', small))).toBe(0);
    expectDlkitError(
      () => nearestNeighbours('kingdom', small),
      'nearestNeighbours: query "kingdom" is not in the vocabulary of 12 words',
    );
    expectDlkitError(
      () => nearestNeighbours('king', small, { k: 0 }),
      'nearestNeighbours: options.k must be an integer >= 1, got 0',
    );
    const q = tf.zeros([5]) as tf.Tensor1D;
    expectDlkitError(
      () => nearestNeighbours(q, small),
      'nearestNeighbours: query must have shape [nDims] with nDims = 6 (from wordToVecMap.vectors), got [5]',
    );
    q.dispose();
  });
});

describe('neutralize', () => {
  it('equals the notebook’s neutralize (NumPy) and leaves the word orthogonal to g', () => {
    const g = fixtureTensor(fx.neutralize.g) as tf.Tensor1D;
    const e = neutralize(fx.neutralize.word, g, small);
    expectTensorsClose(e, fixtureTensor(fx.neutralize.e), { rtol: 1e-5, atol: 1e-6 });
    expect(Math.abs(cosineSimilarity(e, g))).toBeLessThan(1e-6);
    tf.dispose([g, e]);
  });

  it('returns one tensor, leaks nothing, and rejects an unknown word and a zero axis', async () => {
    const g = tf.ones([6]) as tf.Tensor1D;
    const zero = tf.zeros([6]) as tf.Tensor1D;
    expect(await expectNoLeaks(() => neutralize('king', g, small))).toBe(1);
    expectDlkitError(
      () => neutralize('nurse', g, small),
      'neutralize: word "nurse" is not in the vocabulary of 12 words',
    );
    expectDlkitError(
      () => neutralize('king', zero, small),
      'neutralize: g must not be the zero vector',
    );
    tf.dispose([g, zero]);
  });
});

describe('equalize', () => {
  it('equals the notebook’s equalize (NumPy): the same orthogonal part, opposite bias parts', () => {
    const g = fixtureTensor(fx.neutralize.g) as tf.Tensor1D;
    const { e1, e2 } = equalize(fx.equalize.pair, g, small);
    expectTensorsClose(e1, fixtureTensor(fx.equalize.e1), { rtol: 1e-5, atol: 1e-6 });
    expectTensorsClose(e2, fixtureTensor(fx.equalize.e2), { rtol: 1e-5, atol: 1e-6 });
    expect(cosineSimilarity(e1, g)).toBeCloseTo(-cosineSimilarity(e2, g), 5);
    tf.dispose([g, e1, e2]);
  });

  it('returns two tensors, leaks nothing, and names a missing word of the pair', async () => {
    const g = tf.ones([6]) as tf.Tensor1D;
    expect(await expectNoLeaks(() => equalize(['boy', 'girl'], g, small))).toBe(2);
    expect(
      await expectNoLeaks(() => {
        expectDlkitError(
          () => equalize(['boy', 'actress'], g, small),
          'equalize: pair[1] "actress" is not in the vocabulary of 12 words',
        );
      }),
    ).toBe(0);
    expectDlkitError(
      () => equalize(['boy', 'boy'], g, small),
      'equalize: pair must hold two different words, got "boy" twice',
    );
    expectDlkitError(
      () => equalize(['boy'] as never, g, small),
      'equalize: pair must be an array of two words, got ["boy"]',
    );
    g.dispose();
  });
});
