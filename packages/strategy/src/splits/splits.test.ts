import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import { fc, loadFixture } from '@dlkit/test-harness';
import type { MetricWarning } from '../metrics/warnings.js';
import { checkDevTestSources } from './check-sources.js';
import { mismatchedSplit } from './mismatched.js';
import { permutation } from './permutation.js';
import { splitIndices } from './split-indices.js';
import { splitSizes } from './split-sizes.js';
import { trainDevSplit } from './train-dev.js';
import { trainDevTestSplit } from './train-dev-test.js';

interface Fixture {
  permutations: { seed: number; m: number; permutation: number[] }[];
  chained: { seed: number; m: number[]; permutations: number[][] };
}
const fx = loadFixture<Fixture>('strategy_splits');

const sorted = (a: number[]) => a.slice().sort((x, y) => x - y);
const range = (m: number) => Array.from({ length: m }, (_, i) => i);

describe('permutation', () => {
  it("equals NumPy's RandomState(seed).permutation(m)", () => {
    for (const c of fx.permutations) expect(permutation(c.m, c.seed)).toEqual(c.permutation);
  });

  it('advances a shared RandomState like NumPy does', () => {
    const rng = new RandomState(fx.chained.seed);
    fx.chained.m.forEach((m, i) => expect(permutation(m, rng)).toEqual(fx.chained.permutations[i]));
  });
});

describe('splitSizes', () => {
  it('turns 98/1/1 of a million examples into exact counts, and keeps counts', () => {
    expect(splitSizes(1_000_000, { train: 0.98, dev: 0.01, test: 0.01 })).toEqual({
      train: 980_000,
      dev: 10_000,
      test: 10_000,
    });
    expect(splitSizes(10, { train: 0.6, dev: 0.2, test: 0.2 })).toEqual({
      train: 6,
      dev: 2,
      test: 2,
    });
    expect(splitSizes(10, { train: 8, dev: 1, test: 1 })).toEqual({ train: 8, dev: 1, test: 1 });
    // 7 examples at 1/3 each: the remainder goes to the earliest split.
    expect(splitSizes(7, { a: 1 / 3, b: 1 / 3, c: 1 / 3 })).toEqual({ a: 3, b: 2, c: 2 });
  });

  it('always sums to m with each count within 1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 5 }),
        (m, weights) => {
          const total = weights.reduce((s, v) => s + v, 0);
          const sizes = Object.fromEntries(weights.map((w, i) => [`s${i}`, w / total]));
          const counts = splitSizes(m, sizes);
          expect(Object.values(counts).reduce((s, v) => s + v, 0)).toBe(m);
          for (const [k, v] of Object.entries(counts)) {
            expect(Math.abs(v - (sizes[k] as number) * m)).toBeLessThan(1 + 1e-9);
          }
        },
      ),
    );
  });

  it('rejects fractions that do not sum to 1 and counts that do not sum to m', () => {
    expect(() => splitSizes(100, { train: 0.7, dev: 0.2, test: 0.2 })).toThrow(
      'splitSizes: split fractions must sum to 1, got 1.1 (train 0.7, dev 0.2, test 0.2)',
    );
    expect(() => splitSizes(100, { train: 0.5, dev: 0.2, test: 0.2 })).toThrow(
      'splitSizes: split fractions must sum to 1, got 0.9 (train 0.5, dev 0.2, test 0.2)',
    );
    expect(() => splitSizes(100, { train: 80, dev: 10, test: 5 })).toThrow(
      'splitSizes: split counts must sum to the 100 examples, got 95 (train 80, dev 10, test 5)',
    );
    expect(() => splitSizes(100, { train: -0.5, dev: 1.5 })).toThrow(
      'splitSizes: sizes.train must be a finite number >= 0, got -0.5',
    );
    expect(() => splitSizes(0, { train: 1 })).toThrow(
      'splitSizes: m must be an integer >= 1, got 0',
    );
    expect(() => splitSizes(10, {})).toThrow('splitSizes: sizes must name at least one split');
  });
});

