import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, fc, loadFixture } from '@dlkit/test-harness';
import { auc } from './auc.js';
import { logLoss } from './log-loss.js';
import { averagePrecisionScore, precisionRecallCurve } from './precision-recall-curve.js';
import { rocAucScore, rocCurve } from './roc.js';
import { topKAccuracy } from './top-k.js';
import type { MetricWarning } from './warnings.js';

interface Curve {
  [k: string]: number[];
}
interface Fixture {
  binary: {
    name: string;
    y_true: number[];
    y_score: number[];
    pos_label: number | null;
    roc: Curve;
    roc_all: Curve;
    pr: Curve;
    roc_auc: number;
    average_precision: number;
    pr_auc: number;
  }[];
  single_class: {
    roc: {
      y_true: number[];
      y_score: number[];
      fpr: (number | null)[];
      tpr: number[];
      thresholds: number[];
      warnings: number;
    };
    pr: {
      y_true: number[];
      y_score: number[];
      precision: number[];
      recall: number[];
      thresholds: number[];
      warnings: number;
    };
  };
  auc: { x: number[]; y: number[]; auc: number }[];
  top_k: { y_true: number[]; y_score: number[][]; k: Record<string, number> }[];
  log_loss: {
    y_true: number[];
    y_pred: number[] | number[][];
    loss: number;
    sum: number | null;
    eps?: number;
  }[];
  ovr: { y_true: number[]; y_score: number[][]; macro: number; weighted: number }[];
}

const fx = loadFixture<Fixture>('strategy_curves');
const close = (a: number[]) => a.map((v) => expect.closeTo(v, 12));

