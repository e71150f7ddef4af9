// The notebook's questions on the shipped GloVe vectors (@dlkit/glove: 20,034 words of GloVe 6B
// 100d, int8; loadGlove reads them in about 0.5 s), against NumPy on the same decoded file.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGlove } from '@dlkit/datasets';
import {
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

interface Before {
  before: number;
  after: number;
}
const fx = loadFixture<{
  glove: {
    words: number;
    dims: number;
    analogies: { words: [string, string, string]; best: string }[];
    cosine: { pair: [string, string]; value: number }[];
    franceParisRomeItaly: number;
    receptionist: Before;
    equalize: { man: Before; woman: Before };
    e1: FixtureTensor;
    e2: FixtureTensor;
  };
}>('sequence_wordvec').glove;

let glove: WordVectors;
let g: tf.Tensor1D;
const vec = (w: string): tf.Tensor1D =>
  tf.tidy(() => tf.gather(glove.vectors, glove.wordToIndex.get(w)!) as tf.Tensor) as tf.Tensor1D;
beforeAll(async () => {
  glove = await loadGlove();
  g = tf.tidy(() => tf.sub(vec('woman'), vec('man'))) as tf.Tensor1D;
});
afterAll(() => tf.dispose([glove.vectors, g]));

describe('word vectors on the shipped GloVe', () => {
  it('man : king :: woman : queen, and the notebook’s other analogies as NumPy answers them', () => {
    expect(glove.vectors.shape).toEqual([fx.words, fx.dims]);
    expect(completeAnalogy('man', 'king', 'woman', glove)).toBe('queen');
    for (const { words, best } of fx.analogies) {
      expect(completeAnalogy(...words, glove), words.join(':')).toBe(best);
    }
  });

  it('has the NumPy cosine similarities (father/mother, ball/crocodile, france−paris/rome−italy)', () => {
    for (const { pair, value } of fx.cosine) {
      const [u, v] = pair.map(vec) as [tf.Tensor1D, tf.Tensor1D];
      expect(cosineSimilarity(u, v), pair.join('/')).toBeCloseTo(value, 5);
      tf.dispose([u, v]);
    }
    const [a, b] = tf.tidy(() => [
      tf.sub(vec('france'), vec('paris')),
      tf.sub(vec('rome'), vec('italy')),
    ]) as [tf.Tensor1D, tf.Tensor1D];
    expect(cosineSimilarity(a, b)).toBeCloseTo(fx.franceParisRomeItaly, 5);
    tf.dispose([a, b]);
  });

  it('neutralizes receptionist along g = woman − man, and equalizes man/woman, as NumPy does', () => {
    const receptionist = vec('receptionist');
    expect(cosineSimilarity(receptionist, g)).toBeCloseTo(fx.receptionist.before, 5);
    const e = neutralize('receptionist', g, glove);
    expect(Math.abs(cosineSimilarity(e, g))).toBeLessThan(1e-6);
    const { e1, e2 } = equalize(['man', 'woman'], g, glove);
    expect(cosineSimilarity(e1, g)).toBeCloseTo(fx.equalize.man.after, 5);
    expect(cosineSimilarity(e2, g)).toBeCloseTo(fx.equalize.woman.after, 5);
    expectTensorsClose(e1, fixtureTensor(fx.e1), { rtol: 1e-4, atol: 1e-5 });
    expectTensorsClose(e2, fixtureTensor(fx.e2), { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([receptionist, e, e1, e2]);
  });

  it('finds queen among the nearest neighbours of king', () => {
    const found = nearestNeighbours('king', glove, { k: 10 }).map((n) => n.word);
    expect(found).toContain('queen');
    expect(found).not.toContain('king');
  });
});
