import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import {
  expectFixtureDictClose,
  expectNoLeaks,
  expectTensorsClose,
  fixtureDict,
} from '@dlkit/test-harness';
import { initializeVelocity } from './initialize-velocity.js';
import { updateParametersWithMomentum } from './update-parameters-with-momentum.js';
import { RULE_TOLERANCE, rulesFixture } from '../internal/rules.test-helpers.js';

const fx = rulesFixture();

describe('initializeVelocity', () => {
  it('zeros keyed dW1, db1, … shaped like the parameters, leaking nothing', async () => {
    const p = fixtureDict(fx.parameters);
    const v = initializeVelocity(p);
    expect(Object.keys(v)).toEqual(['dW1', 'db1', 'dW2', 'db2']);
    for (const k of Object.keys(p)) {
      expect(v[`d${k}`]!.shape).toEqual(p[k]!.shape);
      expect(v[`d${k}`]!.abs().max().arraySync()).toBe(0);
    }
    expect(await expectNoLeaks(() => initializeVelocity(p))).toBe(4);
    expect(() => initializeVelocity({})).toThrow('initializeVelocity: parameters is empty');
    expect(() => initializeVelocity(null as never)).toThrow(
      'initializeVelocity: parameters must be a dictionary of tensors, got null',
    );
    tf.dispose([p, v]);
  });
});

describe('updateParametersWithMomentum', () => {
  it("equals the NumPy notebook function over 20 steps from the notebook's test case (β = 0.9, α = 0.01)", () => {
    tf.tidy(() => {
      let parameters = fixtureDict(fx.parameters);
      let v = initializeVelocity(parameters);
      fx.momentum.trajectory.forEach((step, t) => {
        const out = updateParametersWithMomentum(
          parameters,
          fixtureDict(fx.grads[t]!),
          v,
          fx.momentum.beta,
          fx.momentum.learning_rate,
        );
        expectFixtureDictClose(out.parameters, step.parameters, {
          ...RULE_TOLERANCE,
          label: `step ${t + 1}`,
        });
        expectFixtureDictClose(out.v, step.state[0]!, {
          ...RULE_TOLERANCE,
          label: `v step ${t + 1}`,
        });
        ({ parameters, v } = out);
      });
    });
  });

  it('β = 0 is gradient descent', () => {
    tf.tidy(() => {
      const p = fixtureDict(fx.parameters);
      const g = fixtureDict(fx.grads[0]!);
      const out = updateParametersWithMomentum(p, g, initializeVelocity(p), 0, 0.1);
      for (const k of Object.keys(p))
        expectTensorsClose(out.parameters[k]!, p[k]!.sub(g[`d${k}`]!.mul(0.1)));
    });
  });

  it('leaves its inputs alone, returns two new tensors per parameter, leaks nothing', async () => {
    const p = fixtureDict(fx.parameters);
    const g = fixtureDict(fx.grads[0]!);
    const v = initializeVelocity(p);
    const before = p['W1']!.arraySync();
    expect(await expectNoLeaks(() => updateParametersWithMomentum(p, g, v, 0.9, 0.01))).toBe(8);
    expect(p['W1']!.arraySync()).toEqual(before);
    tf.dispose([p, g, v]);
  });

  it('names mismatched keys, shapes, β outside [0, 1) and a NaN learning rate', () => {
    tf.tidy(() => {
      const p = fixtureDict(fx.parameters);
      const g = fixtureDict(fx.grads[0]!);
      const v = initializeVelocity(p);
      const fn = 'updateParametersWithMomentum';
      expect(() => updateParametersWithMomentum(p, { dW1: g['dW1']! }, v, 0.9, 0.01)).toThrow(
        `${fn}: grads has no db1 for parameter b1`,
      );
      expect(() =>
        updateParametersWithMomentum(p, g, { ...v, dW2: tf.ones([2, 2]) }, 0.9, 0.01),
      ).toThrow(`${fn}: v.dW2 must have shape [3, 3], got [2, 2]`);
      expect(() => updateParametersWithMomentum(p, g, v, 1, 0.01)).toThrow(
        `${fn}: beta must be a finite number >= 0 and < 1, got 1`,
      );
      expect(() => updateParametersWithMomentum(p, g, v, -0.1, 0.01)).toThrow(DlkitError);
      expect(() => updateParametersWithMomentum(p, g, v, 0.9, NaN)).toThrow(
        `${fn}: learningRate must be a finite number > 0, got NaN`,
      );
    });
  });
});
