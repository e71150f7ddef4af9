import { describe, expect, it } from 'vitest';
import { fc } from '@dlkit/test-harness';
import { selectModel, type CandidateRow } from './select-model.js';

describe('selectModel', () => {
  it('course C3 W1: maximize accuracy subject to running time <= 100 ms picks B', () => {
    const s = selectModel(
      [
        { name: 'A', accuracy: 0.9, runningTimeMs: 80 },
        { name: 'B', accuracy: 0.92, runningTimeMs: 95 },
        { name: 'C', accuracy: 0.95, runningTimeMs: 1500 },
      ],
      { optimizing: { metric: 'accuracy' }, satisficing: [{ metric: 'runningTimeMs', max: 100 }] },
    );
    expect(s.best).toBe('B');
    expect(s.verdicts.map((v) => [v.name, v.kept, v.rank])).toEqual([
      ['B', true, 1],
      ['A', true, 2],
      ['C', false, null],
    ]);
    expect(s.verdicts[2]?.explanation).toBe(
      'dropped: runningTimeMs 1500 fails runningTimeMs <= 100 (its accuracy 0.95 does not matter)',
    );
    expect(s.verdicts[1]?.explanation).toBe(
      "kept, rank 2: accuracy 0.9 is 0.02 below B's 0.92 and meets every satisficing constraint",
    );
    expect(s.text).toBe(
      [
        'Chosen: B (maximize accuracy subject to runningTimeMs <= 100).',
        '- B: chosen: accuracy 0.92 is the highest of the 2 candidate(s) that meet every constraint',
        "- A: kept, rank 2: accuracy 0.9 is 0.02 below B's 0.92 and meets every satisficing constraint",
        '- C: dropped: runningTimeMs 1500 fails runningTimeMs <= 100 (its accuracy 0.95 does not matter)',
        '',
      ].join('\n'),
    );
  });

  it('course C3 W1: the lowest average error over four regions picks algorithm C', () => {
    const rows: CandidateRow[] = [
      { name: 'A', US: 3, China: 7, India: 5, Other: 9 },
      { name: 'B', US: 5, China: 6, India: 5, Other: 10 },
      { name: 'C', US: 2, China: 3, India: 4, Other: 5 },
      { name: 'D', US: 5, China: 8, India: 7, Other: 2 },
      { name: 'E', US: 4, China: 5, India: 2, Other: 4 },
      { name: 'F', US: 7, China: 11, India: 8, Other: 12 },
    ];
    const mean = (r: CandidateRow) =>
      ((r.US as number) + (r.China as number) + (r.India as number) + (r.Other as number)) / 4;
    const s = selectModel(rows, {
      optimizing: { metric: mean, name: 'average error %', goal: 'min' },
    });
    expect(s.best).toBe('C');
    expect(s.verdicts.map((v) => v.score)).toEqual([3.5, 3.75, 5.5, 6, 6.5, 9.5]);
    expect(s.verdicts[0]?.explanation).toBe(
      'chosen: average error % 3.5 is the lowest of the 6 candidate(s)',
    );
  });

  it('course C3 W1: wake words, maximize accuracy with at most 1 false positive per 24 hours', () => {
    const s = selectModel(
      [
        { name: 'loud', accuracy: 0.98, falsePositivesPer24h: 3 },
        { name: 'calm', accuracy: 0.95, falsePositivesPer24h: 0.5 },
        { name: 'deaf', accuracy: 0.7, falsePositivesPer24h: 0 },
      ],
      {
        optimizing: { metric: 'accuracy' },
        satisficing: [{ metric: 'falsePositivesPer24h', max: 1 }],
      },
    );
    expect(s.best).toBe('calm');
  });

  it('reports when nothing meets the constraints, handles min bounds and ties', () => {
    const none = selectModel([{ name: 'big', accuracy: 0.99, sizeMB: 50 }], {
      optimizing: { metric: 'accuracy' },
      satisficing: [{ metric: 'sizeMB', max: 10 }],
    });
    expect(none.best).toBeNull();
    expect(none.text.startsWith('No candidate meets every satisficing constraint.')).toBe(true);
    const tie = selectModel(
      [
        { name: 'x', recall: 0.5, precision: 0.7 },
        { name: 'y', recall: 0.5, precision: 0.9 },
        { name: 'z', recall: 0.9, precision: 0.2 },
      ],
      { optimizing: { metric: 'recall' }, satisficing: [{ metric: 'precision', min: 0.5 }] },
    );
    expect(tie.best).toBe('x');
    expect(tie.verdicts.map((v) => v.rank)).toEqual([1, 1, null]);
    expect(tie.verdicts[1]?.explanation).toMatch(/^kept, rank 1: recall 0.5 ties with x/);
    expect(tie.verdicts[2]?.checks).toEqual(['precision 0.2 fails 0.5 <= precision']);
  });

  it('chooses a kept candidate whose score no other kept candidate beats', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 200 })),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (rows) => {
          const table = rows.map(([acc, ms], i) => ({ name: `m${i}`, acc, ms }));
          const s = selectModel(table, {
            optimizing: { metric: 'acc' },
            satisficing: [{ metric: 'ms', max: 100 }],
          });
          const ok = table.filter((r) => r.ms <= 100);
          if (ok.length === 0) expect(s.best).toBeNull();
          else {
            const best = table.find((r) => r.name === s.best);
            expect(best?.ms).toBeLessThanOrEqual(100);
            for (const r of ok) expect(r.acc).toBeLessThanOrEqual(best?.acc as number);
          }
          expect(s.verdicts.length).toBe(table.length);
        },
      ),
    );
  });

  it('rejects bad tables and criteria', () => {
    expect(() => selectModel([], { optimizing: { metric: 'acc' } })).toThrow(
      'selectModel: candidates is empty: give at least one row',
    );
    expect(() =>
      selectModel(
        [
          { name: 'a', acc: 1 },
          { name: 'a', acc: 2 },
        ],
        { optimizing: { metric: 'acc' } },
      ),
    ).toThrow('selectModel: candidate names must be unique, got "a" twice');
    expect(() =>
      selectModel([{ name: 'a', acc: 'high' }], { optimizing: { metric: 'acc' } }),
    ).toThrow('selectModel: candidate "a" (row 0) must have a finite number acc, got high');
    expect(() =>
      selectModel([{ name: 'a', acc: 1 }], {
        optimizing: { metric: 'acc' },
        satisficing: [{ metric: 'ms' }],
      }),
    ).toThrow('selectModel: satisficing[0] (ms) needs a max, a min or both');
    expect(() =>
      selectModel([{ name: 'a', acc: 1 }], {
        optimizing: { metric: 'acc' },
        satisficing: [{ metric: 'ms', max: 1 }],
      }),
    ).toThrow('selectModel: candidate "a" (row 0) must have a finite number ms, got nothing');
  });
});
