import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectNoLeaks,
  expectTensorsClose,
  fc,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { makeMoons } from './moons.js';
import { makeCircles } from './circles.js';
import { makeBlobs } from './blobs.js';
import { makeGaussianQuantiles } from './gaussian-quantiles.js';
import { footballBoundary, makeFootball } from './football.js';

interface Case {
  X: FixtureTensor;
  y: FixtureTensor;
  [k: string]: unknown;
}
interface Fixture {
  moons: Case;
  moons_clean: Case;
  circles: Case;
  circles_planar: Case;
  blobs: Case & { C: FixtureTensor };
  blobs_3d: Case;
  quantiles: Case;
  quantiles_3d: Case;
}

const fx = loadFixture<Fixture>('datasets_generators');
const exact = { rtol: 1e-6, atol: 1e-6 };

/** Compares rows-layout output with sklearn's (X [m, d], y [m]). */
function expectSame(data: { X: tf.Tensor2D; Y: tf.Tensor2D }, ref: Case): void {
  expectTensorsClose(data.X, fixtureTensor(ref.X), exact);
  expectTensorsClose(data.Y.reshape([-1]), fixtureTensor(ref.y), { rtol: 0, atol: 0 });
  tf.dispose([data.X, data.Y]);
}

describe('makeMoons', () => {
  it("equals the course's np.random.seed(3); make_moons(300, noise=.2) (scikit-learn)", () => {
    tf.tidy(() => expectSame(makeMoons({ layout: 'rows' }), fx.moons));
  });

  it('equals make_moons without noise or shuffling', () => {
    tf.tidy(() =>
      expectSame(makeMoons({ m: 7, noise: 0, shuffle: false, layout: 'rows' }), fx.moons_clean),
    );
  });

  it('uses the course layout by default: X [2, m], Y [1, m], balanced', () => {
    tf.tidy(() => {
      const { X, Y } = makeMoons({ m: 50 });
      expect(X.shape).toEqual([2, 50]);
      expect(Y.shape).toEqual([1, 50]);
      expect(X.dtype).toBe('float32');
      expect(Y.sum().arraySync()).toBe(25);
    });
  });

  it('returns exactly its two tensors', async () => {
    expect(await expectNoLeaks(() => makeMoons({ m: 10 }))).toBe(2);
  });

  it('rejects bad sizes, noise, seeds and layouts', () => {
    expect(() => makeMoons({ m: 1 })).toThrow(
      'makeMoons: m must be an integer >= 2 and <= 10000000, got 1',
    );
    expect(() => makeMoons({ noise: -0.1 })).toThrow(
      'makeMoons: noise must be a finite number >= 0, got -0.1',
    );
    expect(() => makeMoons({ seed: -1 })).toThrow(
      'makeMoons: seed must be an integer >= 0 and <= 4294967295, got -1',
    );
    expect(() => makeMoons({ layout: 'nchw' as never })).toThrow(
      "makeMoons: layout must be one of 'columns', 'rows', got nchw",
    );
  });
});

describe('makeCircles', () => {
  it("equals the course's np.random.seed(1); make_circles(300, noise=.05) (scikit-learn)", () => {
    tf.tidy(() => expectSame(makeCircles({ layout: 'rows' }), fx.circles));
  });

  it("equals make_circles(201, factor=.5, noise=.3) (the planar lab's extra set), odd m", () => {
    tf.tidy(() =>
      expectSame(
        makeCircles({ m: 201, factor: 0.5, noise: 0.3, seed: 7, layout: 'rows' }),
        fx.circles_planar,
      ),
    );
  });

  it('puts class 1 on the inner circle of radius factor (no noise)', () => {
    tf.tidy(() => {
      const { X, Y } = makeCircles({ m: 40, noise: 0, factor: 0.3, layout: 'rows' });
      const r = X.norm('euclidean', 1).arraySync() as number[];
      const y = Y.reshape([-1]).arraySync() as number[];
      r.forEach((ri, i) => expect(ri).toBeCloseTo(y[i] === 1 ? 0.3 : 1, 5));
    });
  });

  it('returns exactly its two tensors and rejects factor 1', async () => {
    expect(await expectNoLeaks(() => makeCircles({ m: 10 }))).toBe(2);
    expect(() => makeCircles({ factor: 1 })).toThrow(
      'makeCircles: factor must be a finite number >= 0 and < 1, got 1',
    );
  });
});

