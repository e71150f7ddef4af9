import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { fc, loadFixture } from '@dlkit/test-harness';
import { choice, intUniform, logUniform, oneMinusLogUniform, uniform } from './search-space.js';
import { sampleSearchSpace } from './sample-search-space.js';
import { refineSearchSpace } from './refine-search-space.js';
import { resultsJson, resultsTable } from './results-table.js';
import { coarseToFine, randomSearch } from './searches.js';
import type { TrialRecord } from './trial-record.js';

const fx = loadFixture<{ seed: number; trials: Record<string, number>[] }>('optimizers_tuning');
const SPACE = {
  learningRate: logUniform(1e-4, 1),
  beta: oneMinusLogUniform(0.9, 0.999),
  hiddenUnits: intUniform(50, 100),
  layers: uniform(2, 4),
};

describe('sampleSearchSpace', () => {
  it("draws the lecture's scales with np.random.seed(1)'s numbers", () => {
    const configs = sampleSearchSpace(SPACE, 20, fx.seed);
    configs.forEach((c, i) => {
      const ref = fx.trials[i]!;
      expect(c['learningRate']).toBeCloseTo(ref['learningRate']!, 12);
      expect(c['beta']).toBeCloseTo(ref['beta']!, 12);
      expect(c['hiddenUnits']).toBe(ref['hiddenUnits']);
      expect(c['layers']).toBeCloseTo(ref['layers']!, 12);
    });
  });

  it('stays inside every range and spreads over the decades', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const configs = sampleSearchSpace({ ...SPACE, act: choice(['relu', 'tanh']) }, 200, seed);
        for (const c of configs) {
          const lr = c['learningRate'] as number;
          expect(lr).toBeGreaterThanOrEqual(1e-4);
          expect(lr).toBeLessThanOrEqual(1);
          expect(c['beta']).toBeGreaterThanOrEqual(0.9);
          expect(c['beta']).toBeLessThanOrEqual(0.999);
          expect(Number.isInteger(c['hiddenUnits'])).toBe(true);
          expect(['relu', 'tanh']).toContain(c['act']);
        }
        // Log scale: each of the four decades gets between 10% and 40% of 200 draws.
        const decades = [0, 0, 0, 0];
        for (const c of configs)
          decades[Math.min(3, Math.floor(-Math.log10(c['learningRate'] as number)))]!++;
        for (const d of decades) expect(d).toBeGreaterThan(20);
      }),
      { seed: 42, numRuns: 20 },
    );
  });

  it('rejects bad spaces and counts', () => {
    expect(() => logUniform(0, 1)).toThrow('logUniform: low must be a finite number > 0, got 0');
    expect(() => uniform(2, 1)).toThrow('uniform: high must be at least low (2), got 1');
    expect(() => oneMinusLogUniform(0.9, 1)).toThrow(
      'oneMinusLogUniform: high must be a finite number >= 0 and < 1, got 1',
    );
    expect(() => intUniform(1.5, 3)).toThrow('intUniform: low must be an integer, got 1.5');
    expect(() => choice([])).toThrow('choice: values must be a non-empty array');
    expect(() => choice([Number.NaN])).toThrow(DlkitError);
    expect(() => sampleSearchSpace(SPACE, 1e9)).toThrow(
      'sampleSearchSpace: numTrials must be an integer >= 1 and <= 100000, got 1000000000',
    );
    expect(() => sampleSearchSpace({ lr: { kind: 'grid' } as never }, 2)).toThrow(
      'sampleSearchSpace: space.lr must be made by uniform, logUniform, oneMinusLogUniform, intUniform or choice',
    );
    expect(() => sampleSearchSpace({}, 2)).toThrow(
      'sampleSearchSpace: space must name at least one hyperparameter',
    );
    expect(() => sampleSearchSpace(null as never, 2)).toThrow(DlkitError);
  });
});

const record = (trial: number, lr: number, act: string, cost: number): TrialRecord => ({
  trial,
  seed: trial,
  config: { learningRate: lr, act },
  metrics: { cost },
});

