// Issue 11: the scheduler callback named its factory function in errors of its constructor and
// methods, onEpochBegin took any epoch, and applySchedule threw a TypeError for no optimizer.
import { describe, expect, it } from 'vitest';
import { LearningRateScheduler, learningRateScheduler } from './learning-rate-scheduler.js';
import { applySchedule } from './set-learning-rate.js';

describe('schedules bad input', () => {
  it('names the class or the factory the user called', async () => {
    expect(() => new LearningRateScheduler(undefined as never)).toThrow(
      'LearningRateScheduler: learningRateSchedule must be a function of the step, got undefined',
    );
    expect(() => learningRateScheduler(null as never)).toThrow(
      'learningRateScheduler: learningRateSchedule must be a function of the step, got null',
    );
    const scheduler = new LearningRateScheduler(() => 0.1);
    await expect(scheduler.onEpochBegin(NaN)).rejects.toThrow(
      'LearningRateScheduler.onEpochBegin: epoch must be an integer >= 0 and <= 9007199254740991, got NaN',
    );
    await expect(scheduler.onEpochBegin(0)).rejects.toThrow(
      'LearningRateScheduler.onEpochBegin: call onTrainBegin first (model.fit does)',
    );
  });

  it('applySchedule rejects a missing optimizer', () => {
    expect(() => applySchedule(undefined as never, () => 0.1, 0)).toThrow(
      "applySchedule: optimizer must be one of dlkit's optimizers or tf.train.sgd, got undefined",
    );
  });
});
