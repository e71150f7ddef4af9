import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectFixtureDictClose,
  expectNoLeaks,
  expectTensorsClose,
  fixtureDict,
} from '@dlkit/test-harness';
import { initializeAdam } from '../adam/initialize-adam.js';
import { updateParametersWithAdam } from '../adam/update-parameters-with-adam.js';
import { updateParametersWithAdamw } from './update-parameters-with-adamw.js';
import { RULE_TOLERANCE, rulesFixture } from '../internal/rules.test-helpers.js';

const fx = rulesFixture();

describe('updateParametersWithAdamw', () => {
  it('equals the NumPy rule (itself equal to torch.optim.AdamW) over 20 steps, λ = 0.1', () => {
    const a = fx.adamw;
    tf.tidy(() => {
      let parameters = fixtureDict(fx.parameters);
      let { v, s } = initializeAdam(parameters);
      a.trajectory.forEach((step, i) => {
        const out = updateParametersWithAdamw(
          parameters,
          fixtureDict(fx.grads[i]!),
          v,
          s,
          i + 1,
          a.learning_rate,
          a.beta1,
          a.beta2,
          a.epsilon,
          a.weight_decay,
        );
        expectFixtureDictClose(out.parameters, step.parameters, {
          ...RULE_TOLERANCE,
          label: `step ${i + 1}`,
        });
        expectFixtureDictClose(out.v, step.state[0]!, {
          ...RULE_TOLERANCE,
          label: `v step ${i + 1}`,
        });
        expectFixtureDictClose(out.s, step.state[1]!, {
          ...RULE_TOLERANCE,
          label: `s step ${i + 1}`,
        });
        ({ parameters, v, s } = out);
      });
    });
  });

  it('with λ = 0 it is Adam; the decay is decoupled: θ(1 - αλ) minus the same Adam step', () => {
    tf.tidy(() => {
      const p = fixtureDict(fx.parameters);
      const g = fixtureDict(fx.grads[0]!);
      const { v, s } = initializeAdam(p);
      const adam = updateParametersWithAdam(p, g, v, s, 1, 0.01);
      const plain = updateParametersWithAdamw(p, g, v, s, 1, 0.01, 0.9, 0.999, 1e-8, 0);
      const decayed = updateParametersWithAdamw(p, g, v, s, 1, 0.01, 0.9, 0.999, 1e-8, 0.5);
      for (const k of Object.keys(p)) {
        expectTensorsClose(plain.parameters[k]!, adam.parameters[k]!);
        const step = tf.sub(p[k]!, adam.parameters[k]!);
        expectTensorsClose(decayed.parameters[k]!, tf.sub(tf.mul(p[k]!, 1 - 0.01 * 0.5), step));
        expectTensorsClose(decayed.v[`d${k}`]!, adam.v[`d${k}`]!);
      }
    });
  });

  it('returns five new tensors per parameter and leaks nothing', async () => {
    const p = fixtureDict(fx.parameters);
    const g = fixtureDict(fx.grads[0]!);
    const { v, s } = initializeAdam(p);
    expect(await expectNoLeaks(() => updateParametersWithAdamw(p, g, v, s, 1))).toBe(20);
    tf.dispose([p, g, v, s]);
  });

  it('names itself for bad weight decay, β, t and keys', () => {
    tf.tidy(() => {
      const p = fixtureDict(fx.parameters);
      const g = fixtureDict(fx.grads[0]!);
      const { v, s } = initializeAdam(p);
      const fn = 'updateParametersWithAdamw';
      expect(() => updateParametersWithAdamw(p, g, v, s, 1, 0.01, 0.9, 0.999, 1e-8, -1)).toThrow(
        `${fn}: weightDecay must be a finite number >= 0, got -1`,
      );
      expect(() => updateParametersWithAdamw(p, g, v, s, 1, 0.5, 0.9, 0.999, 1e-8, 2)).toThrow(
        `${fn}: weightDecay must be a finite number >= 0 and < 2, got 2`,
      );
      expect(() => updateParametersWithAdamw(p, g, v, s, 1, 0.01, 1)).toThrow(
        `${fn}: beta1 must be a finite number >= 0 and < 1, got 1`,
      );
      expect(() => updateParametersWithAdamw(p, g, v, s, 0)).toThrow(
        `${fn}: t must be an integer >= 1`,
      );
      expect(() => updateParametersWithAdamw(p, g, v, s, 1, NaN)).toThrow(
        `${fn}: learningRate must be a finite number > 0, got NaN`,
      );
      expect(() => updateParametersWithAdamw(p, {}, v, s, 1)).toThrow(
        `${fn}: grads has no dW1 for parameter W1`,
      );
    });
  });
});
