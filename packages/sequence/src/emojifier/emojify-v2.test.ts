import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  expectDlkitError,
  expectNoLeaks,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { emojifyV2 } from './emojify-v2.js';

const fx = loadFixture<{
  toy: {
    words: string[];
    vectors: FixtureTensor;
    emojifyV2Params: Record<'embedding' | 'lstm1' | 'lstm2' | 'dense' | 'total', number>;
  };
}>('sequence_wordvec');
const toy = {
  words: fx.toy.words,
  wordToIndex: new Map(fx.toy.words.map((w, i) => [w, i])),
  vectors: fixtureTensor(fx.toy.vectors) as tf.Tensor2D,
};
// The notebook's toy word_to_index: 0-based (enumerate), so its last embedding row stays zero.
const toyIndex = new Map(fx.toy.words.map((w, i) => [w, i]));
afterAll(() => toy.vectors.dispose());
// Orthogonal (the default, as Keras) takes minutes to build on the cpu backend; the counts and
// the forward pass do not depend on the initializer.
const fast = { recurrentInitializer: 'GlorotUniform' };

describe('emojifyV2', () => {
  it('has the notebook’s layers and, on its toy test (14 words, vocabLen 15, maxLen 4), 199,331 parameters', () => {
    const m = emojifyV2([4], toy, toyIndex, { seed: 1, ...fast });
    const p = fx.toy.emojifyV2Params;
    expect(m.countParams()).toBe(p.total);
    expect(m.countParams()).toBe(199_331);
    const counts = m.layers.map((l) => [l.getClassName(), l.countParams(), l.outputShape]);
    expect(counts).toEqual([
      ['InputLayer', 0, [null, 4]],
      ['Embedding', p.embedding, [null, 4, 2]],
      ['DlkitLSTM', p.lstm1, [null, 4, 128]],
      ['Dropout', 0, [null, 4, 128]],
      ['DlkitLSTM', p.lstm2, [null, 128]],
      ['Dropout', 0, [null, 128]],
      ['Dense', p.dense, [null, 5]],
      ['Activation', 0, [null, 5]],
    ]);
    expect(
      m.trainableWeights.reduce((n, w) => n + tf.util.sizeFromShape(w.shape as number[]), 0),
    ).toBe(p.total - p.embedding);
    m.dispose();
  });

  it('gives probabilities, the same for the same seed, and leaks nothing once disposed', async () => {
    const x = tf.tensor2d([[1, 5, 0, 0]], [1, 4], 'int32');
    const probabilities = (seed: number): number[] => {
      const m = emojifyV2([4], toy, toyIndex, { seed, ...fast });
      const out = m.predict(x) as tf.Tensor;
      const values = Array.from(out.dataSync());
      out.dispose();
      m.dispose();
      return values;
    };
    const a = probabilities(3);
    expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    expect(probabilities(3)).toEqual(a);
    expect(
      await expectNoLeaks(() => emojifyV2([4], toy, toyIndex, { seed: 1, ...fast }).dispose()),
    ).toBe(0);
    expectDlkitError(
      () => emojifyV2([0], toy, toyIndex, fast),
      'emojifyV2: inputShape[0] must be an integer >= 1 and <= 10000, got 0',
    );
    expectDlkitError(
      () => emojifyV2([4], toy, new Map([['zebra', 1]]), fast),
      'emojifyV2: wordToIndex "zebra" is not in the vocabulary of 14 words',
    );
    x.dispose();
  });
});
