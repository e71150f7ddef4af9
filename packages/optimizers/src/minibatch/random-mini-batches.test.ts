import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import {
  expectNoLeaks,
  expectTensorsClose,
  fc,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { randomMiniBatches } from './random-mini-batches.js';

interface Fixture {
  X: FixtureTensor;
  Y: FixtureTensor;
  cases: { size: number; seed: number; batches: { X: FixtureTensor; Y: FixtureTensor }[] }[];
}
const fx = loadFixture<Fixture>('optimizers_minibatch');

describe('randomMiniBatches', () => {
  it('equals the NumPy notebook function (m = 148: 64 + 64 + 20, and other sizes and seeds)', () => {
    tf.tidy(() => {
      const [X, Y] = [fixtureTensor(fx.X), fixtureTensor(fx.Y)];
      for (const c of fx.cases) {
        const batches = randomMiniBatches(X, Y, c.size, c.seed);
        expect(batches.length, `size ${c.size}`).toBe(c.batches.length);
        batches.forEach((b, i) => {
          expectTensorsClose(b.miniBatchX, fixtureTensor(c.batches[i]!.X), {
            rtol: 0,
            atol: 0,
            label: `X ${i}`,
          });
          expectTensorsClose(b.miniBatchY, fixtureTensor(c.batches[i]!.Y), {
            rtol: 0,
            atol: 0,
            label: `Y ${i}`,
          });
        });
      }
      expect(randomMiniBatches(X, Y).map((b) => b.miniBatchX.shape[1])).toEqual([64, 64, 20]);
    });
  });

  it('partitions a permutation: every column exactly once, X and Y kept together (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 1000 }),
        (m, size, seed) => {
          tf.tidy(() => {
            const X = tf.range(0, m).reshape([1, m]);
            const Y = tf.range(0, m).mul(10).reshape([1, m]);
            const batches = randomMiniBatches(X, Y, size, seed);
            expect(batches.length).toBe(Math.ceil(m / size));
            const seen = batches.flatMap((b) => Array.from(b.miniBatchX.dataSync()));
            expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: m }, (_, i) => i));
            for (const b of batches) expectTensorsClose(b.miniBatchY, b.miniBatchX.mul(10));
          });
        },
      ),
      { numRuns: 30, seed: 13 },
    );
  });

  it('returns two tensors per batch and leaks nothing', async () => {
    const [X, Y] = [fixtureTensor(fx.X), fixtureTensor(fx.Y)];
    expect(await expectNoLeaks(() => randomMiniBatches(X, Y, 64, 0))).toBe(6);
    tf.dispose([X, Y]);
  });

  it('rejects mismatched m, bad sizes and seeds, and disposed tensors', () => {
    const X = tf.ones([2, 5]);
    const Y = tf.ones([1, 4]);
    expect(() => randomMiniBatches(X, Y)).toThrow(
      'randomMiniBatches: Y must have shape [nY, m] with m = 5 (from X), got [1, 4]',
    );
    const Y5 = tf.ones([1, 5]);
    expect(() => randomMiniBatches(X, Y5, 0)).toThrow(
      'randomMiniBatches: miniBatchSize must be an integer >= 1',
    );
    expect(() => randomMiniBatches(X, Y5, 2, -1)).toThrow(
      'randomMiniBatches: seed must be an integer >= 0',
    );
    expect(() => randomMiniBatches(X, Y5, NaN)).toThrow(DlkitError);
    Y5.dispose();
    expect(() => randomMiniBatches(X, Y5)).toThrow('randomMiniBatches: Y is a disposed tensor');
    tf.dispose([X, Y]);
  });
});
