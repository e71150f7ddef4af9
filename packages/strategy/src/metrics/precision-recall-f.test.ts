import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { expectNoLeaks, fc, loadFixture } from '@dlkit/test-harness';
import { accuracy } from './accuracy.js';
import { classificationReport } from './classification-report.js';
import { confusionMatrix } from './confusion-matrix.js';
import {
  f1Score,
  fbetaScore,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  type Average,
  type AveragedOptions,
} from './precision-recall-f.js';
import { weightedError } from './weighted-error.js';
import type { MetricWarning, ZeroDivision } from './warnings.js';

interface Scores {
  precision: number;
  recall: number;
  f1: number;
  fbeta: number;
  warnings: { precision: number; recall: number; f1: number; fbeta: number };
}
type ReportEntry = { precision: number; recall: number; 'f1-score': number; support: number };
interface PrfCase {
  name: string;
  y_true: number[];
  y_pred: number[];
  beta: number;
  labels?: number[];
  zero_division: 'warn' | 0 | 1;
  micro: Scores;
  macro: Scores;
  weighted: Scores;
  binary?: Scores;
  per_class: {
    precision: number[];
    recall: number[];
    fbeta: number[];
    support: number[];
    warnings: number;
  };
  confusion_matrix: number[][];
  report_text: string;
  report_dict: Record<string, ReportEntry | number>;
}
interface Fixture {
  prf: PrfCase[];
  pos_label: {
    y_true: number[];
    y_pred: number[];
    pos_label: number;
    precision: number;
    recall: number;
    f1: number;
  }[];
  weighted_error: { y_true: number[]; y_pred: number[]; weights: number[]; error: number }[];
}

const fx = loadFixture<Fixture>('strategy_metrics');

function counting(): { warnings: MetricWarning[]; onWarning: (w: MetricWarning) => void } {
  const warnings: MetricWarning[] = [];
  return { warnings, onWarning: (w) => warnings.push(w) };
}

