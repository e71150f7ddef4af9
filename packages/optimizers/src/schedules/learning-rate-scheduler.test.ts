import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError, RandomState } from '@dlkit/core';
import { expectNoLeaks, expectTensorsClose } from '@dlkit/test-harness';
import { AdamOptimizer } from '../adam/adam-optimizer.js';
import { AdamWOptimizer } from '../adamw/adamw-optimizer.js';
import { MomentumOptimizer } from '../momentum/momentum-optimizer.js';
import { RmspropOptimizer } from '../rmsprop/rmsprop-optimizer.js';
import type { SlotOptimizer } from '../slots/slot-optimizer.js';
import { learningRateScheduler } from './learning-rate-scheduler.js';
import { applySchedule } from './set-learning-rate.js';
import { inverseTimeDecay } from './inverse-time-decay.js';
import { stepDecay } from './step-decay.js';

const build = (): tf.Sequential =>
  tf.sequential({
    layers: [
      tf.layers.dense({ units: 3, inputShape: [2], activation: 'tanh', kernelInitializer: 'ones' }),
      tf.layers.dense({ units: 1, kernelInitializer: 'ones' }),
    ],
  });

function data(): { xs: tf.Tensor; ys: tf.Tensor } {
  const rs = new RandomState(1);
  return { xs: rs.randn(12, 2), ys: rs.randn(12, 1) };
}

const OPTIMIZERS: [string, () => SlotOptimizer][] = [
  ['MomentumOptimizer', () => new MomentumOptimizer(0.1, 0.9)],
  ['RmspropOptimizer', () => new RmspropOptimizer(0.01)],
  ['AdamOptimizer', () => new AdamOptimizer(0.01)],
  ['AdamWOptimizer', () => new AdamWOptimizer(0.01, 0.1)],
];

describe('learningRateScheduler during model.fit', () => {
  it('sets the rate the optimizer reads, per batch, counted across epochs', async () => {
    const model = build();
    const opt = new MomentumOptimizer(0.1, 0.5);
    model.compile({ optimizer: opt, loss: 'meanSquaredError' });
    const { xs, ys } = data();
    const schedule = inverseTimeDecay(0.1, 2, 1, { staircase: true });
    const seen: number[] = [];
    const reader = new tf.CustomCallback({
      onBatchBegin: async () => {
        seen.push(opt.learningRate);
      },
    });
    const scheduler = learningRateScheduler(schedule, { per: 'batch' });
    await model.fit(xs, ys, {
      epochs: 2,
      batchSize: 4,
      shuffle: false,
      verbose: 0,
      callbacks: [scheduler, reader],
    });
    const expected = [0, 1, 2, 3, 4, 5].map((t) => 0.1 / (1 + Math.floor(t / 2)));
    expect(seen).toEqual(expected);
    expect(scheduler.rates).toEqual(expected);
    tf.dispose([xs, ys]);
    model.dispose();
    opt.dispose();
  });

  it('trains exactly like tf.train.sgd driven by hand at the same rates', async () => {
    // MomentumOptimizer with beta 0 in the pytorch form is plain SGD, so the schedule's effect can be
    // compared with tfjs' own SGD, whose rate is set by setLearningRate before each batch.
    const a = build();
    const b = build();
    const opt = new MomentumOptimizer(0.1, 0, { form: 'pytorch' });
    a.compile({ optimizer: opt, loss: 'meanSquaredError' });
    const sgd = tf.train.sgd(1);
    b.compile({ optimizer: sgd, loss: 'meanSquaredError' });
    const { xs, ys } = data();
    const schedule = stepDecay(0.2, 2, 0.25);
    const h = await a.fit(xs, ys, {
      epochs: 4,
      batchSize: 12,
      verbose: 0,
      callbacks: [learningRateScheduler(schedule)],
    });
    const losses: number[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      sgd.setLearningRate(schedule(epoch));
      losses.push((await b.trainOnBatch(xs, ys)) as number);
    }
    expectTensorsClose(h.history['loss'] as number[], losses, { rtol: 1e-5 });
    b.getWeights().forEach((w, i) => expectTensorsClose(a.getWeights()[i]!, w, { rtol: 1e-5 }));
    tf.dispose([xs, ys]);
    a.dispose();
    b.dispose();
    opt.dispose();
    sgd.dispose();
  });

  for (const [name, make] of OPTIMIZERS) {
    it(`${name}: a rate of 0 set by the schedule freezes the weights, a rate > 0 moves them`, async () => {
      const model = build();
      const opt = make();
      model.compile({ optimizer: opt, loss: 'meanSquaredError' });
      const { xs, ys } = data();
      const snapshots: tf.Tensor[][] = [];
      const snap = new tf.CustomCallback({
        onEpochEnd: async () => {
          snapshots.push(model.getWeights().map((w) => w.clone()));
        },
      });
      const rates = [0.05, 0, 0.05];
      await model.fit(xs, ys, {
        epochs: 3,
        batchSize: 6,
        verbose: 0,
        callbacks: [learningRateScheduler((epoch) => rates[epoch]!), snap],
      });
      const [s0, s1, s2] = snapshots as [tf.Tensor[], tf.Tensor[], tf.Tensor[]];
      s0.forEach((w, i) => expectTensorsClose(s1[i]!, w, { rtol: 0, atol: 0 }));
      const moved = s1.some((w, i) =>
        tf.tidy(() => tf.any(tf.notEqual(w, s2[i]!)).dataSync()[0] === 1),
      );
      expect(moved).toBe(true);
      expect(opt.learningRate).toBe(0.05);
      tf.dispose(snapshots.flat());
      tf.dispose([xs, ys]);
      model.dispose();
      opt.dispose();
    });
  }

  it('refuses an optimizer whose rate cannot be set, and a schedule that gives NaN', async () => {
    const model = build();
    const opt = tf.train.adam(0.01);
    model.compile({ optimizer: opt, loss: 'meanSquaredError' });
    const { xs, ys } = data();
    await expect(
      model.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: [learningRateScheduler(() => 0.1)] }),
    ).rejects.toThrow(
      "learningRateScheduler: optimizer must be one of dlkit's optimizers or tf.train.sgd, got a Adam (tfjs' optimizers other than sgd keep their rate fixed)",
    );
    const ours = new AdamOptimizer(0.01);
    model.compile({ optimizer: ours, loss: 'meanSquaredError' });
    await expect(
      model.fit(xs, ys, {
        epochs: 2,
        verbose: 0,
        callbacks: [learningRateScheduler((e) => (e === 0 ? 0.1 : Number.NaN))],
      }),
    ).rejects.toThrow(
      'learningRateScheduler: learningRateSchedule(1) must be a finite number >= 0, got NaN',
    );
    expect(() => learningRateScheduler('fast' as never)).toThrow(
      'learningRateScheduler: learningRateSchedule must be a function of the step, got string',
    );
    expect(() => learningRateScheduler(() => 0.1, { per: 'step' as never })).toThrow(
      "learningRateScheduler: per must be 'epoch' or 'batch', got step",
    );
    expect(() => learningRateScheduler(() => 0.1, { optimizer: opt as never })).toThrow(DlkitError);
    tf.dispose([xs, ys]);
    model.dispose();
    opt.dispose();
    ours.dispose();
  });
});

