import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError, GRADCHECK_THRESHOLD } from '@dlkit/core';
import {
  expectFixtureDictClose,
  expectNoLeaks,
  fixtureDict,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { backwardPropagation, forwardPropagation, gradientCheck } from './one-dimensional.js';
import { backwardPropagationN, forwardPropagationN, gradientCheckN } from './gradient-check-n.js';

type Dict = Record<string, FixtureTensor>;
interface Fixture {
  one_d: { x: number; theta: number; difference: number };
  X: FixtureTensor;
  Y: FixtureTensor;
  parameters: Dict;
  cost: number;
  cache: Dict;
  grads: Dict;
  buggy_grads: Dict;
  difference_right: number;
  difference_buggy: number;
}
const fx = loadFixture<Fixture>('optimizers_gradcheck');

describe('the 1-D gradient check', () => {
  it('J = θx, dJ/dθ = x, and the check agrees with NumPy in float64 (2.9e-10 at x = 2, θ = 4)', () => {
    expect(forwardPropagation(2, 4)).toBe(8);
    expect(backwardPropagation(2, 4)).toBe(2);
    const d = gradientCheck(fx.one_d.x, fx.one_d.theta);
    expect(d).toBeLessThan(1e-7);
    // Both are float64 with the same operations, up to rounding in the norm (NumPy's `np.linalg.norm`).
    expect(Math.abs(d - fx.one_d.difference)).toBeLessThan(1e-15);
  });

  it('rejects non-numbers and a non-positive epsilon', () => {
    expect(() => gradientCheck(2, 4, 0)).toThrow(
      'gradientCheck: epsilon must be a finite number > 0, got 0',
    );
    expect(() => gradientCheck('2' as unknown as number, 4)).toThrow(
      'gradientCheck: x must be a finite number',
    );
    expect(() => forwardPropagation(NaN, 1)).toThrow(DlkitError);
    expect(() => backwardPropagation(1, Infinity)).toThrow(DlkitError);
  });
});

describe('gradientCheckN on the notebook test case (np.random.seed(1))', () => {
  it('forwardPropagationN gives the NumPy cost and cache', () => {
    tf.tidy(() => {
      const { cost, cache } = forwardPropagationN(
        fixtureTensor(fx.X),
        fixtureTensor(fx.Y),
        fixtureDict(fx.parameters),
      );
      expect(Math.abs(cost - fx.cost) / fx.cost).toBeLessThan(1e-5);
      expectFixtureDictClose(cache, fx.cache, { rtol: 1e-5, atol: 1e-6 });
    });
  });

  it('backwardPropagationN gives the correct gradients, or the notebook buggy ones', () => {
    tf.tidy(() => {
      const [X, Y] = [fixtureTensor(fx.X), fixtureTensor(fx.Y)];
      const { cache } = forwardPropagationN(X, Y, fixtureDict(fx.parameters));
      expectFixtureDictClose(backwardPropagationN(X, Y, cache), fx.grads, {
        rtol: 1e-5,
        atol: 1e-6,
      });
      expectFixtureDictClose(backwardPropagationN(X, Y, cache, { bugs: true }), fx.buggy_grads, {
        rtol: 1e-5,
        atol: 1e-6,
        label: 'buggy',
      });
    });
  });

  it('passes the correct gradients and flags the bugs (0.285 as in the notebook)', () => {
    tf.tidy(() => {
      const [X, Y, p] = [fixtureTensor(fx.X), fixtureTensor(fx.Y), fixtureDict(fx.parameters)];
      const right = gradientCheckN(p, fixtureDict(fx.grads), X, Y);
      const buggy = gradientCheckN(p, fixtureDict(fx.buggy_grads), X, Y);
      expect(right).toBeLessThan(GRADCHECK_THRESHOLD);
      expect(buggy).toBeGreaterThan(GRADCHECK_THRESHOLD);
      // The bug dominates the difference: float32 at ε = 1e-3 reads NumPy's float64 value closely.
      expect(Math.abs(buggy - fx.difference_buggy)).toBeLessThan(5e-3);
    });
  });

  it('leaks nothing', async () => {
    const [X, Y, p, g] = [
      fixtureTensor(fx.X),
      fixtureTensor(fx.Y),
      fixtureDict(fx.parameters),
      fixtureDict(fx.grads),
    ];
    expect(await expectNoLeaks(() => gradientCheckN(p, g, X, Y))).toBe(0);
    expect(await expectNoLeaks(() => forwardPropagationN(X, Y, p))).toBe(12);
    const { cache } = forwardPropagationN(X, Y, p);
    expect(await expectNoLeaks(() => backwardPropagationN(X, Y, cache, { bugs: true }))).toBe(11);
    tf.dispose([X, Y, p, g, cache]);
  });

  it('names itself on bad input: missing gradients, bad epsilon, bad options', () => {
    tf.tidy(() => {
      const [X, Y, p, g] = [
        fixtureTensor(fx.X),
        fixtureTensor(fx.Y),
        fixtureDict(fx.parameters),
        fixtureDict(fx.grads),
      ];
      const { dW2: _drop, ...missing } = g;
      expect(() => gradientCheckN(p, missing, X, Y)).toThrow(
        'gradientCheckN: gradients has no dW2 for parameter W2',
      );
      expect(() => gradientCheckN(p, g, X, Y, NaN)).toThrow(
        'gradientCheckN: epsilon must be a finite number',
      );
      expect(() => gradientCheckN(p, g, X, tf.ones([1, 4]))).toThrow(
        /^gradientCheckN: Y must have shape \[1, m\]/,
      );
      const { cache } = forwardPropagationN(X, Y, p);
      expect(() =>
        backwardPropagationN(X, Y, cache, { bugs: 'yes' as unknown as boolean }),
      ).toThrow('backwardPropagationN: options.bugs must be a boolean, got string');
    });
  });
});