describe('makeBlobs', () => {
  it("equals the course's make_blobs(200, random_state=5, n_features=2, centers=6)", () => {
    tf.tidy(() => expectSame(makeBlobs({ layout: 'rows' }), fx.blobs));
  });

  it('equals make_blobs with 3 features, 2 centres, std 0.5 and a custom box (m not divisible)', () => {
    const ref = fx.blobs_3d;
    tf.tidy(() =>
      expectSame(
        makeBlobs({
          m: 11,
          centers: 2,
          nFeatures: 3,
          clusterStd: 0.5,
          centerBox: [-3, 3],
          seed: 2,
          layout: 'rows',
        }),
        ref,
      ),
    );
  });

  it('spreads points evenly over the centres and columns layout is [nFeatures, m]', () => {
    tf.tidy(() => {
      const { X, Y } = makeBlobs({ m: 60, centers: 4, nFeatures: 3 });
      expect(X.shape).toEqual([3, 60]);
      const counts = tf
        .oneHot(Y.reshape([-1]).toInt(), 4)
        .sum(0)
        .arraySync();
      expect(counts).toEqual([15, 15, 15, 15]);
    });
  });

  it('returns exactly its two tensors and rejects more centres than points', async () => {
    expect(await expectNoLeaks(() => makeBlobs({ m: 12 }))).toBe(2);
    expect(() => makeBlobs({ m: 3, centers: 4 })).toThrow(
      'makeBlobs: centers must be an integer >= 1 and <= 3, got 4',
    );
  });
});

describe('makeGaussianQuantiles', () => {
  it('equals make_gaussian_quantiles(cov=0.5, n_samples=200, n_features=2, n_classes=2, random_state=1)', () => {
    tf.tidy(() => expectSame(makeGaussianQuantiles({ layout: 'rows' }), fx.quantiles));
  });

  it('equals make_gaussian_quantiles with 3 features, 4 classes, cov 2, m = 31', () => {
    tf.tidy(() =>
      expectSame(
        makeGaussianQuantiles({
          m: 31,
          nClasses: 4,
          nFeatures: 3,
          cov: 2,
          seed: 9,
          layout: 'rows',
        }),
        fx.quantiles_3d,
      ),
    );
  });

  it('labels shells: every class-0 point is nearer the mean than every class-1 point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 4, max: 60 }), (seed, m) => {
        tf.tidy(() => {
          const { X, Y } = makeGaussianQuantiles({ m, seed, layout: 'rows' });
          const r = X.square().sum(1).arraySync() as number[];
          const y = Y.reshape([-1]).arraySync() as number[];
          const inner = Math.max(...r.filter((_, i) => y[i] === 0));
          const outer = Math.min(...r.filter((_, i) => y[i] === 1));
          expect(inner).toBeLessThanOrEqual(outer);
          expect(y.filter((v) => v === 0).length).toBe(Math.floor(m / 2));
        });
      }),
      { numRuns: 20 },
    );
  });

  it('returns exactly its two tensors and rejects cov 0', async () => {
    expect(await expectNoLeaks(() => makeGaussianQuantiles({ m: 10 }))).toBe(2);
    expect(() => makeGaussianQuantiles({ cov: 0 })).toThrow(
      'makeGaussianQuantiles: cov must be a finite number > 0, got 0',
    );
  });
});

describe('makeFootball', () => {
  it('has the course sizes and layout: train X [2, 211], test X [2, 200]', () => {
    const { train, test, info } = makeFootball();
    expect(train.X.shape).toEqual([2, 211]);
    expect(train.Y.shape).toEqual([1, 211]);
    expect(test.X.shape).toEqual([2, 200]);
    expect(info.classes).toEqual(['opponent', 'ours']);
    tf.dispose([train.X, train.Y, test.X, test.Y]);
  });

  it('keeps positions in the field and flips about labelNoise of the labels', () => {
    const { train } = makeFootball({
      trainSize: 4000,
      testSize: 1,
      labelNoise: 0.1,
      seed: 4,
      layout: 'rows',
    });
    const x = train.X.arraySync();
    const y = train.Y.reshape([-1]).arraySync() as number[];
    let flipped = 0;
    x.forEach(([x1, x2], i) => {
      expect(x1).toBeGreaterThanOrEqual(-0.75);
      expect(x2).toBeLessThanOrEqual(0.6);
      if ((x2! > footballBoundary(x1!) ? 1 : 0) !== y[i]) flipped++;
    });
    // Binomial(4000, 0.1): mean 400, sd 19.
    expect(flipped).toBeGreaterThan(330);
    expect(flipped).toBeLessThan(470);
    const ones = y.filter((v) => v === 1).length / y.length;
    expect(ones).toBeGreaterThan(0.35);
    expect(ones).toBeLessThan(0.65);
    tf.dispose(Object.values(train));
  });

  it('labels follow the boundary exactly without noise, and seeds reproduce', () => {
    tf.tidy(() => {
      const a = makeFootball({ labelNoise: 0, seed: 2, layout: 'rows' });
      const b = makeFootball({ labelNoise: 0, seed: 2, layout: 'rows' });
      expectTensorsClose(a.train.X, b.train.X, { rtol: 0, atol: 0 });
      const x = a.test.X.arraySync();
      const y = a.test.Y.reshape([-1]).arraySync() as number[];
      x.forEach(([x1, x2], i) => expect(y[i]).toBe(x2! > footballBoundary(x1!) ? 1 : 0));
    });
  });

  it('returns exactly its four tensors and rejects labelNoise above 0.5', async () => {
    expect(await expectNoLeaks(() => makeFootball({ trainSize: 5, testSize: 5 }))).toBe(4);
    expect(() => makeFootball({ labelNoise: 0.6 })).toThrow(
      'makeFootball: labelNoise must be a finite number >= 0 and <= 0.5, got 0.6',
    );
  });
});
