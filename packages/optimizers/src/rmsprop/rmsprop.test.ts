import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectFixtureDictClose, expectNoLeaks, fixtureDict } from '@dlkit/test-harness';
import { initializeRmsprop } from './initialize-rmsprop.js';
import { updateParametersWithRmsprop } from './update-parameters-with-rmsprop.js';
import { RULE_TOLERANCE, rulesFixture } from '../internal/rules.test-helpers.js';

const fx = rulesFixture();

describe('RMSprop from scratch', () => {
  it('equals the NumPy rule (itself equal to torch.optim.RMSprop, alpha = β) over 20 steps', () => {
    const r = fx.rmsprop;
    tf.tidy(() => {
      let parameters = fixtureDict(fx.parameters);
      let s = initializeRmsprop(parameters);
      r.trajectory.forEach((step, t) => {
        const out = updateParametersWithRmsprop(
          parameters,
          fixtureDict(fx.grads[t]!),
          s,
          r.beta,
          r.learning_rate,
          r.epsilon,
        );
        expectFixtureDictClose(out.parameters, step.parameters, {
          ...RULE_TOLERANCE,
          label: `step ${t + 1}`,
        });
        expectFixtureDictClose(out.s, step.state[0]!, {
          ...RULE_TOLERANCE,
          label: `s step ${t + 1}`,
        });
        ({ parameters, s } = out);
      });
    });
  });

  it('returns new tensors only and leaks nothing', async () => {
    const p = fixtureDict(fx.parameters);
    const g = fixtureDict(fx.grads[0]!);
    expect(await expectNoLeaks(() => initializeRmsprop(p))).toBe(4);
    const s = initializeRmsprop(p);
    expect(await expectNoLeaks(() => updateParametersWithRmsprop(p, g, s, 0.9, 0.01))).toBe(8);
    tf.dispose([p, g, s]);
  });

  it('names bad β, ε, learning rate and missing moments', () => {
    tf.tidy(() => {
      const p = fixtureDict(fx.parameters);
      const g = fixtureDict(fx.grads[0]!);
      const s = initializeRmsprop(p);
      const fn = 'updateParametersWithRmsprop';
      expect(() => updateParametersWithRmsprop(p, g, {}, 0.9, 0.01)).toThrow(
        `${fn}: s has no dW1 for parameter W1`,
      );
      expect(() => updateParametersWithRmsprop(p, g, s, 1.2, 0.01)).toThrow(
        `${fn}: beta must be a finite number >= 0 and < 1, got 1.2`,
      );
      expect(() => updateParametersWithRmsprop(p, g, s, 0.9, NaN)).toThrow(
        `${fn}: learningRate must be a finite number > 0, got NaN`,
      );
      expect(() => updateParametersWithRmsprop(p, g, s, 0.9, 0.01, -1)).toThrow(
        `${fn}: epsilon must be a finite number >= 0, got -1`,
      );
      expect(() => initializeRmsprop([] as never)).toThrow(
        'initializeRmsprop: parameters must be a dictionary of tensors, got an array',
      );
    });
  });
});
