import { assertNumber } from '@dlkit/core';
import {
  checkStaircase,
  schedule,
  type LearningRateSchedule,
  type StaircaseOptions,
} from './learning-rate-schedule.js';

/**
 * Exponential decay, `α = α0 · decayRate^(step / decaySteps)` (Keras' `ExponentialDecay`; with
 * `decaySteps` 1, PyTorch's `ExponentialLR` with `gamma = decayRate`). The lecture's
 * `α = 0.95^epoch · α0` is `exponentialDecay(α0, 1, 0.95)`.
 *
 * @param initialLearningRate - `α0`, at least 0.
 * @param decaySteps - Steps over which the rate is multiplied by `decayRate`, above 0.
 * @param decayRate - The factor, in (0, 1] for a decay.
 * @param options - `staircase`: decay only every `decaySteps` steps.
 * @returns The schedule.
 *
 * @example
 * ```ts
 * import { exponentialDecay } from '@dlkit/optimizers';
 * const lr = exponentialDecay(0.1, 10, 0.5);
 * console.log(lr(0), lr(10), lr(20)); // 0.1 0.05 0.025
 * ```
 *
 * @see the guide page `docs/optimizers/schedules.md`
 * @category C2 W2 · Learning rate decay
 */
export function exponentialDecay(
  initialLearningRate: number,
  decaySteps: number,
  decayRate: number,
  options?: StaircaseOptions,
): LearningRateSchedule {
  const fn = 'exponentialDecay';
  assertNumber(fn, 'initialLearningRate', initialLearningRate, { min: 0 });
  assertNumber(fn, 'decaySteps', decaySteps, { min: 0, minExclusive: true });
  assertNumber(fn, 'decayRate', decayRate, { min: 0, minExclusive: true });
  const staircase = checkStaircase(fn, options);
  return schedule(fn, (step) => {
    const p = step / decaySteps;
    return initialLearningRate * decayRate ** (staircase ? Math.floor(p) : p);
  });
}
