import { describe, expect, it } from 'vitest';
import { selectModel } from '../selection/select-model.js';
import { accuracy } from './accuracy.js';
import { confusionMatrix } from './confusion-matrix.js';
import { fScoreFromPrecisionRecall } from './f-from-precision-recall.js';
import { f1Score, precisionScore, recallScore } from './precision-recall-f.js';
import { weightedError } from './weighted-error.js';

describe('C3 W1 cat app: the course scenarios of docs/strategy/metrics.md', () => {
  it('F1 picks classifier A (P 95%, R 90%) over B (P 98%, R 85%)', () => {
    const f1A = fScoreFromPrecisionRecall(0.95, 0.9);
    const f1B = fScoreFromPrecisionRecall(0.98, 0.85);
    // Hand: 2·0.95·0.9 / 1.85 and 2·0.98·0.85 / 1.83.
    expect(f1A).toBeCloseTo(1.71 / 1.85, 12);
    expect(f1B).toBeCloseTo(1.666 / 1.83, 12);
    expect(Math.round(f1A * 1000) / 10).toBe(92.4);
    expect(Math.round(f1B * 1000) / 10).toBe(91);
    const choice = selectModel(
      [
        { name: 'A', precision: 0.95, recall: 0.9, f1: f1A },
        { name: 'B', precision: 0.98, recall: 0.85, f1: f1B },
      ],
      { optimizing: { metric: 'f1' } },
    );
    expect(choice.best).toBe('A');
    // Precision alone would have picked B: why the course wants a single number.
    expect(
      selectModel(
        [...choice.verdicts.map((v) => ({ name: v.name, p: v.name === 'A' ? 0.95 : 0.98 }))],
        {
          optimizing: { metric: 'p' },
        },
      ).best,
    ).toBe('B');
  });

  it("classifier A's predictions give P 95%, R 90% and the confusion matrix of the guide", () => {
    const yTrue = [...Array(190).fill(1), ...Array(810).fill(0)];
    const yPred = [
      ...Array(171).fill(1),
      ...Array(19).fill(0),
      ...Array(9).fill(1),
      ...Array(801).fill(0),
    ];
    expect(precisionScore(yTrue, yPred)).toBe(0.95);
    expect(recallScore(yTrue, yPred)).toBe(0.9);
    expect(f1Score(yTrue, yPred)).toBeCloseTo(fScoreFromPrecisionRecall(0.95, 0.9), 12);
    expect(confusionMatrix(yTrue, yPred).matrix).toEqual([
      [801, 9],
      [19, 171],
    ]);
  });

  it('the weighted error reverses the ranking when A lets pornographic images through', () => {
    const yTrue = Array.from({ length: 1000 }, (_, i) => (i < 450 ? 1 : 0));
    const weights = yTrue.map((_, i) => (i >= 900 ? 10 : 1));
    const predA = yTrue.map((y, i) => (i < 10 || i >= 980 ? 1 - y : y));
    const predB = yTrue.map((y, i) => (i < 50 ? 1 - y : y));
    expect(1 - accuracy(yTrue, predA)).toBeCloseTo(0.03, 12);
    expect(1 - accuracy(yTrue, predB)).toBeCloseTo(0.05, 12);
    // Weighted: A errs on 10 ordinary images (weight 1) and 20 pornographic ones (weight 10).
    expect(weightedError(yTrue, predA, weights)).toBeCloseTo(210 / 1900, 12);
    expect(weightedError(yTrue, predB, weights)).toBeCloseTo(50 / 1900, 12);
    expect(weightedError(yTrue, predB, weights)).toBeLessThan(weightedError(yTrue, predA, weights));
  });
});
