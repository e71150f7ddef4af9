import { assertNumber } from '@dlkit/core';

/**
 * The F-beta score of a known precision and recall, `(1 + β²)·P·R / (β²·P + R)`; with `beta` 1
 * it is F1 = `2 / (1/P + 1/R)`, the course's single number for comparing classifiers that
 * report precision and recall (cat app: A with P 95%, R 90% scores 92.4%; B with 98%, 85%
 * scores 91.0%, so A is better).
 *
 * @param precision - Precision in `[0, 1]`.
 * @param recall - Recall in `[0, 1]`.
 * @param beta - The weight of recall (default 1).
 * @returns The F-beta score; 0 when its denominator is 0 (recall 0).
 *
 * @example
 * ```ts
 * import { fScoreFromPrecisionRecall } from '@dlkit/strategy';
 * console.log(fScoreFromPrecisionRecall(0.95, 0.9)); // 0.924
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function fScoreFromPrecisionRecall(precision: number, recall: number, beta = 1): number {
  const fn = 'fScoreFromPrecisionRecall';
  const p = assertNumber(fn, 'precision', precision, { min: 0, max: 1 });
  const r = assertNumber(fn, 'recall', recall, { min: 0, max: 1 });
  if (beta !== Infinity) assertNumber(fn, 'beta', beta, { min: 0 });
  else return r;
  const b2 = beta * beta;
  const denom = b2 * p + r;
  return denom === 0 ? 0 : ((1 + b2) * p * r) / denom;
}
