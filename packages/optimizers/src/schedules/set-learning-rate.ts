import * as tf from '@tensorflow/tfjs';
import { DlkitError, describeValue, assertNumber } from '@dlkit/core';
import { SlotOptimizer } from '../slots/slot-optimizer.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';

/**
 * An optimizer whose learning rate a schedule can set: dlkit's (`AdamOptimizer`,
 * `AdamWOptimizer`, `MomentumOptimizer`, `RmspropOptimizer`, any `SlotOptimizer`) or
 * `tf.train.sgd`'s, the one tfjs optimizer with `setLearningRate`.
 *
 * @category C2 W2 · Learning rate decay
 */
export type SchedulableOptimizer = SlotOptimizer | tf.SGDOptimizer;

/** Whether `value` is `tf.train.sgd`'s optimizer (tfjs' `instanceof` accepts any optimizer). */
function isPlainSgd(value: unknown): value is tf.SGDOptimizer {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === tf.SGDOptimizer.prototype
  );
}

/** Checks that an optimizer's rate can be set, and returns it typed. */
export function checkSchedulable(fn: string, optimizer: unknown): SchedulableOptimizer {
  if (optimizer instanceof SlotOptimizer || isPlainSgd(optimizer)) return optimizer;
  // tf.Optimizer's instanceof reads `.minimize`: only ask it about objects.
  const what =
    typeof optimizer === 'object' &&
    optimizer !== null &&
    optimizer instanceof tf.Optimizer &&
    typeof optimizer.getClassName === 'function'
      ? `a ${optimizer.getClassName()} (tfjs' optimizers other than sgd keep their rate fixed)`
      : describeValue(optimizer);
  throw new DlkitError(
    'value',
    fn,
    `optimizer must be one of dlkit's optimizers or tf.train.sgd, got ${what}`,
    { argument: 'optimizer' },
  );
}

/** Sets the rate of a checked optimizer. */
export function setRate(optimizer: SchedulableOptimizer, rate: number): void {
  if (optimizer instanceof SlotOptimizer) optimizer.learningRate = rate;
  else optimizer.setLearningRate(rate);
}

/**
 * Sets an optimizer's learning rate to a schedule's value for a step: the custom-loop twin of
 * {@link learningRateScheduler}. Call it before the step's `minimize` or `applyGradients`.
 *
 * @param optimizer - One of dlkit's optimizers, or `tf.train.sgd`.
 * @param learningRateSchedule - The schedule.
 * @param step - The step (or epoch) number, a whole number from 0.
 * @returns The rate set.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { MomentumOptimizer, applySchedule, stepDecay } from '@dlkit/optimizers';
 * const init = tf.scalar(1);
 * const x = tf.variable(init);
 * const opt = new MomentumOptimizer(0.1, 0.9);
 * const lr = stepDecay(0.1, 2, 0.5);
 * for (let step = 0; step < 4; step++) {
 *   applySchedule(opt, lr, step);
 *   opt.minimize(() => x.square());
 * }
 * console.log(opt.learningRate); // 0.05
 * opt.dispose();
 * tf.dispose([x, init]);
 * ```
 *
 * @see the guide page `docs/optimizers/schedules.md`
 * @category C2 W2 · Learning rate decay
 */
export function applySchedule(
  optimizer: SchedulableOptimizer,
  learningRateSchedule: LearningRateSchedule,
  step: number,
): number {
  const fn = 'applySchedule';
  const opt = checkSchedulable(fn, optimizer);
  const rate = scheduledRate(fn, learningRateSchedule, step);
  setRate(opt, rate);
  return rate;
}

/** The schedule's rate for a step, checked: a schedule that returns NaN or a negative rate fails. */
export function scheduledRate(
  fn: string,
  learningRateSchedule: LearningRateSchedule,
  step: number,
): number {
  if (typeof learningRateSchedule !== 'function') {
    throw new DlkitError(
      'value',
      fn,
      `learningRateSchedule must be a function of the step, got ${learningRateSchedule === null ? 'null' : typeof learningRateSchedule}`,
      { argument: 'learningRateSchedule' },
    );
  }
  assertNumber(fn, 'step', step, { integer: true, min: 0 });
  return assertNumber(fn, `learningRateSchedule(${step})`, learningRateSchedule(step), { min: 0 });
}