describe('precision, recall, F1, F-beta', () => {
  for (const c of fx.prf) {
    it(`equal scikit-learn's, warnings included: ${c.name}`, () => {
      const base: AveragedOptions = { zeroDivision: c.zero_division as ZeroDivision };
      if (c.labels) base.labels = c.labels;
      for (const average of ['micro', 'macro', 'weighted', 'binary'] as Average[]) {
        const want = c[average];
        if (want === undefined) continue;
        const got = (f: (o: AveragedOptions) => number, n: number, what: string) => {
          const w = counting();
          const v = f({ ...base, average, onWarning: w.onWarning });
          expect(v, `${average} ${what}`).toBeCloseTo(want[what as 'f1'] as number, 12);
          expect(w.warnings.length, `${average} ${what} warnings`).toBe(n);
          expect(Number.isNaN(v)).toBe(false);
        };
        got((o) => precisionScore(c.y_true, c.y_pred, o), want.warnings.precision, 'precision');
        got((o) => recallScore(c.y_true, c.y_pred, o), want.warnings.recall, 'recall');
        got((o) => f1Score(c.y_true, c.y_pred, o), want.warnings.f1, 'f1');
        got((o) => fbetaScore(c.y_true, c.y_pred, c.beta, o), want.warnings.fbeta, 'fbeta');
      }
      const w = counting();
      const per = precisionRecallFscoreSupport(c.y_true, c.y_pred, {
        ...base,
        beta: c.beta,
        onWarning: w.onWarning,
      });
      expect(per.precision).toEqual(c.per_class.precision.map((v) => expect.closeTo(v, 12)));
      expect(per.recall).toEqual(c.per_class.recall.map((v) => expect.closeTo(v, 12)));
      expect(per.fScore).toEqual(c.per_class.fbeta.map((v) => expect.closeTo(v, 12)));
      expect(per.support).toEqual(c.per_class.support);
      expect(w.warnings.length).toBe(c.per_class.warnings);
      const cm = confusionMatrix(c.y_true, c.y_pred, c.labels ? { labels: c.labels } : {});
      expect(cm.matrix).toEqual(c.confusion_matrix);
    });

    it(`classificationReport prints and returns scikit-learn's report: ${c.name}`, () => {
      const options = {
        zeroDivision: c.zero_division as ZeroDivision,
        ...(c.labels ? { labels: c.labels } : {}),
      };
      const report = classificationReport(c.y_true, c.y_pred, options);
      expect(report.text).toBe(c.report_text);
      for (const row of report.classes) {
        const want = c.report_dict[String(row.label)] as ReportEntry;
        expect(row.precision).toBeCloseTo(want.precision, 12);
        expect(row.recall).toBeCloseTo(want.recall, 12);
        expect(row.f1Score).toBeCloseTo(want['f1-score'], 12);
        expect(row.support).toBe(want.support);
      }
      if ('accuracy' in c.report_dict) {
        expect(report.accuracy).toBeCloseTo(c.report_dict.accuracy as number, 12);
        expect(report.microAvg).toBeUndefined();
      } else {
        expect(report.accuracy).toBeUndefined();
      }
      const rows: [typeof report.macroAvg, string][] = [
        [report.macroAvg, 'macro avg'],
        [report.weightedAvg, 'weighted avg'],
      ];
      if (report.microAvg) rows.push([report.microAvg, 'micro avg']);
      for (const [row, key] of rows) {
        const want = c.report_dict[key] as ReportEntry;
        expect(row.precision).toBeCloseTo(want.precision, 12);
        expect(row.recall).toBeCloseTo(want.recall, 12);
        expect(row.f1Score).toBeCloseTo(want['f1-score'], 12);
      }
      expect(report.warnings.length).toBe(c.per_class.warnings);
    });
  }

  it('use posLabel for binary averaging, on any two labels', () => {
    for (const c of fx.pos_label) {
      const o = { posLabel: c.pos_label };
      expect(precisionScore(c.y_true, c.y_pred, o)).toBeCloseTo(c.precision, 12);
      expect(recallScore(c.y_true, c.y_pred, o)).toBeCloseTo(c.recall, 12);
      expect(f1Score(c.y_true, c.y_pred, o)).toBeCloseTo(c.f1, 12);
    }
  });

  it('a class never predicted: precision 0 and one warning naming the class (hand-computed)', () => {
    // Class 2 has 3 true examples and is never predicted: precision 0/0, recall 0/3.
    const w = counting();
    const per = precisionRecallFscoreSupport([0, 1, 2, 2, 1, 0, 2], [0, 1, 1, 0, 1, 0, 1], {
      onWarning: w.onWarning,
    });
    expect(per.precision[2]).toBe(0);
    expect(per.recall[2]).toBe(0);
    expect(w.warnings).toEqual([
      {
        fn: 'precisionRecallFscoreSupport',
        labels: [2],
        message:
          'precision and F-score are ill-defined for label(s) [2] with no predicted samples and set to 0; pass zeroDivision: 0 or 1 to choose the value and silence this warning',
      },
    ]);
    // Class 0: 2 true, predicted 3 times, 2 right; class 1: 2 true, predicted 4 times, 2 right.
    expect(per.precision.slice(0, 2)).toEqual([2 / 3, 2 / 4]);
    expect(per.recall.slice(0, 2)).toEqual([1, 1]);
  });

  it('send warnings to console.warn when there is no onWarning', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(precisionScore([0, 1, 2], [0, 0, 1], { average: 'macro' })).toBeCloseTo(1 / 6, 12);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]?.[0])).toMatch(
        /^precisionScore: precision is ill-defined for label\(s\) \[2\]/,
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('read int32 tensors of any shape and leak nothing', async () => {
    const c = fx.prf[1] as PrfCase;
    const t = tf.tensor1d(c.y_true, 'int32');
    const p = tf.tensor2d(c.y_pred, [c.y_pred.length, 1], 'int32');
    expect(await expectNoLeaks(() => f1Score(t, p, { average: 'macro' }))).toBe(0);
    expect(f1Score(t, p, { average: 'macro' })).toBeCloseTo(c.macro.f1, 12);
    expect(confusionMatrix(t, p).matrix).toEqual(c.confusion_matrix);
    expect(classificationReport(t, p).text).toBe(c.report_text);
    tf.dispose([t, p]);
  });

  it('micro-averaged F1 equals accuracy and F1 lies between precision and recall', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 40,
        }),
        (pairs) => {
          const t = pairs.map((x) => x[0]);
          const p = pairs.map((x) => x[1]);
          const quiet = { onWarning: () => undefined };
          expect(f1Score(t, p, { ...quiet, average: 'micro' })).toBeCloseTo(accuracy(t, p), 12);
          const per = precisionRecallFscoreSupport(t, p, quiet);
          per.fScore.forEach((f, i) => {
            const a = per.precision[i] as number;
            const b = per.recall[i] as number;
            expect(f).toBeGreaterThanOrEqual(Math.min(a, b) - 1e-12);
            expect(f).toBeLessThanOrEqual(Math.max(a, b) + 1e-12);
          });
          const cm = confusionMatrix(t, p);
          expect(cm.matrix.flat().reduce((s, v) => s + v, 0)).toBe(t.length);
        },
      ),
    );
  });

  it('reject bad input with clear messages', () => {
    expect(() => precisionScore([0, 1], [0])).toThrow(
      'precisionScore: yTrue and yPred must have the same number of labels, got [2] and [1]',
    );
    expect(() => recallScore([], [])).toThrow('recallScore: yTrue is empty');
    expect(() => f1Score([0, 1, 2], [0, 1, 2])).toThrow(
      "f1Score: average 'binary' needs at most 2 classes, but yTrue and yPred hold [0, 1, 2]; use average 'macro', 'micro' or 'weighted'",
    );
    expect(() => f1Score([0, 2], [2, 0])).toThrow(
      'f1Score: posLabel 1 is not one of the labels [0, 2]',
    );
    expect(() => f1Score([0, 1, 3], [0, 1, 1], { average: 'macro', labels: [0, 1, 2] })).toThrow(
      'f1Score: yTrue holds label 3 at index 2, which is not in labels [0, 1, 2]',
    );
    expect(() => confusionMatrix([0, 1], [0, 7], { labels: [0, 1] })).toThrow(
      'confusionMatrix: yPred holds label 7 at index 1, which is not in labels [0, 1]',
    );
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [0, 0, 1] })).toThrow(
      'confusionMatrix: labels must be distinct, got 0 twice',
    );
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [] })).toThrow(
      'confusionMatrix: labels must be a non-empty array of class labels',
    );
    expect(() => precisionScore([0, 1], [0, 1], { average: 'samples' as Average })).toThrow(
      "precisionScore: average must be 'binary', 'micro', 'macro' or 'weighted', got samples",
    );
    expect(() => precisionScore([0, 1], [0, 1], { zeroDivision: 2 as ZeroDivision })).toThrow(
      "precisionScore: zeroDivision must be 'warn', 0 or 1, got 2",
    );
    expect(() => fbetaScore([0, 1], [0, 1], -1)).toThrow(
      'fbetaScore: beta must be a finite number >= 0, got -1',
    );
    expect(() => classificationReport([0, 1], [0, 1], { targetNames: ['cat'] })).toThrow(
      'classificationReport: targetNames has 1 names for 2 classes',
    );
  });
});

describe('weightedError', () => {
  it("equals 1 - scikit-learn's weighted accuracy", () => {
    for (const c of fx.weighted_error) {
      expect(weightedError(c.y_true, c.y_pred, c.weights)).toBeCloseTo(c.error, 12);
    }
  });

  it('rejects negative, all-zero and mismatched weights', () => {
    expect(() => weightedError([0, 1], [0, 0], [1, -1])).toThrow(
      'weightedError: weights must be >= 0, got -1 at index 1',
    );
    expect(() => weightedError([0, 1], [0, 0], [0, 0])).toThrow(
      'weightedError: weights sum to 0: the weighted error is undefined',
    );
    expect(() => weightedError([0, 1], [0, 0], [1])).toThrow(
      'weightedError: weights must have one value per label: yTrue has 2 labels, weights shape [1]',
    );
  });
});
