import * as tf from '@tensorflow/tfjs';
import { DlkitError, asCaller, assertNumber } from '@dlkit/core';
import type { LearningRateSchedule } from './learning-rate-schedule.js';
import {
  checkSchedulable,
  scheduledRate,
  setRate,
  type SchedulableOptimizer,
} from './set-learning-rate.js';

/**
 * Options of {@link learningRateScheduler}.
 *
 * @category C2 W2 · Learning rate decay
 */
export interface LearningRateSchedulerOptions {
  /** Whether the schedule's step is the epoch (the course, Keras' callback) or the batch, counted over the whole fit (default `'epoch'`). */
  per?: 'epoch' | 'batch';
  /** The optimizer to drive (default: the model's, `model.optimizer`). */
  optimizer?: SchedulableOptimizer;
}

/**
 * A `model.fit` callback that sets the optimizer's learning rate from a schedule before every
 * epoch (or batch). Made by {@link learningRateScheduler}.
 *
 * @category C2 W2 · Learning rate decay
 */
export class LearningRateScheduler extends tf.Callback {
  /** The rate set at each epoch (or batch) of the last fit, in order. */
  readonly rates: number[] = [];
  private target: SchedulableOptimizer | undefined;
  private batches = 0;

  private readonly learningRateSchedule: LearningRateSchedule;
  private readonly per: 'epoch' | 'batch';
  private readonly optimizer: SchedulableOptimizer | undefined;

  /**
   * @param learningRateSchedule - The schedule.
   * @param options - `per` (`'epoch'` or `'batch'`) and the `optimizer` (default: the model's).
   */
  constructor(learningRateSchedule: LearningRateSchedule, options?: LearningRateSchedulerOptions) {
    super();
    const fn = 'LearningRateScheduler';
    scheduledRate(fn, learningRateSchedule, 0);
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new DlkitError('value', fn, `options must be an object, got ${String(options)}`, {
        argument: 'options',
      });
    }
    const per = options?.per ?? 'epoch';
    if (per !== 'epoch' && per !== 'batch') {
      throw new DlkitError('value', fn, `per must be 'epoch' or 'batch', got ${String(per)}`, {
        argument: 'options.per',
      });
    }
    this.learningRateSchedule = learningRateSchedule;
    this.per = per;
    this.optimizer =
      options?.optimizer === undefined ? undefined : checkSchedulable(fn, options.optimizer);
  }

  /**
   * Finds the optimizer (checked) and resets the counters.
   *
   * @returns Nothing (a promise, as tfjs' callbacks).
   */
  override async onTrainBegin(): Promise<void> {
    const fn = 'learningRateScheduler';
    this.target = checkSchedulable(fn, this.optimizer ?? this.model?.optimizer);
    this.batches = 0;
    this.rates.length = 0;
  }

  /**
   * Sets the epoch's rate.
   *
   * @param epoch - The epoch, from 0.
   * @returns Nothing (a promise, as tfjs' callbacks).
   */
  override async onEpochBegin(epoch: number): Promise<void> {
    const fn = 'LearningRateScheduler.onEpochBegin';
    assertNumber(fn, 'epoch', epoch, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });
    if (this.per === 'epoch') this.apply(fn, epoch);
  }

  /**
   * Sets the batch's rate.
   *
   * @returns Nothing (a promise, as tfjs' callbacks).
   */
  override async onBatchBegin(): Promise<void> {
    if (this.per === 'batch') this.apply('LearningRateScheduler.onBatchBegin', this.batches++);
  }

  private apply(fn: string, step: number): void {
    if (this.target === undefined) {
      throw new DlkitError('state', fn, 'call onTrainBegin first (model.fit does)', {
        argument: 'this',
      });
    }
    const rate = scheduledRate('learningRateScheduler', this.learningRateSchedule, step);
    setRate(this.target, rate);
    this.rates.push(rate);
  }
}

/**
 * The callback that applies any schedule to any of dlkit's optimizers (or `tf.train.sgd`) during
 * `model.fit`: before each epoch (default) or batch it sets the optimizer's learning rate to
 * `schedule(epoch)` or `schedule(batch)`, the batch counted across epochs from 0. The rates it set
 * are in `.rates`. For a custom loop, use {@link applySchedule}.
 *
 * @param learningRateSchedule - Any {@link LearningRateSchedule}, e.g. `inverseTimeDecay(…)`.
 * @param options - `per` (`'epoch'` or `'batch'`) and the `optimizer` (default: the model's).
 * @returns The callback, for `fit`'s `callbacks`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { AdamOptimizer, exponentialDecay, learningRateScheduler } from '@dlkit/optimizers';
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
 * const opt = new AdamOptimizer(0.01);
 * model.compile({ optimizer: opt, loss: 'meanSquaredError' });
 * const xs = tf.tensor2d([[0, 1], [1, 0], [1, 1]]);
 * const ys = tf.tensor2d([[1], [-1], [0]]);
 * const scheduler = learningRateScheduler(exponentialDecay(0.01, 1, 0.5));
 * await model.fit(xs, ys, { epochs: 3, verbose: 0, callbacks: [scheduler] });
 * console.log(scheduler.rates, opt.learningRate); // [0.01, 0.005, 0.0025] 0.0025
 * tf.dispose([xs, ys]);
 * model.dispose();
 * opt.dispose();
 * ```
 *
 * @see the guide page `docs/optimizers/schedules.md`
 * @category C2 W2 · Learning rate decay
 */
export function learningRateScheduler(
  learningRateSchedule: LearningRateSchedule,
  options?: LearningRateSchedulerOptions,
): LearningRateScheduler {
  return asCaller(
    'learningRateScheduler',
    () => new LearningRateScheduler(learningRateSchedule, options),
  );
}
