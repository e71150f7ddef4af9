import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import {
  expectBackwardMatchesAutodiff,
  expectDlkitError,
  expectFixtureDictClose,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { rnnCellBackward, rnnCellForward, type RnnParameters } from '../index.js';

type Dict = Record<string, FixtureTensor>;
interface Fixture {
  rnnCellForward: {
    xt: FixtureTensor;
    aPrev: FixtureTensor;
    parameters: Dict;
    aNext: FixtureTensor;
    ytPred: FixtureTensor;
  };
  rnnCellBackward: {
    xt: FixtureTensor;
    aPrev: FixtureTensor;
    parameters: Dict;
    daNext: FixtureTensor;
    gradients: Dict;
  };
}
const fx = loadFixture<Fixture>('sequence_rnn');

/** The notebook's test cells draw `np.random.randn` in this order after `np.random.seed(1)`. */
function draw(rng: RandomState, order: [string, number[]][]): Record<string, tf.Tensor> {
  return Object.fromEntries(order.map(([k, s]) => [k, rng.randn(...s)]));
}
const FORWARD_ORDER: [string, number[]][] = [
  ['Waa', [5, 5]],
  ['Wax', [5, 3]],
  ['Wya', [2, 5]],
  ['ba', [5, 1]],
  ['by', [2, 1]],
];
const BACKWARD_ORDER: [string, number[]][] = [
  ['Wax', [5, 3]],
  ['Waa', [5, 5]],
  ['Wya', [2, 5]],
  ['ba', [5, 1]],
  ['by', [2, 1]],
];

/** A small cell, nX = 3, nA = 2, nY = 2, m = 4. */
function smallCell(seed: number): { xt: tf.Tensor; aPrev: tf.Tensor; p: RnnParameters } {
  const rng = new RandomState(seed);
  const xt = rng.randn(3, 4);
  const aPrev = rng.randn(2, 4);
  const p = {
    Wax: rng.randn(2, 3),
    Waa: rng.randn(2, 2),
    Wya: rng.randn(2, 2),
    ba: rng.randn(2, 1),
    by: rng.randn(2, 1),
  };
  return { xt, aPrev, p };
}

describe('rnnCellForward', () => {
  it("gives the notebook's values on its seeded test inputs", () => {
    tf.tidy(() => {
      const rng = new RandomState(1);
      const xt = rng.randn(3, 10);
      const aPrev = rng.randn(5, 10);
      const p = draw(rng, FORWARD_ORDER) as unknown as RnnParameters;
      expectTensorsClose(xt, fixtureTensor(fx.rnnCellForward.xt));
      expectFixtureDictClose(
        p as unknown as Record<string, tf.Tensor>,
        fx.rnnCellForward.parameters,
      );
      const { aNext, ytPred, cache } = rnnCellForward(xt, aPrev, p);
      expectTensorsClose(aNext, fixtureTensor(fx.rnnCellForward.aNext));
      expectTensorsClose(ytPred, fixtureTensor(fx.rnnCellForward.ytPred));
      // As the notebook prints them.
      expectTensorsClose(aNext.slice([4, 0], [1, 3]), [[0.59584544, 0.18141802, 0.61311866]]);
      expectTensorsClose(ytPred.slice([1, 0], [1, 3]), [[0.9888161, 0.01682021, 0.21140899]]);
      expect(cache.aNext).toBe(aNext);
      expect(cache.aPrev).toBe(aPrev);
      expect(cache.xt).toBe(xt);
    });
  });

  it('returns aNext and ytPred and leaks nothing', async () => {
    const { xt, aPrev, p } = smallCell(2);
    const n = await expectNoLeaks(() => {
      const r = rnnCellForward(xt, aPrev, p);
      return [r.aNext, r.ytPred];
    });
    expect(n).toBe(2);
    tf.dispose([xt, aPrev, ...Object.values(p)]);
  });

  it('rejects a sequence given as xt, and a hidden state that does not match the weights', () => {
    const { xt, aPrev, p } = smallCell(3);
    const x3 = tf.zeros([3, 4, 2]);
    const a3 = tf.zeros([3, 4]);
    expectDlkitError(
      () => rnnCellForward(x3, aPrev, p),
      'rnnCellForward: xt must have shape [nX, m], got [3, 4, 2]',
    );
    expectDlkitError(
      () => rnnCellForward(xt, a3, p),
      'rnnCellForward: aPrev must have shape [nA, m] with nA = 2 (from parameters.Wax), got [3, 4]',
    );
    const { Waa: _, ...noWaa } = p;
    expectDlkitError(
      () => rnnCellForward(xt, aPrev, noWaa as RnnParameters),
      'rnnCellForward: parameters.Waa must be a tf.Tensor, got undefined',
    );
    tf.dispose([xt, aPrev, x3, a3, ...Object.values(p)]);
  });
});

describe('rnnCellBackward', () => {
  it("gives the notebook's gradients on its seeded test inputs", () => {
    tf.tidy(() => {
      const rng = new RandomState(1);
      const xt = rng.randn(3, 10);
      const aPrev = rng.randn(5, 10);
      const p = draw(rng, BACKWARD_ORDER) as unknown as RnnParameters;
      const { cache } = rnnCellForward(xt, aPrev, p);
      const daNext = rng.randn(5, 10);
      expectTensorsClose(daNext, fixtureTensor(fx.rnnCellBackward.daNext));
      const g = rnnCellBackward(daNext, cache);
      expectFixtureDictClose({ ...g }, fx.rnnCellBackward.gradients, { rtol: 1e-4, atol: 1e-5 });
      // As the notebook prints them.
      expectTensorsClose(g.dxt.slice([1, 2], [1, 1]), [[-1.3872130506020925]], { rtol: 1e-5 });
      expectTensorsClose(g.daPrev.slice([2, 3], [1, 1]), [[-0.15239949377395495]], { rtol: 1e-5 });
      expectTensorsClose(g.dWax.slice([3, 1], [1, 1]), [[0.4107728249354584]], { rtol: 1e-5 });
      expectTensorsClose(g.dWaa.slice([1, 2], [1, 1]), [[1.1503450668497135]], { rtol: 1e-5 });
      expectTensorsClose(g.dba.slice([4, 0], [1, 1]), [[0.20023491]], { rtol: 1e-5 });
    });
  });

  it('equals tf.grad of rnnCellForward', () => {
    const { xt, aPrev, p } = smallCell(4);
    expectBackwardMatchesAutodiff({
      inputs: { xt, aPrev, Wax: p.Wax, Waa: p.Waa, ba: p.ba },
      forward: (i) =>
        rnnCellForward(i.xt, i.aPrev, { ...p, Wax: i.Wax, Waa: i.Waa, ba: i.ba }).aNext,
      backward: (i, dY) => {
        const { cache } = rnnCellForward(i.xt, i.aPrev, { ...p, Wax: i.Wax, Waa: i.Waa, ba: i.ba });
        const g = rnnCellBackward(dY, cache);
        return { xt: g.dxt, aPrev: g.daPrev, Wax: g.dWax, Waa: g.dWaa, ba: g.dba };
      },
    });
    tf.dispose([xt, aPrev, ...Object.values(p)]);
  });

  it('returns five gradients and leaks nothing', async () => {
    const { xt, aPrev, p } = smallCell(5);
    const { aNext, ytPred, cache } = rnnCellForward(xt, aPrev, p);
    const daNext = tf.onesLike(aNext);
    expect(await expectNoLeaks(() => rnnCellBackward(daNext, cache))).toBe(5);
    tf.dispose([xt, aPrev, aNext, ytPred, daNext, ...Object.values(p)]);
  });

  it('rejects what is not a cache and a daNext of the wrong size', () => {
    const { xt, aPrev, p } = smallCell(6);
    const { aNext, ytPred, cache } = rnnCellForward(xt, aPrev, p);
    const bad = tf.zeros([3, 4]);
    expectDlkitError(
      () => rnnCellBackward(aNext, null as never),
      'rnnCellBackward: cache must be the cache of the forward pass, got null',
    );
    expectDlkitError(
      () => rnnCellBackward(bad, cache),
      'rnnCellBackward: daNext must have shape [nA, m] with nA = 2 (from cache.parameters.Wax), got [3, 4]',
    );
    tf.dispose([xt, aPrev, aNext, ytPred, bad, ...Object.values(p)]);
  });
});