describe('refineSearchSpace (coarse to fine)', () => {
  it('covers the best trials on the log scale, widened by the margin, inside the old range', () => {
    const space = { learningRate: logUniform(1e-5, 1), act: choice(['relu', 'tanh', 'sigmoid']) };
    const trials = [
      record(0, 1e-4, 'relu', 0.5),
      record(1, 1e-3, 'tanh', 0.1),
      record(2, 1e-2, 'relu', 0.2),
      record(3, 0.5, 'sigmoid', 0.9),
    ];
    const finer = refineSearchSpace(space, trials, { metric: 'cost', keep: 2, margin: 0.5 });
    const lr = finer['learningRate'] as { low: number; high: number };
    // Best two: 1e-3 and 1e-2: one decade, widened by half a decade each side.
    expect(Math.log10(lr.low)).toBeCloseTo(-3.5, 12);
    expect(Math.log10(lr.high)).toBeCloseTo(-1.5, 12);
    expect(finer['act']).toEqual({ kind: 'choice', values: ['relu', 'tanh'] });
    const max = refineSearchSpace(space, trials, {
      metric: 'cost',
      mode: 'max',
      keep: 1,
      margin: 10,
    });
    expect((max['learningRate'] as { high: number }).high).toBeCloseTo(1, 12); // clipped to the old range
  });

  it('coarseToFine samples its second round in the refined space and finds a better point', async () => {
    const cost = (c: Record<string, unknown>): number =>
      (Math.log10(c['learningRate'] as number) + 3) ** 2;
    const { trials, spaces } = await coarseToFine(
      { learningRate: logUniform(1e-6, 1) },
      (c) => ({ cost: cost(c) }),
      { numTrials: 12, rounds: 3, metric: 'cost', seed: 7 },
    );
    expect(trials.length).toBe(36);
    expect(new Set(trials.map((t) => t.trial)).size).toBe(36);
    expect(spaces.length).toBe(3);
    const width = (s: (typeof spaces)[number]): number => {
      const h = s['learningRate'] as { low: number; high: number };
      return Math.log10(h.high) - Math.log10(h.low);
    };
    expect(width(spaces[1]!)).toBeLessThan(width(spaces[0]!));
    expect(width(spaces[2]!)).toBeLessThanOrEqual(width(spaces[1]!));
    const round0Best = Math.min(
      ...trials.filter((t) => t.trial < 12).map((t) => t.metrics['cost']!),
    );
    expect(trials[0]!.metrics['cost']).toBeLessThanOrEqual(round0Best);
  });

  it('rejects bad trials and options', () => {
    const space = { learningRate: logUniform(1e-5, 1) };
    expect(() => refineSearchSpace(space, [], { metric: 'cost' })).toThrow(
      'refineSearchSpace: trials must hold at least one finished trial',
    );
    expect(() => refineSearchSpace(space, [{ trial: 0 }] as never, { metric: 'cost' })).toThrow(
      'refineSearchSpace: trials[0] must be a trial record { trial, seed, config, metrics }',
    );
    expect(() => refineSearchSpace(space, [record(0, 0.1, 'relu', 1)], { metric: '' })).toThrow(
      "refineSearchSpace: metric must be a metric's name, got ",
    );
  });
});

describe('results', () => {
  const trials = [
    record(0, 0.1, 'relu', 0.5),
    record(1, 0.01, 'tanh', 0.2),
    record(2, 0.3, 'relu', 0.9),
  ];

  it('the table and the JSON are sorted by the metric', () => {
    const table = resultsTable(trials, { metric: 'cost' }).split('\n');
    expect(table[0]).toBe('| rank | trial | cost | learningRate | act |');
    expect(table.slice(2).map((r) => r.split(' | ')[1])).toEqual(['1', '0', '2']);
    expect(table[2]).toBe('| 1 | 1 | 0.2000 | 0.01000 | tanh |');
    const json = JSON.parse(resultsJson(trials, { metric: 'cost', mode: 'max' })) as {
      mode: string;
      trials: TrialRecord[];
    };
    expect(json.mode).toBe('max');
    expect(json.trials.map((t) => t.trial)).toEqual([2, 0, 1]);
    expect(() => resultsTable('x' as never, { metric: 'cost' })).toThrow(
      'resultsTable: trials must be an array of trial records, got string',
    );
  });

  it('randomSearch = sampling + runTrials, the same with the same seed', async () => {
    const obj = (c: Record<string, unknown>): Record<string, number> => ({
      cost: (c['learningRate'] as number) + (c['hiddenUnits'] as number) / 100,
    });
    const a = await randomSearch(SPACE, obj, { numTrials: 5, metric: 'cost', seed: 3 });
    const b = await randomSearch(SPACE, obj, { numTrials: 5, metric: 'cost', seed: 3 });
    expect(a).toEqual(b);
    await expect(randomSearch(SPACE, obj, { metric: 'cost' } as never)).rejects.toThrow(
      'randomSearch: numTrials must be an integer >= 1 and <= 100000, got undefined',
    );
    await expect(
      coarseToFine(SPACE, null as never, { numTrials: 2, metric: 'cost' }),
    ).rejects.toThrow('coarseToFine: objective must be a function, got null');
    await expect(coarseToFine({}, obj, { numTrials: 2, metric: 'cost' })).rejects.toThrow(
      'coarseToFine: space must name at least one hyperparameter',
    );
    expect(a.map((t) => t.config)).toEqual(
      expect.arrayContaining(sampleSearchSpace(SPACE, 5, 3).map((c) => expect.objectContaining(c))),
    );
  });
});
