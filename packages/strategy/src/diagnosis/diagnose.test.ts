import { describe, expect, it } from 'vitest';
import { fc } from '@dlkit/test-harness';
import { diagnose, formatDiagnosis } from './diagnose.js';
import { REMEDIES } from './remedies.js';

const pct = { unit: 'percent' } as const;

describe('diagnose: the course scenarios', () => {
  it('C3 W1 cat classifier: human 1%, train 8%, dev 10% is a bias problem', () => {
    const d = diagnose({ humanLevel: 1, train: 8, dev: 10 }, pct);
    expect(d.gaps.avoidableBias).toBe(7);
    expect(d.gaps.variance).toBe(2);
    expect(d.dominant).toBe('avoidable-bias');
    expect(d.remedies).toEqual(REMEDIES['avoidable-bias']);
    expect(d.remedies[0]).toBe('train a bigger model');
  });

  it('C3 W1: the same errors with human 7.5% make it a variance problem', () => {
    const d = diagnose({ humanLevel: 7.5, train: 8, dev: 10 }, pct);
    expect(d.gaps.avoidableBias).toBe(0.5);
    expect(d.gaps.variance).toBe(2);
    expect(d.dominant).toBe('variance');
    expect(d.remedies).toContain('regularize (L2, dropout, data augmentation)');
  });

  it('C3 W1 medical imaging: the team of experienced doctors (0.5%) is the Bayes proxy', () => {
    const humanLevel = {
      'typical human': 3,
      'typical doctor': 1,
      'experienced doctor': 0.7,
      'team of experienced doctors': 0.5,
    };
    const a = diagnose({ humanLevel, train: 5, dev: 6 }, pct);
    expect(a.bayesProxy).toEqual({ value: 0.5, source: 'team of experienced doctors' });
    expect(a.gaps.avoidableBias).toBe(4.5);
    expect(a.dominant).toBe('avoidable-bias');
    expect(diagnose({ humanLevel, train: 1, dev: 5 }, pct).dominant).toBe('variance');
    // Near human level the choice of proxy matters: 0.2% avoidable bias against 0.1% variance.
    const c = diagnose({ humanLevel, train: 0.7, dev: 0.8 }, pct);
    expect(c.gaps.avoidableBias).toBeCloseTo(0.2, 12);
    expect(c.gaps.variance).toBeCloseTo(0.1, 12);
    expect(c.dominant).toBe('avoidable-bias');
  });

  it('C3 W1 surpassing human level: training error below the team of humans is flagged', () => {
    const humanLevel = { 'team of humans': 0.5, 'one human': 1 };
    const a = diagnose({ humanLevel, train: 0.6, dev: 0.8 }, pct);
    expect(a.dominant).toBe('variance');
    const b = diagnose({ humanLevel, train: 0.3, dev: 0.4 }, pct);
    expect(b.gaps.avoidableBias).toBeCloseTo(-0.2, 12);
    expect(b.ranking.map((r) => r.problem)).toEqual(['variance']);
    expect(b.notes[0]).toMatch(
      /^training error is below the Bayes proxy \(team of humans\): the model surpasses human level/,
    );
  });

  it('C3 W2 mismatched distributions: variance, data mismatch, bias, bias + mismatch', () => {
    expect(diagnose({ humanLevel: 0, train: 1, trainDev: 9, dev: 10 }, pct).dominant).toBe(
      'variance',
    );
    const mismatch = diagnose({ humanLevel: 0, train: 1, trainDev: 1.5, dev: 10 }, pct);
    expect(mismatch.dominant).toBe('data-mismatch');
    expect(mismatch.gaps.dataMismatch).toBe(8.5);
    expect(mismatch.remedies[0]).toBe(
      'carry out manual error analysis to understand how the training and dev/test sets differ',
    );
    expect(diagnose({ humanLevel: 0, train: 10, trainDev: 11, dev: 12 }, pct).dominant).toBe(
      'avoidable-bias',
    );
    const both = diagnose({ humanLevel: 0, train: 10, trainDev: 11, dev: 20 }, pct);
    expect(both.ranking).toEqual([
      { problem: 'avoidable-bias', gap: 10 },
      { problem: 'data-mismatch', gap: 9 },
      { problem: 'variance', gap: 1 },
    ]);
  });

  it('C3 W2 rear-view mirror speech: general data human 4%, train 7%, train-dev 10%; mirror data human 6%, dev 6%', () => {
    const d = diagnose({ humanLevel: 4, train: 7, trainDev: 10, dev: 6, targetHumanLevel: 6 }, pct);
    expect(d.gaps).toEqual({
      avoidableBias: 3,
      variance: 3,
      dataMismatch: -4,
      devOverfitting: null,
    });
    expect(d.ranking.map((r) => r.problem)).toEqual(['avoidable-bias', 'variance']);
    expect(d.notes).toContain(
      'dev error is below training-dev error: the dev/test data is easier than the training distribution (negative data mismatch)',
    );
    expect(d.notes).toContain(
      'dev error 6% is at or below human level on the dev/test data (6%): little avoidable bias is left on that distribution',
    );
  });

  it('C3 W1 orthogonalization: good on dev but not on test is overfitting to dev', () => {
    const d = diagnose({ humanLevel: 1, train: 1.5, trainDev: 2, dev: 2.5, test: 7 }, pct);
    expect(d.dominant).toBe('dev-overfitting');
    expect(d.remedies).toEqual(['get a bigger dev set']);
    const real = diagnose({ train: 0.01, dev: 0.02, test: 0.02 }, { performsInRealWorld: false });
    expect(real.notes).toContain(
      'the system does well on the test set but not in the real world: change the dev/test set or the cost function',
    );
  });
});

