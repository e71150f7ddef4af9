import { DlkitError, assertNumber } from '@dlkit/core';
import { schedule, type LearningRateSchedule } from './learning-rate-schedule.js';

/**
 * Options of {@link cosineDecayWithWarmup}.
 *
 * @category C2 W2 · Learning rate decay
 */
export interface CosineDecayOptions {
  /** The rate at step 0, where the linear warm-up starts, in [0, peak] (default 0). */
  initialLearningRate?: number;
  /** The final rate as a fraction of the peak, in [0, 1] (default 0). */
  alpha?: number;
}

/**
 * A linear warm-up then a cosine decay: from `initialLearningRate` at step 0 the rate rises
 * linearly to `peakLearningRate` at `warmupSteps`, then falls as
 * `peak · ((1 - alpha) · (1 + cos(π t / decaySteps)) / 2 + alpha)` with `t = step - warmupSteps`,
 * and stays at `alpha · peak` after `decaySteps` (Keras' `CosineDecay` with a warm-up; PyTorch's
 * `LinearLR` then `CosineAnnealingLR` with `eta_min = alpha · peak`).
 *
 * @param peakLearningRate - The rate at the end of the warm-up, at least 0.
 * @param warmupSteps - Length of the warm-up, a whole number at least 0 (0: start at the peak).
 * @param decaySteps - Length of the cosine, a whole number at least 1.
 * @param options - `initialLearningRate` (where the warm-up starts) and `alpha` (the floor).
 * @returns The schedule.
 *
 * @example
 * ```ts
 * import { cosineDecayWithWarmup } from '@dlkit/optimizers';
 * const lr = cosineDecayWithWarmup(0.1, 10, 100);
 * console.log(lr(0), lr(5), lr(10), lr(60), lr(110)); // 0 0.05 0.1 0.05 0
 * ```
 *
 * @see the guide page `docs/optimizers/schedules.md`
 * @category C2 W2 · Learning rate decay
 */
export function cosineDecayWithWarmup(
  peakLearningRate: number,
  warmupSteps: number,
  decaySteps: number,
  options?: CosineDecayOptions,
): LearningRateSchedule {
  const fn = 'cosineDecayWithWarmup';
  assertNumber(fn, 'peakLearningRate', peakLearningRate, { min: 0 });
  assertNumber(fn, 'warmupSteps', warmupSteps, { integer: true, min: 0 });
  assertNumber(fn, 'decaySteps', decaySteps, { integer: true, min: 1 });
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new DlkitError('value', fn, `options must be an object, got ${String(options)}`, {
      argument: 'options',
    });
  }
  const start = assertNumber(fn, 'initialLearningRate', options?.initialLearningRate ?? 0, {
    min: 0,
    max: peakLearningRate,
  });
  const alpha = assertNumber(fn, 'alpha', options?.alpha ?? 0, { min: 0, max: 1 });
  return schedule(fn, (step) => {
    if (step < warmupSteps) return start + ((peakLearningRate - start) * step) / warmupSteps;
    const t = Math.min(step - warmupSteps, decaySteps);
    const cosine = (1 + Math.cos((Math.PI * t) / decaySteps)) / 2;
    return peakLearningRate * ((1 - alpha) * cosine + alpha);
  });
}
