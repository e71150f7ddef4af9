import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { planarFlower } from './planar-flower.js';

interface Fixture {
  X: FixtureTensor;
  Y: FixtureTensor;
}

describe('planarFlower', () => {
  it("reproduces the course's load_planar_dataset()", () => {
    const fx = loadFixture<Fixture>('datasets_planar');
    const { X, Y } = planarFlower();
    expect(X.shape).toEqual([2, 400]);
    expect(Y.shape).toEqual([1, 400]);
    expectTensorsClose(X, fixtureTensor(fx.X), { rtol: 1e-6, atol: 1e-6 });
    expectTensorsClose(Y, fixtureTensor(fx.Y), { rtol: 0, atol: 0 });
    tf.dispose([X, Y]);
  });

  it('gives the same data in rows layout, transposed', () => {
    tf.tidy(() => {
      const cols = planarFlower({ m: 20, seed: 3 });
      const rows = planarFlower({ m: 20, seed: 3, layout: 'rows' });
      expect(rows.X.shape).toEqual([20, 2]);
      expectTensorsClose(rows.X, cols.X.transpose(), { rtol: 0, atol: 0 });
      expectTensorsClose(rows.Y, cols.Y.transpose(), { rtol: 0, atol: 0 });
    });
  });

  it('is balanced, reproducible for a seed and different across seeds', () => {
    tf.tidy(() => {
      const a = planarFlower({ m: 100, seed: 5 });
      const b = planarFlower({ m: 100, seed: 5 });
      const c = planarFlower({ m: 100, seed: 6 });
      expect(a.Y.sum().arraySync()).toBe(50);
      expectTensorsClose(a.X, b.X, { rtol: 0, atol: 0 });
      expect(a.X.sub(c.X).abs().max().arraySync()).toBeGreaterThan(0.01);
    });
  });

  it('returns exactly its two tensors', async () => {
    expect(await expectNoLeaks(() => planarFlower({ m: 10 }))).toBe(2);
  });

  it('rejects odd sizes, negative noise and unknown layouts', () => {
    expect(() => planarFlower({ m: 7 })).toThrow(
      'planarFlower: m must be even (half per class), got 7',
    );
    expect(() => planarFlower({ noise: -1 })).toThrow(
      'planarFlower: noise must be a finite number >= 0, got -1',
    );
    expect(() => planarFlower({ layout: 'nchw' as never })).toThrow(
      "planarFlower: layout must be 'columns' or 'rows', got nchw",
    );
  });
});
