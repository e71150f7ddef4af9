import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { getAngles } from './get-angles.js';
import { createLookAheadMask, createPaddingMask } from './masks.js';
import { scaledDotProductAttention } from './scaled-dot-product-attention.js';

interface SdpaFixture {
  scaledDotProductAttention: Record<
    'q' | 'k' | 'v' | 'mask' | 'output' | 'attentionWeights',
    FixtureTensor
  >;
}
const sdpa = loadFixture<SdpaFixture>('sequence_transformer').scaledDotProductAttention;

describe('getAngles', () => {
  it("gives the angles whose sines are the NumPy positional encoding's even columns", () => {
    const { cases } = loadFixture<{
      cases: { positions: number; d: number; encoding: FixtureTensor }[];
    }>('sequence_positional_encoding');
    for (const c of cases) {
      tf.tidy(() => {
        const pos = tf.range(0, c.positions).reshape([c.positions, 1]);
        const k = tf.range(0, c.d, 1, 'int32').reshape([1, c.d]);
        const angles = getAngles(pos, k, c.d);
        const pe = fixtureTensor(c.encoding).reshape([c.positions, c.d]);
        const even = tf.range(0, c.d, 2, 'int32');
        expectTensorsClose(tf.sin(tf.gather(angles, even, 1)), tf.gather(pe, even, 1), {
          atol: 1e-5,
        });
      });
    }
  });

  it('returns one tensor and leaks nothing', async () => {
    const pos = tf.range(0, 3).reshape([3, 1]);
    const k = tf.range(0, 4).reshape([1, 4]);
    expect(await expectNoLeaks(() => getAngles(pos, k, 4))).toBe(1);
    tf.dispose([pos, k]);
  });

  it('rejects a row of indices given as a column, and a bad d', () => {
    const pos = tf.zeros([3, 1]);
    expectDlkitError(
      () => getAngles(pos, pos, 4),
      'getAngles: k must have shape [1, *], got [3, 1]',
    );
    expectDlkitError(
      () => getAngles(pos, tf.zeros([1, 4]), 0),
      /getAngles: d must be an integer >= 1/,
    );
    pos.dispose();
  });
});

describe('createPaddingMask', () => {
  it("is the notebook's mask: 1 where the token is not 0, shape [batch, 1, seqLen]", () => {
    // The notebook's test input and expected output (create_padding_mask's docstring cell).
    const x = tf.tensor2d(
      [
        [7, 6, 0, 0, 1],
        [1, 2, 3, 0, 0],
        [0, 0, 0, 4, 5],
      ],
      undefined,
      'int32',
    );
    const mask = createPaddingMask(x);
    expect(mask.shape).toEqual([3, 1, 5]);
    expect(mask.arraySync()).toEqual([[[1, 1, 0, 0, 1]], [[1, 1, 1, 0, 0]], [[0, 0, 0, 1, 1]]]);
    tf.dispose([x, mask]);
  });

  it('returns one tensor and leaks nothing', async () => {
    const x = tf.tensor2d([[1, 0]]);
    expect(await expectNoLeaks(() => createPaddingMask(x))).toBe(1);
    x.dispose();
  });

  it('rejects ids that are not [batch, seqLen]', () => {
    const x = tf.zeros([2, 3, 1]);
    expectDlkitError(
      () => createPaddingMask(x),
      'createPaddingMask: decoderTokenIds must have shape [batch, seqLen], got [2, 3, 1]',
    );
    x.dispose();
  });
});

describe('createLookAheadMask', () => {
  it('is lower-triangular ones [1, n, n]: position i attends to 0…i', () => {
    const mask = createLookAheadMask(3);
    expect(mask.arraySync()).toEqual([
      [
        [1, 0, 0],
        [1, 1, 0],
        [1, 1, 1],
      ],
    ]);
    mask.dispose();
  });

  it('returns one tensor and leaks nothing', async () => {
    expect(await expectNoLeaks(() => createLookAheadMask(4))).toBe(1);
  });

  it('rejects a size that is not a positive integer', () => {
    expectDlkitError(
      () => createLookAheadMask(0),
      /createLookAheadMask: sequenceLength must be an integer >= 1/,
    );
    expectDlkitError(
      () => createLookAheadMask(1e5),
      /createLookAheadMask: sequenceLength \* sequenceLength/,
    );
  });
});

