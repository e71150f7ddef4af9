import { assertNumber } from '@dlkit/core';
import { schedule, type LearningRateSchedule } from './learning-rate-schedule.js';

/**
 * Step decay, the lecture's "discrete staircase": `α = α0 · gamma^⌊step / stepSize⌋` (PyTorch's
 * `StepLR`).
 *
 * @param initialLearningRate - `α0`, at least 0.
 * @param stepSize - Steps between two drops, a whole number at least 1.
 * @param gamma - The factor of each drop, above 0 (0.1 by default, PyTorch's).
 * @returns The schedule.
 *
 * @example
 * ```ts
 * import { stepDecay } from '@dlkit/optimizers';
 * const lr = stepDecay(1, 30, 0.1);
 * console.log(lr(29), lr(30), lr(60)); // 1 0.1 0.010000000000000002
 * ```
 *
 * @see the guide page `docs/optimizers/schedules.md`
 * @category C2 W2 · Learning rate decay
 */
export function stepDecay(
  initialLearningRate: number,
  stepSize: number,
  gamma = 0.1,
): LearningRateSchedule {
  const fn = 'stepDecay';
  assertNumber(fn, 'initialLearningRate', initialLearningRate, { min: 0 });
  assertNumber(fn, 'stepSize', stepSize, { integer: true, min: 1 });
  assertNumber(fn, 'gamma', gamma, { min: 0, minExclusive: true });
  return schedule(fn, (step) => initialLearningRate * gamma ** Math.floor(step / stepSize));
}