describe('trainDevTestSplit and splitIndices', () => {
  it('random: the slices of the NumPy permutation, disjoint and covering', () => {
    const c = fx.permutations[3] as Fixture['permutations'][number];
    const s = trainDevTestSplit(c.m, { train: 0.6, dev: 0.2, test: 0.2 }, { seed: c.seed });
    expect(s.train).toEqual(c.permutation.slice(0, 60));
    expect(s.dev).toEqual(c.permutation.slice(60, 80));
    expect(s.test).toEqual(c.permutation.slice(80));
    expect(
      trainDevTestSplit(c.m, { train: 0.6, dev: 0.2, test: 0.2 }, { seed: c.seed + 1 }).dev,
    ).not.toEqual(s.dev);
  });

  it('the big-data 98/1/1 split of a million examples', () => {
    const s = trainDevTestSplit(1_000_000, { train: 0.98, dev: 0.01, test: 0.01 }, { seed: 5 });
    expect([s.train.length, s.dev.length, s.test.length]).toEqual([980_000, 10_000, 10_000]);
    const seen = new Uint8Array(1_000_000);
    for (const i of [...s.train, ...s.dev, ...s.test]) seen[i] = (seen[i] as number) + 1;
    expect(seen.every((v) => v === 1)).toBe(true);
  });

  it('stratified: exact sizes, each class within 1 of its share in every split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 120 }),
        fc.integer({ min: 0, max: 1000 }),
        (y, seed) => {
          const m = y.length;
          const sizes = { train: 0.6, dev: 0.2, test: 0.2 };
          const counts = splitSizes(m, sizes);
          const s = splitIndices(m, sizes, { stratify: y, seed });
          expect(sorted([...(s.train ?? []), ...(s.dev ?? []), ...(s.test ?? [])])).toEqual(
            range(m),
          );
          for (const name of ['train', 'dev', 'test']) {
            const idx = s[name] as number[];
            expect(idx.length).toBe(counts[name]);
            for (const c of [0, 1, 2, 3]) {
              const nc = y.filter((v) => v === c).length;
              const got = idx.filter((i) => y[i] === c).length;
              expect(Math.abs(got - (nc * (counts[name] as number)) / m)).toBeLessThan(2);
            }
          }
        },
      ),
    );
  });

  it('stratified keeps a 10% rare class at 10% in dev and test', () => {
    const y = range(1000).map((i) => (i % 10 === 0 ? 1 : 0));
    const s = trainDevTestSplit(
      1000,
      { train: 0.8, dev: 0.1, test: 0.1 },
      { stratify: y, seed: 2 },
    );
    expect(s.dev.filter((i) => y[i] === 1).length).toBe(10);
    expect(s.test.filter((i) => y[i] === 1).length).toBe(10);
    expect(s.train.filter((i) => y[i] === 1).length).toBe(80);
  });

  it('grouped: no group in two splits, sizes close to the targets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 29 }), { minLength: 30, maxLength: 200 }),
        fc.integer({ min: 0, max: 1000 }),
        (groups, seed) => {
          const m = groups.length;
          if (new Set(groups).size < 3) return;
          const s = splitIndices(m, { train: 0.6, dev: 0.2, test: 0.2 }, { groups, seed });
          const owner = new Map<number, string>();
          for (const [name, idx] of Object.entries(s)) {
            expect(idx.length).toBeGreaterThan(0);
            for (const i of idx) {
              const g = groups[i] as number;
              expect(owner.get(g) ?? name).toBe(name);
              owner.set(g, name);
            }
          }
          expect(sorted(Object.values(s).flat())).toEqual(range(m));
        },
      ),
    );
  });

  it('grouped: 100 speakers of 10 clips each split 60/20/20 exactly', () => {
    const groups = range(1000).map((i) => `speaker${Math.floor(i / 10)}`);
    const s = trainDevTestSplit(1000, { train: 0.6, dev: 0.2, test: 0.2 }, { groups, seed: 0 });
    expect([s.train.length, s.dev.length, s.test.length]).toEqual([600, 200, 200]);
  });

  it('rejects bad options', () => {
    expect(() => trainDevTestSplit(10, { train: 0.6, dev: 0.2 } as never)).toThrow(
      'trainDevTestSplit: sizes.test must be a number, got undefined',
    );
    expect(() => splitIndices(4, { a: 0.5, b: 0.5 }, { stratify: [0, 1, 0] })).toThrow(
      'splitIndices: stratify must have one entry per example: expected [4], got [3]',
    );
    expect(() => splitIndices(4, { a: 0.5, b: 0.5 }, { groups: ['x', 'x', 'x', 'x'] })).toThrow(
      'splitIndices: 1 group(s) cannot fill 2 non-empty splits: every split needs whole groups',
    );
    expect(() =>
      splitIndices(4, { a: 0.5, b: 0.5 }, { groups: [1, 2, 1, 2], stratify: [0, 1, 0, 1] }),
    ).toThrow('splitIndices: give stratify or groups, not both');
  });
});

describe('trainDevSplit', () => {
  it('carves a training-dev set out of training, disjoint and covering', () => {
    const train = range(50).map((i) => i * 2);
    const s = trainDevSplit(train, 0.1, { seed: 4 });
    expect(s.trainDev.length).toBe(5);
    expect(sorted([...s.train, ...s.trainDev])).toEqual(train);
    expect(trainDevSplit(train, 7).trainDev.length).toBe(7);
    expect(() => trainDevSplit(train, 50)).toThrow(
      'trainDevSplit: size must give between 1 and 49 training-dev examples, got 50 (50 of 50)',
    );
    expect(() => trainDevSplit([], 0.1)).toThrow('trainDevSplit: train is empty');
  });
});

