import { DlkitError, assertNumber } from '@dlkit/core';

/**
 * A learning-rate schedule: the rate for a step (or epoch) counted from 0. Every schedule of
 * this module is one; any function of this type works with {@link learningRateScheduler} and
 * {@link applySchedule}.
 *
 * @category C2 W2 · Learning rate decay
 */
export type LearningRateSchedule = (step: number) => number;

/** Wraps a schedule's formula so that it checks its step (a whole number, at least 0). */
export function schedule(fn: string, formula: (step: number) => number): LearningRateSchedule {
  return (step: number): number =>
    formula(assertNumber(fn, 'step', step, { integer: true, min: 0 }));
}

/** Checks the `staircase` option of a schedule. */
export function checkStaircase(fn: string, options: unknown): boolean {
  if (options === undefined || options === null) return false;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new DlkitError('value', fn, `options must be an object, got ${typeof options}`, {
      argument: 'options',
    });
  }
  const staircase: unknown = (options as { staircase?: unknown }).staircase ?? false;
  if (typeof staircase !== 'boolean') {
    throw new DlkitError('value', fn, `staircase must be a boolean, got ${typeof staircase}`, {
      argument: 'options.staircase',
    });
  }
  return staircase;
}

/**
 * Options of the decay schedules that can change in steps.
 *
 * @category C2 W2 · Learning rate decay
 */
export interface StaircaseOptions {
  /** Whether the rate changes only every `decaySteps` (`⌊step / decaySteps⌋`; default false). */
  staircase?: boolean;
}
