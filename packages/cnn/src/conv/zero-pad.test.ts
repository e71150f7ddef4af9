import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import {
  arbShape,
  expectNoLeaks,
  expectTensorsClose,
  fc,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { zeroPad } from './zero-pad.js';

interface Fixture {
  pad: number;
  x: FixtureTensor;
  x_pad: FixtureTensor;
}

describe('zeroPad', () => {
  it('matches the course (np.random.seed(1); x = randn(4, 3, 3, 2); zero_pad(x, 3))', () => {
    const fx = loadFixture<Fixture>('cnn_zero_pad');
    tf.tidy(() => {
      const x = new RandomState(1).randn(4, 3, 3, 2);
      expectTensorsClose(x, fixtureTensor(fx.x));
      expectTensorsClose(zeroPad(x, fx.pad), fixtureTensor(fx.x_pad));
    });
  });

  it('grows height and width by 2 * pad for any shape and keeps the centre', () => {
    fc.assert(
      fc.property(
        arbShape({ minRank: 4, maxRank: 4, maxDim: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (s, pad) => {
          tf.tidy(() => {
            const [m, h, w, c] = s as [number, number, number, number];
            const x = tf.randomUniform(s, 1, 2, 'float32', 17 * pad + s.reduce((p, d) => p * d, 1));
            const y = zeroPad(x, pad);
            expect(y.shape).toEqual([m, h + 2 * pad, w + 2 * pad, c]);
            expectTensorsClose(y.slice([0, pad, pad, 0], s), x, { rtol: 0, atol: 0 });
            // float32 sums of up to 256 values near 400 in two orders: relative, not 3 decimals.
            expectTensorsClose(y.sum(), x.sum(), { rtol: 1e-5, atol: 0 });
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('returns one tensor and leaks nothing', async () => {
    const x = tf.ones([1, 2, 2, 1]);
    expect(await expectNoLeaks(() => zeroPad(x, 1))).toBe(1);
    x.dispose();
  });

  it('names the argument and the shape it wanted', () => {
    tf.tidy(() => {
      expect(() => zeroPad(tf.ones([3, 4]), 1)).toThrow(
        'zeroPad: X must have shape [m, nH, nW, nC], got [3, 4]',
      );
      expect(() => zeroPad(tf.ones([1, 2, 2, 1]), -1)).toThrow(
        'zeroPad: pad must be an integer >= 0, got -1',
      );
    });
  });
});