describe('mismatchedSplit', () => {
  it('course C3 W2: 200,000 web + 10,000 app photos give train 205,000, dev and test 2,500 app photos', () => {
    const s = mismatchedSplit({
      otherSize: 200_000,
      targetSize: 10_000,
      dev: 2_500,
      test: 2_500,
      seed: 0,
    });
    expect(s.counts).toEqual({
      train: { target: 5_000, other: 200_000 },
      trainDev: { target: 0, other: 0 },
      dev: { target: 2_500, other: 0 },
      test: { target: 2_500, other: 0 },
    });
    const key = (r: { source: string; index: number }) => `${r.source}:${r.index}`;
    const all = new Set([...s.train, ...s.dev, ...s.test].map(key));
    expect(all.size).toBe(210_000);
  });

  it('course C3 W2: speech, 500,000 general + 20,000 rear-view mirror clips with a training-dev set', () => {
    const s = mismatchedSplit({
      otherSize: 500_000,
      targetSize: 20_000,
      dev: 0.25,
      test: 0.25,
      trainDev: 10_000,
      seed: 1,
    });
    expect(s.counts.dev).toEqual({ target: 5_000, other: 0 });
    expect(s.counts.test).toEqual({ target: 5_000, other: 0 });
    expect(s.train.length + s.trainDev.length).toBe(510_000);
    expect(s.trainDev.length).toBe(10_000);
    // The training-dev set has the training mix: 10,000 draws from 510,000 clips of which 10,000
    // are target clips, so 196.1 target clips with a hypergeometric σ of 13.7; allow 4σ. (The
    // former toBeCloseTo(10 / 510, 1) accepted anything in [-0.03, 0.07]: even 0 target clips.)
    expect(Math.abs(s.counts.trainDev.target - (10_000 * 10) / 510)).toBeLessThan(4 * 13.7);
  });

  it('rejects sizes that do not fit', () => {
    expect(() => mismatchedSplit({ otherSize: 10, targetSize: 100, dev: 60, test: 60 })).toThrow(
      'mismatchedSplit: dev (60) and test (60) need 120 target examples, but there are 100',
    );
    expect(() => mismatchedSplit({ otherSize: 10, targetSize: 100, dev: 0, test: 10 })).toThrow(
      'mismatchedSplit: dev and test must not be empty, got dev 0 and test 10',
    );
    expect(() => mismatchedSplit({ otherSize: 0, targetSize: 10, dev: 5, test: 5 })).toThrow(
      'mismatchedSplit: the training set is empty: lower dev and test or add other data',
    );
  });
});

describe('checkDevTestSources', () => {
  it('course C3 W1: dev from US/UK/Europe/South America and test from India/China/Asia/Australia warns', () => {
    const warnings: MetricWarning[] = [];
    const c = checkDevTestSources(
      ['US', 'UK', 'Other Europe', 'South America'],
      ['India', 'China', 'Other Asia', 'Australia'],
      { onWarning: (w) => warnings.push(w) },
    );
    expect(c.sameDistribution).toBe(false);
    expect(c.distance).toBe(1);
    expect(c.warnings).toEqual([
      'sources only in dev: Other Europe, South America, UK, US',
      'sources only in test: Australia, China, India, Other Asia',
      'dev and test come from different distributions: their source shares differ by 100% (total variation), more than the 5% tolerance; shuffle all sources together before splitting dev and test',
    ]);
    expect(warnings.length).toBe(3);
  });

  it('accepts dev and test drawn from one shuffled pool of all regions', () => {
    const regions = [
      'US',
      'UK',
      'Other Europe',
      'South America',
      'India',
      'China',
      'Other Asia',
      'Australia',
    ];
    const pool = range(8000).map((i) => regions[i % 8] as string);
    const { dev, test } = trainDevTestSplit(
      8000,
      { train: 0.5, dev: 0.25, test: 0.25 },
      { seed: 0 },
    );
    const c = checkDevTestSources(
      dev.map((i) => pool[i] as string),
      test.map((i) => pool[i] as string),
      { onWarning: () => undefined },
    );
    expect(c.sameDistribution).toBe(true);
    expect(c.distance).toBeLessThan(0.05);
  });

  it('rejects empty sets', () => {
    expect(() => checkDevTestSources([], ['a'])).toThrow(
      'checkDevTestSources: devSources is empty',
    );
  });
});
