import { DlkitError, assertNumber } from '@dlkit/core';
import { diagnose, type Diagnosis } from '../diagnosis/diagnose.js';

/**
 * Errors measured after training on one training-set size.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export interface LearningCurvePoint {
  /** The training-set size. */
  size: number;
  /** Error on the examples trained on. */
  trainError: number;
  /** Error on the dev set. */
  devError: number;
}

/**
 * What the user's training function reports.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export interface TrainResult {
  /** Error on the examples trained on. */
  trainError: number;
  /** Error on the dev set. */
  devError: number;
}

/**
 * The user's training function: trains a fresh model on the first `size` training examples (or a
 * sample of that size) and reports its training and dev error.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export type TrainAtSize = (size: number, step: number) => Promise<TrainResult> | TrainResult;

/**
 * Progress of {@link learningCurve}, reported after each size.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export interface LearningCurveProgress {
  /** How many sizes are done (1-based). */
  step: number;
  /** How many sizes in all. */
  total: number;
  /** The point just measured. */
  point: LearningCurvePoint;
}

/**
 * Options of {@link learningCurve}.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export interface LearningCurveOptions {
  /** Training-set sizes, increasing. */
  sizes: readonly number[];
  /** Human-level error (the Bayes proxy) for the diagnosis and the plot. */
  humanLevel?: number;
  /** Whether errors are fractions (default) or percentages. */
  unit?: 'fraction' | 'percent';
  /** Called after each size with the point measured. */
  onProgress?: (progress: LearningCurveProgress) => void;
}

/**
 * A learning curve with its diagnosis.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export interface LearningCurve {
  /** One point per size. */
  points: LearningCurvePoint[];
  /** The unit of the errors. */
  unit: 'fraction' | 'percent';
  /** Human-level error, or null. */
  humanLevel: number | null;
  /** The diagnosis at the largest size. */
  diagnosis: Diagnosis;
  /** What the curve's shape says about getting more data. */
  trend: string;
}

/**
 * Runs the user's training function at growing training-set sizes and records training and dev
 * error at each, then diagnoses the largest size. A dev error still falling with a gap to training
 * error says more data will help (variance); curves that have met above human level say it will
 * not (bias). Plot the result with {@link learningCurveSpec}.
 *
 * @param train - Trains at a size and returns `{ trainError, devError }` (sync or async).
 * @param options - `sizes`, `humanLevel`, `unit`, `onProgress`.
 * @returns The points, the diagnosis at the largest size and the trend.
 *
 * @example
 * ```ts
 * import { learningCurve } from '@dlkit/strategy';
 * const curve = await learningCurve(
 *   async (size) => ({ trainError: 0.02 + 1 / size, devError: 0.05 + 20 / size }),
 *   { sizes: [100, 1000, 10000], humanLevel: 0.01, onProgress: (p) => console.log(p.step, '/', p.total) },
 * );
 * console.log(curve.diagnosis.dominant, curve.trend);
 * ```
 *
 * @see The guide `docs/strategy/learning-curves.md`.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export async function learningCurve(
  train: TrainAtSize,
  options: LearningCurveOptions,
): Promise<LearningCurve> {
  const fn = 'learningCurve';
  if (typeof train !== 'function') {
    throw new DlkitError(
      'value',
      fn,
      'train must be a function (size, step) => { trainError, devError }',
      {
        argument: 'train',
      },
    );
  }
  const sizes = options?.sizes;
  if (!Array.isArray(sizes) || sizes.length === 0) {
    throw new DlkitError('value', fn, 'sizes must list at least one training-set size', {
      argument: 'sizes',
    });
  }
  sizes.forEach((s, i) => {
    assertNumber(fn, `sizes[${i}]`, s, { integer: true, min: 1 });
    if (i > 0 && s <= (sizes[i - 1] as number)) {
      throw new DlkitError('value', fn, `sizes must increase, got ${sizes[i - 1]} then ${s}`, {
        argument: 'sizes',
      });
    }
  });
  const unit = options.unit ?? 'fraction';
  const max = unit === 'percent' ? 100 : 1;
  const points: LearningCurvePoint[] = [];
  for (const [k, size] of sizes.entries()) {
    let result: TrainResult;
    try {
      result = await train(size, k);
    } catch (cause) {
      throw new DlkitError(
        'state',
        fn,
        `train failed at size ${size}: ${cause instanceof Error ? cause.message : String(cause)}`,
        { argument: 'train', cause },
      );
    }
    const trainError = assertNumber(fn, `trainError at size ${size}`, result?.trainError, {
      min: 0,
      max,
    });
    const devError = assertNumber(fn, `devError at size ${size}`, result?.devError, {
      min: 0,
      max,
    });
    const point = { size, trainError, devError };
    points.push(point);
    options.onProgress?.({ step: k + 1, total: sizes.length, point });
  }
  const last = points[points.length - 1] as LearningCurvePoint;
  const humanLevel = options.humanLevel ?? null;
  const diagnosis = diagnose(
    { ...(humanLevel === null ? {} : { humanLevel }), train: last.trainError, dev: last.devError },
    { unit },
  );
  let trend: string;
  if (points.length < 2) {
    trend = 'one size only: measure at least two sizes to see whether more data helps';
  } else {
    const prev = points[points.length - 2] as LearningCurvePoint;
    const drop = prev.devError - last.devError;
    const gap = last.devError - last.trainError;
    const scale = Math.max(last.devError, 1e-12);
    if (drop > 0.05 * scale && gap > 0.1 * scale) {
      trend = `dev error is still falling (by ${round(drop)} over the last size step) with a gap of ${round(gap)} to training error: more training data is likely to help`;
    } else if (diagnosis.dominant === 'avoidable-bias') {
      trend = `dev error has flattened and training error sits ${round(diagnosis.gaps.avoidableBias ?? 0)} above human level: more data alone will not help, reduce bias`;
    } else {
      trend = `dev error has flattened (change ${round(drop)} over the last size step): more data of the same kind brings little`;
    }
  }
  return { points, unit, humanLevel, diagnosis, trend };
}

function round(v: number): number {
  return Number(v.toPrecision(4));
}