describe('applySchedule in a custom loop', () => {
  it('sets the rate each step, and the steps use it (SGD by hand as the oracle)', async () => {
    const x = tf.variable(tf.tensor1d([1, -2]), true, 'apply_schedule_x');
    const opt = new MomentumOptimizer(1, 0, { form: 'pytorch' });
    const lr = stepDecay(0.1, 2, 0.5);
    const expected = [1, -2];
    for (let step = 0; step < 5; step++) {
      expect(applySchedule(opt, lr, step)).toBe(lr(step));
      expect(opt.learningRate).toBe(lr(step));
      // The first step makes the velocity (one variable the optimizer owns); later steps nothing.
      const before = tf.memory().numTensors;
      if (step === 0) opt.minimize(() => x.square().sum());
      else expect(await expectNoLeaks(() => opt.minimize(() => x.square().sum()))).toBe(0);
      expect(tf.memory().numTensors).toBe(before + (step === 0 ? 1 : 0));
      for (let i = 0; i < 2; i++) expected[i] = expected[i]! - lr(step) * 2 * expected[i]!;
    }
    expectTensorsClose(x, expected, { rtol: 1e-6 });
    const sgd = tf.train.sgd(1);
    applySchedule(sgd, lr, 4);
    expect(sgd.getConfig()['learningRate']).toBe(0.025);
    expect(() => applySchedule(tf.train.adam() as never, lr, 0)).toThrow(DlkitError);
    expect(() => applySchedule(opt, lr, 1.5)).toThrow(
      'applySchedule: step must be an integer >= 0, got 1.5',
    );
    expect(() => applySchedule(opt, () => -1, 0)).toThrow(
      'applySchedule: learningRateSchedule(0) must be a finite number >= 0, got -1',
    );
    expect(() => {
      opt.learningRate = Number.NaN;
    }).toThrow(
      'MomentumOptimizer.learningRate: learningRate must be a finite number >= 0, got NaN',
    );
    opt.dispose();
    sgd.dispose();
    x.dispose();
  });
});
