import { assertNumber } from '@dlkit/core';
import {
  checkStaircase,
  schedule,
  type LearningRateSchedule,
  type StaircaseOptions,
} from './learning-rate-schedule.js';

/**
 * Inverse-time decay, `α = α0 / (1 + decayRate · step / decaySteps)` (Keras' `InverseTimeDecay`).
 * The course's `updateLr` is `inverseTimeDecay(α0, 1, decayRate)` and its `scheduleLrDecay` with a
 * time interval is `inverseTimeDecay(α0, timeInterval, decayRate, { staircase: true })`, with the
 * epoch as the step.
 *
 * @param initialLearningRate - `α0`, at least 0.
 * @param decaySteps - The time interval, above 0.
 * @param decayRate - How fast the rate falls, at least 0.
 * @param options - `staircase`: `⌊step / decaySteps⌋` (the course's fixed interval).
 * @returns The schedule.
 *
 * @example
 * ```ts
 * import { inverseTimeDecay } from '@dlkit/optimizers';
 * const lr = inverseTimeDecay(0.5, 1000, 0.3, { staircase: true });
 * console.log(lr(999), lr(1000), lr(2500)); // 0.5 0.3846153846153846 0.3125
 * ```
 *
 * @see the guide page `docs/optimizers/schedules.md`
 * @category C2 W2 · Learning rate decay
 */
export function inverseTimeDecay(
  initialLearningRate: number,
  decaySteps: number,
  decayRate: number,
  options?: StaircaseOptions,
): LearningRateSchedule {
  const fn = 'inverseTimeDecay';
  assertNumber(fn, 'initialLearningRate', initialLearningRate, { min: 0 });
  assertNumber(fn, 'decaySteps', decaySteps, { min: 0, minExclusive: true });
  assertNumber(fn, 'decayRate', decayRate, { min: 0 });
  const staircase = checkStaircase(fn, options);
  return schedule(fn, (step) => {
    const p = step / decaySteps;
    return initialLearningRate / (1 + decayRate * (staircase ? Math.floor(p) : p));
  });
}