describe('ROC and precision-recall curves', () => {
  for (const c of fx.binary) {
    it(`equal scikit-learn 1.2's: ${c.name}`, () => {
      const o = c.pos_label === null ? {} : { posLabel: c.pos_label };
      const roc = rocCurve(c.y_true, c.y_score, o);
      expect(roc.fpr).toEqual(close(c.roc.fpr as number[]));
      expect(roc.tpr).toEqual(close(c.roc.tpr as number[]));
      expect(roc.thresholds).toEqual(close(c.roc.thresholds as number[]));
      const all = rocCurve(c.y_true, c.y_score, { ...o, dropIntermediate: false });
      expect(all.fpr).toEqual(close(c.roc_all.fpr as number[]));
      expect(all.thresholds).toEqual(close(c.roc_all.thresholds as number[]));
      const pr = precisionRecallCurve(c.y_true, c.y_score, o);
      expect(pr.precision).toEqual(close(c.pr.precision as number[]));
      expect(pr.recall).toEqual(close(c.pr.recall as number[]));
      expect(pr.thresholds).toEqual(close(c.pr.thresholds as number[]));
      expect(rocAucScore(c.y_true, c.y_score, o)).toBeCloseTo(c.roc_auc, 12);
      expect(averagePrecisionScore(c.y_true, c.y_score, o)).toBeCloseTo(c.average_precision, 12);
      expect(auc(pr.recall, pr.precision)).toBeCloseTo(c.pr_auc, 12);
    });
  }

  it('warn, never silently, when yTrue holds one class', () => {
    const warnings: MetricWarning[] = [];
    const onWarning = (w: MetricWarning) => warnings.push(w);
    const r = fx.single_class.roc;
    const roc = rocCurve(r.y_true, r.y_score, { onWarning });
    expect(roc.fpr.every(Number.isNaN)).toBe(true);
    expect(r.fpr.every((v) => v === null)).toBe(true);
    expect(roc.tpr).toEqual(close(r.tpr));
    expect(roc.thresholds).toEqual(close(r.thresholds));
    expect(warnings.map((w) => w.message)).toEqual([
      'no negative examples in yTrue: the false positive rate is undefined and set to NaN',
    ]);
    expect(warnings.length).toBe(r.warnings);
    warnings.length = 0;
    const p = fx.single_class.pr;
    const pr = precisionRecallCurve(p.y_true, p.y_score, { onWarning });
    expect(pr.precision).toEqual(close(p.precision));
    expect(pr.recall).toEqual(close(p.recall));
    expect(warnings.length).toBe(p.warnings);
    expect(() => rocAucScore([1, 1], [0.3, 0.4])).toThrow(
      'rocAucScore: yTrue holds only one class: ROC AUC is not defined (it needs positive and negative examples)',
    );
  });

  it('ROC AUC is the probability that a positive outranks a negative (hand count)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 5 })), {
          minLength: 2,
          maxLength: 30,
        }),
        (pairs) => {
          const y = pairs.map((p) => (p[0] ? 1 : 0));
          const s = pairs.map((p) => p[1] / 5);
          const pos = s.filter((_, i) => y[i] === 1);
          const neg = s.filter((_, i) => y[i] === 0);
          if (pos.length === 0 || neg.length === 0) return;
          let wins = 0;
          for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
          expect(rocAucScore(y, s)).toBeCloseTo(wins / (pos.length * neg.length), 12);
        },
      ),
    );
  });

  it('read tensors and leak nothing', async () => {
    const c = fx.binary[2] as Fixture['binary'][number];
    const y = tf.tensor1d(c.y_true, 'int32');
    const s = tf.tensor1d(c.y_score, 'float32');
    expect(await expectNoLeaks(() => rocCurve(y, s))).toBe(0);
    expect(await expectNoLeaks(() => precisionRecallCurve(y, s))).toBe(0);
    expect(rocAucScore(y, s)).toBeCloseTo(c.roc_auc, 6);
    tf.dispose([y, s]);
  });

  it('reject bad input with clear messages', () => {
    expect(() => rocCurve([0, 1, 1], [0.1, 0.2])).toThrow(
      'rocCurve: yTrue and yScore must have the same number of elements, got [3] and [2]',
    );
    expect(() => rocCurve([], [])).toThrow('rocCurve: yTrue is empty');
    expect(() => rocCurve([0, 1, 2], [0.1, 0.2, 0.3])).toThrow(
      'rocCurve: yTrue must hold at most 2 classes for a binary curve, got [0, 1, 2]',
    );
    expect(() => precisionRecallCurve([2, 5], [0.1, 0.2])).toThrow(
      'precisionRecallCurve: yTrue holds labels [2, 5]: give posLabel (the default 1 needs labels in {0, 1})',
    );
    expect(() => averagePrecisionScore([0, 1], [0.1, NaN])).toThrow(
      'averagePrecisionScore: yScore must hold finite numbers, got NaN at index 1',
    );
    expect(() => auc([0, 1, 0.5], [0, 1, 1])).toThrow('auc: x must be increasing or decreasing');
    expect(() => auc([0], [0])).toThrow('auc: x needs at least 2 points, got 1');
    expect(() => auc([0, 1], [0])).toThrow(
      'auc: x and y must have the same length, got [2] and [1]',
    );
  });
});

describe('rocAucScore one-vs-rest', () => {
  it("equals scikit-learn's multi_class='ovr' (macro and weighted)", async () => {
    for (const c of fx.ovr) {
      expect(rocAucScore(c.y_true, c.y_score)).toBeCloseTo(c.macro, 12);
      expect(rocAucScore(c.y_true, c.y_score, { average: 'weighted' })).toBeCloseTo(c.weighted, 12);
      const y = tf.tensor1d(c.y_true, 'int32');
      const s = tf.tensor2d(c.y_score);
      expect(await expectNoLeaks(() => rocAucScore(y, s))).toBe(0);
      expect(rocAucScore(y, s)).toBeCloseTo(c.macro, 6);
      tf.dispose([y, s]);
    }
  });

  it('rejects an absent class, labels outside the columns and a bad average', () => {
    const s = [
      [0.6, 0.3, 0.1],
      [0.2, 0.7, 0.1],
    ];
    expect(() => rocAucScore([0, 1], s)).toThrow(
      'rocAucScore: class 2 has no examples in yTrue: its one-vs-rest ROC AUC is not defined',
    );
    expect(() => rocAucScore([0, 3], s)).toThrow(
      "rocAucScore: yTrue holds label 3 at index 1, outside the 3 classes [0, 3) of yScore's columns",
    );
    expect(() => rocAucScore([0, 1], s, { average: 'micro' as never })).toThrow(
      "rocAucScore: average must be 'macro' or 'weighted', got micro",
    );
  });
});

