import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { expectTensorsClose, fc, loadFixture } from '@dlkit/test-harness';
import { exponentialDecay } from './exponential-decay.js';
import { inverseTimeDecay } from './inverse-time-decay.js';
import { stepDecay } from './step-decay.js';
import { cosineDecayWithWarmup } from './cosine-decay.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';

interface Case {
  schedule: string;
  rates: number[];
  [k: string]: unknown;
}
const fx = loadFixture<{ cases: Case[] }>('optimizers_torch_schedules');

function build(c: Case): LearningRateSchedule {
  const n = (k: string): number => c[k] as number;
  switch (c.schedule) {
    case 'exponential':
      return exponentialDecay(n('lr0'), 1, n('gamma'));
    case 'step':
      return stepDecay(n('lr0'), n('step_size'), n('gamma'));
    case 'inverse_time':
      return inverseTimeDecay(n('lr0'), n('interval'), n('rate'), {
        staircase: c['staircase'] as boolean,
      });
    case 'cosine_warmup':
      return cosineDecayWithWarmup(n('peak'), n('warmup'), n('decay'), {
        initialLearningRate: n('start_factor') * n('peak'),
        alpha: n('alpha'),
      });
    default:
      throw new Error(`unknown schedule ${c.schedule}`);
  }
}

describe('learning-rate schedules equal torch.optim.lr_scheduler', () => {
  it('has the five cases', () => {
    expect(fx.cases.map((c) => c.schedule)).toEqual([
      'exponential',
      'step',
      'inverse_time',
      'inverse_time',
      'cosine_warmup',
    ]);
  });
  for (const c of fx.cases) {
    it(`${c.schedule} ${JSON.stringify({ ...c, rates: undefined })}`, () => {
      const lr = build(c);
      expectTensorsClose(
        c.rates.map((_, t) => lr(t)),
        c.rates,
        { rtol: 1e-9, atol: 1e-12 },
      );
    });
  }
});

describe('schedule properties', () => {
  it('decays never increase and start at the initial rate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-4, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.boolean(),
        (lr0, k, rate, staircase) => {
          for (const lr of [
            exponentialDecay(lr0, k, rate, { staircase }),
            inverseTimeDecay(lr0, k, rate, { staircase }),
            stepDecay(lr0, k, rate),
            cosineDecayWithWarmup(lr0, 0, k),
          ]) {
            expect(lr(0)).toBeCloseTo(lr0, 12);
            for (let t = 1; t < 3 * k; t++) expect(lr(t)).toBeLessThanOrEqual(lr(t - 1) + 1e-15);
          }
        },
      ),
      { seed: 13, numRuns: 40 },
    );
  });

  it('the course: scheduleLrDecay with a time interval is a staircase inverse-time decay', () => {
    // The notebook: learning_rate = learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))
    // with its test input learning_rate0 = 0.5, epoch_num = 100, decay_rate = 0.3, time_interval = 100.
    expect(inverseTimeDecay(0.5, 100, 0.3, { staircase: true })(100)).toBeCloseTo(0.5 / 1.3, 15);
    // and update_lr: learning_rate0 / (1 + decay_rate * epoch_num), its test input 0.5, 2, 1.
    expect(inverseTimeDecay(0.5, 1, 1)(2)).toBeCloseTo(0.5 / 3, 15);
  });
});

describe('schedules reject bad input', () => {
  it('names the function and the argument', () => {
    expect(() => exponentialDecay(Number.NaN, 1, 0.5)).toThrow(
      'exponentialDecay: initialLearningRate must be a finite number >= 0, got NaN',
    );
    expect(() => exponentialDecay(0.1, 0, 0.5)).toThrow(
      'exponentialDecay: decaySteps must be a finite number > 0, got 0',
    );
    expect(() => inverseTimeDecay(0.1, 1, -1)).toThrow(
      'inverseTimeDecay: decayRate must be a finite number >= 0, got -1',
    );
    expect(() => inverseTimeDecay(0.1, 1, 1, { staircase: 'yes' as never })).toThrow(
      'inverseTimeDecay: staircase must be a boolean, got string',
    );
    expect(() => stepDecay(0.1, 2.5)).toThrow(
      'stepDecay: stepSize must be an integer >= 1, got 2.5',
    );
    expect(() => cosineDecayWithWarmup(0.1, 5, 10, { initialLearningRate: 0.2 })).toThrow(
      'cosineDecayWithWarmup: initialLearningRate must be a finite number >= 0 and <= 0.1, got 0.2',
    );
    expect(() => cosineDecayWithWarmup(0.1, 5, 10, { alpha: 2 })).toThrow(
      'cosineDecayWithWarmup: alpha must be a finite number >= 0 and <= 1, got 2',
    );
    expect(() => cosineDecayWithWarmup(0.1, 5, 10, null as never)).toThrow(DlkitError);
    expect(() => stepDecay(0.1, 2)(-1)).toThrow('stepDecay: step must be an integer >= 0, got -1');
    expect(() => stepDecay(0.1, 2)(Number.POSITIVE_INFINITY)).toThrow(
      'stepDecay: step must be an integer >= 0, got Infinity',
    );
  });
});