describe('scaledDotProductAttention', () => {
  it('equals the PyTorch reference (masked softmax attention)', () => {
    tf.tidy(() => {
      const [q, k, v, mask] = [sdpa.q, sdpa.k, sdpa.v, sdpa.mask].map(fixtureTensor) as tf.Tensor[];
      const r = scaledDotProductAttention(q!, k!, v!, mask);
      expectTensorsClose(r.output, fixtureTensor(sdpa.output), { rtol: 1e-5, atol: 1e-6 });
      expectTensorsClose(r.attentionWeights, fixtureTensor(sdpa.attentionWeights), {
        rtol: 1e-5,
        atol: 1e-6,
      });
    });
  });

  it('has weights that sum to 1 over the keys; a masked key gets ~0 weight and does not change the output', () => {
    tf.tidy(() => {
      const [q, k, v, mask] = [sdpa.q, sdpa.k, sdpa.v, sdpa.mask].map(fixtureTensor) as tf.Tensor[];
      const r = scaledDotProductAttention(q!, k!, v!, mask);
      expectTensorsClose(tf.sum(r.attentionWeights, -1), tf.ones([2, 3]), { atol: 1e-6 });
      // Example 0 has keys 3 and 4 masked: their weights vanish ...
      const masked = r.attentionWeights.slice([0, 0, 3], [1, 3, 2]);
      expect(tf.max(masked).dataSync()[0]).toBeLessThan(1e-12);
      // ... and changing their keys and values changes nothing.
      const keyNoise = tf.concat(
        [tf.zeros([1, 3, 4]), tf.randomNormal([1, 2, 4], 0, 3, 'float32', 9)],
        1,
      );
      const k2 = tf.add(k!, tf.concat([keyNoise, tf.zeros([1, 5, 4])], 0));
      const valueShift = tf.concat([tf.zeros([1, 3, 3]), tf.fill([1, 2, 3], 50)], 1);
      const v2 = tf.add(v!, tf.concat([valueShift, tf.zeros([1, 5, 3])], 0));
      const r2 = scaledDotProductAttention(q!, k2, v2, mask);
      expectTensorsClose(r2.output, r.output, { atol: 1e-6 });
      // Without the mask, the same change does change the output.
      const unmasked = scaledDotProductAttention(q!, k2, v2);
      expect(tf.max(tf.abs(tf.sub(unmasked.output, r.output))).dataSync()[0]).toBeGreaterThan(0.1);
    });
  });

  it('blocks the future with a look-ahead mask', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([1, 4, 3], 0, 1, 'float32', 5);
      const r = scaledDotProductAttention(x, x, x, createLookAheadMask(4));
      const upper = tf.mul(r.attentionWeights, tf.sub(1, createLookAheadMask(4)));
      expect(tf.max(upper).dataSync()[0]).toBeLessThan(1e-12);
      // The first query can only attend to itself.
      expect(r.attentionWeights.slice([0, 0, 0], [1, 1, 1]).dataSync()[0]).toBeCloseTo(1, 6);
    });
  });

  it('returns two tensors and leaks nothing', async () => {
    const q = tf.ones([2, 3, 4]);
    const mask = tf.ones([2, 1, 3]);
    expect(
      await expectNoLeaks(() => {
        const r = scaledDotProductAttention(q, q, q, mask);
        return [r.output, r.attentionWeights];
      }),
    ).toBe(2);
    tf.dispose([q, mask]);
  });

  it('rejects a mask that does not broadcast to the scores, and mismatched depths', () => {
    tf.tidy(() => {
      const q = tf.zeros([2, 3, 4]);
      const k = tf.zeros([2, 5, 4]);
      expectDlkitError(
        () => scaledDotProductAttention(q, k, k, tf.ones([2, 1, 3])),
        'scaledDotProductAttention: mask must broadcast to the attention scores [2, 3, 5], got [2, 1, 3]',
      );
      expectDlkitError(
        () => scaledDotProductAttention(q, tf.zeros([2, 5, 3]), k),
        'scaledDotProductAttention: k must have shape [2, seqK, dk] with dk = 4 (from q), got [2, 5, 3]',
      );
      expectDlkitError(
        () => scaledDotProductAttention(tf.zeros([4]), k, k),
        /q must have rank >= 2/,
      );
    });
  });
});