describe('diagnose: rules and reports', () => {
  it('gaps telescope: bias + variance + mismatch + dev overfitting = test - Bayes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 5, maxLength: 5 }),
        (v) => {
          const [h, tr, td, dv, te] = v.map((x) => x / 1000) as [
            number,
            number,
            number,
            number,
            number,
          ];
          const d = diagnose({ humanLevel: h, train: tr, trainDev: td, dev: dv, test: te });
          const g = d.gaps;
          const sum =
            (g.avoidableBias ?? 0) +
            (g.variance ?? 0) +
            (g.dataMismatch ?? 0) +
            (g.devOverfitting ?? 0);
          expect(sum).toBeCloseTo(te - h, 9);
          if (d.dominant !== null)
            expect(d.ranking[0]?.gap).toBe(Math.max(...d.ranking.map((r) => r.gap)));
        },
      ),
    );
  });

  it('prints a text report and JSON', () => {
    const d = diagnose({ humanLevel: 0, train: 1, trainDev: 1.5, dev: 10 }, pct);
    expect(formatDiagnosis(d)).toBe(
      [
        'Error levels',
        '  Bayes proxy (human-level error)  0%',
        '  training error                   1%',
        '  training-dev error               1.5%',
        '  dev error                        10%',
        '  test error                       -',
        'Gaps',
        '  avoidable bias                   1%',
        '  variance                         0.5%',
        '  data mismatch                    8.5%  <- dominant',
        '  overfitting to dev               -',
        'Dominant problem: data mismatch',
        'Remedies:',
        '  - carry out manual error analysis to understand how the training and dev/test sets differ',
        '  - make the training data more similar to dev/test (e.g. artificial data synthesis: add car noise to clean speech)',
        '  - collect more training data similar to the dev/test sets',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(formatDiagnosis(d, 'json'))).toEqual(d);
    const none = diagnose({ humanLevel: 0.05, train: 0.05, dev: 0.05 });
    expect(none.dominant).toBeNull();
    expect(formatDiagnosis(none)).toContain('Dominant problem: none (no positive gap)');
  });

  it('rejects bad levels with clear messages', () => {
    expect(() => diagnose({ humanLevel: 1, train: 8, dev: 10 })).toThrow(
      "diagnose: train must be a fraction in [0, 1], got 8; pass unit: 'percent' for percentages",
    );
    expect(() => diagnose({ train: 0.1, dev: -0.1 })).toThrow(
      'diagnose: dev must be a finite number >= 0 and <= 1, got -0.1',
    );
    expect(() => diagnose({ train: 8, dev: 120 }, pct)).toThrow(
      'diagnose: dev must be a finite number >= 0 and <= 100, got 120',
    );
    expect(() => diagnose({ dev: 0.1 } as never)).toThrow('diagnose: train error is missing');
    expect(() => diagnose({ humanLevel: {}, train: 0.1, dev: 0.1 })).toThrow(
      'diagnose: humanLevel names no level',
    );
    expect(() => diagnose({ train: 0.1, dev: 0.1 }, { unit: 'ratio' as never })).toThrow(
      "diagnose: unit must be 'fraction' or 'percent', got ratio",
    );
  });
});
