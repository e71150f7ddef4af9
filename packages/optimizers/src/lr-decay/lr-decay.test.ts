import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { scheduleLrDecay, updateLr } from './lr-decay.js';
import { rulesFixture } from '../internal/rules.test-helpers.js';

const fx = rulesFixture();

describe('updateLr and scheduleLrDecay', () => {
  it('equal the NumPy notebook functions (float64 both sides)', () => {
    for (const c of fx.lr_decay) {
      expect(updateLr(c.lr0, c.epoch, c.decay_rate)).toBeCloseTo(c.update_lr, 15);
      expect(scheduleLrDecay(c.lr0, c.epoch, c.decay_rate, c.interval)).toBeCloseTo(
        c.schedule_lr_decay,
        15,
      );
    }
  });

  it('the schedule only changes at multiples of the interval (default 1000)', () => {
    expect(scheduleLrDecay(0.1, 999, 1)).toBe(0.1);
    expect(scheduleLrDecay(0.1, 1000, 1)).toBe(0.05);
    expect(scheduleLrDecay(0.1, 1999, 1)).toBe(0.05);
  });

  it('name the argument at fault', () => {
    expect(() => updateLr(NaN, 1, 1)).toThrow(
      'updateLr: learningRate0 must be a finite number > 0, got NaN',
    );
    expect(() => updateLr(0.1, -1, 1)).toThrow(
      'updateLr: epochNum must be an integer >= 0, got -1',
    );
    expect(() => updateLr(0.1, 1, -1)).toThrow(
      'updateLr: decayRate must be a finite number >= 0, got -1',
    );
    expect(() => scheduleLrDecay(0.1, 1, 1, 0)).toThrow(
      'scheduleLrDecay: timeInterval must be an integer >= 1, got 0',
    );
    expect(() => scheduleLrDecay(0.1, 1.5, 1)).toThrow(DlkitError);
  });
});