describe('auc', () => {
  it("equals scikit-learn's trapezoidal area", () => {
    for (const c of fx.auc) expect(auc(c.x, c.y)).toBeCloseTo(c.auc, 12);
  });
});

describe('topKAccuracy', () => {
  it("equals scikit-learn's, ties included", () => {
    for (const c of fx.top_k) {
      for (const [k, want] of Object.entries(c.k)) {
        expect(topKAccuracy(c.y_true, c.y_score, Number(k))).toBeCloseTo(want, 12);
      }
    }
  });

  it('reads a [m, nClasses] tensor, warns when k covers every class, and leaks nothing', async () => {
    const c = fx.top_k[0] as Fixture['top_k'][number];
    const y = tf.tensor1d(c.y_true, 'int32');
    const s = tf.tensor2d(c.y_score);
    expect(await expectNoLeaks(() => topKAccuracy(y, s, 2))).toBe(0);
    expect(topKAccuracy(y, s, 2)).toBeCloseTo(c.k['2'] as number, 12);
    const warnings: MetricWarning[] = [];
    expect(topKAccuracy(y, s, 4, { onWarning: (w) => warnings.push(w) })).toBe(1);
    expect(warnings[0]?.message).toBe(
      'k (4) is at least the number of classes (4): every example is a hit, the score is meaningless',
    );
    tf.dispose([y, s]);
  });

  it('rejects bad input', () => {
    expect(() =>
      topKAccuracy(
        [0, 3],
        [
          [0.1, 0.9],
          [0.5, 0.5],
        ],
        1,
      ),
    ).toThrow(
      "topKAccuracy: yTrue holds label 3 at index 1, outside the 2 classes [0, 2) of yScore's columns",
    );
    expect(() => topKAccuracy([0, 1], [[0.1, 0.9]], 1)).toThrow(
      'topKAccuracy: yScore must have one row per label: yTrue has shape [2], yScore [1, 2]',
    );
    expect(() => topKAccuracy([0], [[0.1, 0.9]], 0)).toThrow(
      'topKAccuracy: k must be an integer >= 1, got 0',
    );
    expect(() => topKAccuracy([0, 1], [[0.1, 0.9], [0.3]], 1)).toThrow(
      'topKAccuracy: yScore must have shape [m, nClasses]: row 1 has 1 values, row 0 has 2',
    );
  });
});

describe('logLoss', () => {
  it("equals scikit-learn's (binary, multi-class unnormalised rows, clipping, eps, sum)", () => {
    for (const c of fx.log_loss) {
      const o = c.eps === undefined ? {} : { eps: c.eps };
      expect(logLoss(c.y_true, c.y_pred, o)).toBeCloseTo(c.loss, 10);
      if (c.sum !== null)
        expect(logLoss(c.y_true, c.y_pred, { normalize: false })).toBeCloseTo(c.sum, 9);
      expect(Number.isFinite(logLoss(c.y_true, c.y_pred, o))).toBe(true);
    }
  });

  it('reads float32 tensors (float32 epsilon) and leaks nothing', async () => {
    const c = fx.log_loss[1] as Fixture['log_loss'][number];
    const y = tf.tensor1d(c.y_true, 'int32');
    const p = tf.tensor2d(c.y_pred as number[][]);
    expect(await expectNoLeaks(() => logLoss(y, p))).toBe(0);
    expect(logLoss(y, p)).toBeCloseTo(c.loss, 5);
    tf.dispose([y, p]);
  });

  it('rejects bad input', () => {
    expect(() => logLoss([0, 1], [0.5])).toThrow(
      'logLoss: yPred must have one row per label: yTrue has 2 labels, yPred 1 rows',
    );
    expect(() => logLoss([0, 2], [0.5, 0.4])).toThrow(
      'logLoss: yTrue holds label 2 at index 1, outside the 2 classes [0, 2) of yPred',
    );
    expect(() => logLoss([0, 1], [0.5, 1.5])).toThrow(
      'logLoss: yPred must hold probabilities in [0, 1], got 1.5 at index 1',
    );
    expect(() => logLoss([], [])).toThrow('logLoss: yTrue is empty');
  });
});
