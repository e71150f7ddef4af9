import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber, formatShape, assertOptions } from '@dlkit/core';
import {
  readLabels,
  readScoreMatrix,
  readScores,
  type Labels,
  type ScoreMatrix,
  type Scores,
} from './labels.js';

/**
 * Options of {@link logLoss}.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export interface LogLossOptions {
  /**
   * Probabilities are clipped to `[eps, 1 - eps]`. Default: the machine epsilon of the input
   * (`2.2e-16` for plain arrays, `1.19e-7` for float32 tensors), as scikit-learn's `eps='auto'`.
   */
  eps?: number;
  /** Mean over examples (default) or, when false, the sum. */
  normalize?: boolean;
}

/**
 * Log loss, the cross-entropy `-(1/m) Σ_i Σ_k y_ik log p_ik` (scikit-learn's `log_loss`).
 * Binary: `yPred` is `[m]`, the probability of class 1, and `yTrue` holds 0 and 1. Multi-class:
 * `yPred` is `[m, nClasses]` with column `k` the probability of class `k`; rows are renormalised
 * to sum to 1 and probabilities clipped to `[eps, 1 - eps]`, so the loss is always finite.
 *
 * @param yTrue - The true class indices, `[m]`.
 * @param yPred - Probabilities, `[m]` (binary) or `[m, nClasses]`.
 * @param options - `eps` and `normalize`.
 * @returns The mean (or total) log loss.
 *
 * @example
 * ```ts
 * import { logLoss } from '@dlkit/strategy';
 * console.log(logLoss([1, 0, 0, 1], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]])); // 0.216
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function logLoss(
  yTrue: Labels,
  yPred: Scores | ScoreMatrix,
  options: LogLossOptions = {},
): number {
  const fn = 'logLoss';
  assertOptions(fn, 'options', options, ['eps', 'normalize']);
  const t = readLabels(fn, 'yTrue', yTrue);
  const twoD =
    yPred instanceof tf.Tensor
      ? yPred.rank === 2
      : Array.isArray(yPred) && yPred.length > 0 && typeof yPred[0] === 'object';
  let rows: number;
  let cols: number;
  let values: Float64Array;
  let float32: boolean;
  if (twoD) {
    ({ rows, cols, values, float32 } = readScoreMatrix(fn, 'yPred', yPred as ScoreMatrix));
  } else {
    if (yPred instanceof tf.Tensor && yPred.rank !== 1) {
      throw new DlkitError(
        'shape',
        fn,
        `yPred must have shape [m] or [m, nClasses], got ${formatShape(yPred.shape)}`,
        { argument: 'yPred' },
      );
    }
    const p = readScores(fn, 'yPred', yPred as Scores);
    for (let i = 0; i < p.length; i++) {
      const v = p[i] as number;
      if (v < 0 || v > 1) {
        throw new DlkitError(
          'value',
          fn,
          `yPred must hold probabilities in [0, 1], got ${v} at index ${i}`,
          {
            argument: 'yPred',
          },
        );
      }
    }
    rows = p.length;
    cols = 2;
    values = new Float64Array(rows * 2);
    for (let i = 0; i < rows; i++) {
      values[2 * i] = 1 - (p[i] as number);
      values[2 * i + 1] = p[i] as number;
    }
    float32 = yPred instanceof tf.Tensor && yPred.dtype === 'float32';
  }
  if (rows !== t.length) {
    throw new DlkitError(
      'shape',
      fn,
      `yPred must have one row per label: yTrue has ${t.length} labels, yPred ${rows} rows`,
      { argument: 'yPred' },
    );
  }
  if (rows === 0) throw new DlkitError('value', fn, 'yTrue is empty', { argument: 'yTrue' });
  if (cols < 2) {
    throw new DlkitError('shape', fn, `yPred needs at least 2 classes, got ${cols}`, {
      argument: 'yPred',
    });
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < 0 || v > 1) {
      throw new DlkitError(
        'value',
        fn,
        `yPred must hold probabilities in [0, 1], got ${v} at [${Math.floor(i / cols)}, ${i % cols}]`,
        { argument: 'yPred' },
      );
    }
  }
  for (let i = 0; i < t.length; i++) {
    const y = t[i] as number;
    if (y < 0 || y >= cols) {
      throw new DlkitError(
        'value',
        fn,
        `yTrue holds label ${y} at index ${i}, outside the ${cols} classes [0, ${cols}) of yPred`,
        { argument: 'yTrue' },
      );
    }
  }
  const eps =
    options.eps === undefined
      ? float32
        ? 2 ** -23
        : Number.EPSILON
      : assertNumber(fn, 'eps', options.eps, { min: 0, max: 0.5, maxExclusive: true });
  let total = 0;
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < cols; c++)
      sum += Math.min(Math.max(values[r * cols + c] as number, eps), 1 - eps);
    const p = Math.min(Math.max(values[r * cols + (t[r] as number)] as number, eps), 1 - eps) / sum;
    total -= Math.log(p);
  }
  return options.normalize === false ? total : total / rows;
}
