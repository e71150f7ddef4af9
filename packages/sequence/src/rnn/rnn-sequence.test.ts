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
import { disposeCaches, rnnBackward, rnnForward, type RnnParameters } from '../index.js';

type Dict = Record<string, FixtureTensor>;
interface Fixture {
  rnnForward: { x: FixtureTensor; parameters: Dict; a: FixtureTensor; yPred: FixtureTensor };
  rnnBackward: { x: FixtureTensor; da: FixtureTensor; gradients: Dict };
}
const fx = loadFixture<Fixture>('sequence_rnn');

/** The notebook's test cells draw `np.random.randn` in this order after `np.random.seed(1)`. */
function notebookInputs(order: 'forward' | 'backward'): {
  rng: RandomState;
  x: tf.Tensor;
  a0: tf.Tensor;
  p: RnnParameters;
} {
  const rng = new RandomState(1);
  const x = rng.randn(3, 10, 4);
  const a0 = rng.randn(5, 10);
  const keys = order === 'forward' ? ['Waa', 'Wax'] : ['Wax', 'Waa'];
  const shapes: Record<string, number[]> = { Waa: [5, 5], Wax: [5, 3] };
  const p: Record<string, tf.Tensor> = {};
  for (const k of keys) p[k] = rng.randn(...(shapes[k] as number[]));
  p['Wya'] = rng.randn(2, 5);
  p['ba'] = rng.randn(5, 1);
  p['by'] = rng.randn(2, 1);
  return { rng, x, a0, p: p as unknown as RnnParameters };
}

function small(seed: number, Tx: number): { x: tf.Tensor; a0: tf.Tensor; p: RnnParameters } {
  const rng = new RandomState(seed);
  return {
    x: rng.randn(3, 2, Tx),
    a0: rng.randn(4, 2),
    p: {
      Wax: rng.randn(4, 3),
      Waa: rng.randn(4, 4).mul(0.5),
      Wya: rng.randn(2, 4),
      ba: rng.randn(4, 1),
      by: rng.randn(2, 1),
    },
  };
}
const disposeAll = (s: { x: tf.Tensor; a0: tf.Tensor; p: RnnParameters }): void =>
  tf.dispose([s.x, s.a0, ...Object.values(s.p)]);

describe('rnnForward', () => {
  it("gives the notebook's values on its seeded test inputs", () => {
    tf.tidy(() => {
      const { x, a0, p } = notebookInputs('forward');
      expectTensorsClose(x, fixtureTensor(fx.rnnForward.x));
      const { a, yPred, caches } = rnnForward(x, a0, p);
      expectTensorsClose(a, fixtureTensor(fx.rnnForward.a), { rtol: 1e-5, atol: 1e-5 });
      expectTensorsClose(yPred, fixtureTensor(fx.rnnForward.yPred), { rtol: 1e-5, atol: 1e-5 });
      // As the notebook prints a[4][1] and y_pred[1][3].
      expectTensorsClose(
        a.slice([4, 1, 0], [1, 1, 4]).reshape([4]),
        [-0.99999375, 0.77911235, -0.99861469, -0.99833267],
      );
      expectTensorsClose(
        yPred.slice([1, 3, 0], [1, 1, 4]).reshape([4]),
        [0.79560373, 0.86224861, 0.11118257, 0.81515947],
      );
      expect(caches.caches).toHaveLength(4);
      expect(caches.x).toBe(x);
      expect(caches.caches[0]?.aPrev).toBe(a0);
      expect(caches.caches[1]?.aPrev).toBe(caches.caches[0]?.aNext);
    });
  });

  it('returns a and yPred; disposeCaches frees the rest and not the caller’s tensors', async () => {
    const s = small(2, 3);
    const n = await expectNoLeaks(() => {
      const { a, yPred, caches } = rnnForward(s.x, s.a0, s.p);
      disposeCaches(caches);
      return [a, yPred];
    });
    expect(n).toBe(2);
    expect(s.a0.isDisposed || s.x.isDisposed || s.p.Waa.isDisposed).toBe(false);
    disposeAll(s);
  });

  it('rejects a sequence of the wrong rank and an a0 that does not match the weights', () => {
    const s = small(3, 2);
    const x2 = tf.zeros([3, 2]);
    const empty = tf.zeros([3, 2, 0]);
    const a0 = tf.zeros([5, 2]);
    expectDlkitError(
      () => rnnForward(x2, s.a0, s.p),
      'rnnForward: x must have shape [nX, m, Tx], got [3, 2]',
    );
    expectDlkitError(
      () => rnnForward(empty, s.a0, s.p),
      'rnnForward: x must have at least one time step (Tx >= 1), got Tx = 0',
    );
    expectDlkitError(
      () => rnnForward(s.x, a0, s.p),
      'rnnForward: a0 must have shape [nA, m] with nA = 4 (from parameters.Wax), got [5, 2]',
    );
    tf.dispose([x2, empty, a0]);
    disposeAll(s);
  });
});

describe('rnnBackward', () => {
  it("gives the notebook's gradients on its seeded test inputs", () => {
    tf.tidy(() => {
      const { rng, x, a0, p } = notebookInputs('backward');
      const { caches } = rnnForward(x, a0, p);
      const da = rng.randn(5, 10, 4);
      expectTensorsClose(da, fixtureTensor(fx.rnnBackward.da));
      const g = rnnBackward(da, caches);
      expectFixtureDictClose({ ...g }, fx.rnnBackward.gradients, { rtol: 1e-4, atol: 1e-5 });
      // As the notebook prints them.
      expectTensorsClose(
        g.dx.slice([1, 2, 0], [1, 1, 4]).reshape([4]),
        [-2.07101689, -0.59255627, 0.02466855, 0.01483317],
        { rtol: 1e-5 },
      );
      expectTensorsClose(g.da0.slice([2, 3], [1, 1]), [[-0.31494237512664996]], { rtol: 1e-5 });
      expectTensorsClose(g.dWax.slice([3, 1], [1, 1]), [[11.264104496527777]], { rtol: 1e-5 });
      expectTensorsClose(g.dWaa.slice([1, 2], [1, 1]), [[2.303333126579893]], { rtol: 1e-5 });
      expectTensorsClose(g.dba.slice([4, 0], [1, 1]), [[-0.74747722]], { rtol: 1e-5 });
      disposeCaches(caches);
    });
  });

  for (const Tx of [1, 4]) {
    it(`equals tf.grad of rnnForward (Tx = ${Tx})`, () => {
      const s = small(4 + Tx, Tx);
      const forward = (i: Record<'x' | 'a0' | 'Wax' | 'Waa' | 'ba', tf.Tensor>) =>
        rnnForward(i.x, i.a0, { ...s.p, Wax: i.Wax, Waa: i.Waa, ba: i.ba });
      expectBackwardMatchesAutodiff({
        inputs: { x: s.x, a0: s.a0, Wax: s.p.Wax, Waa: s.p.Waa, ba: s.p.ba },
        forward: (i) => forward(i).a,
        backward: (i, dY) => {
          const g = rnnBackward(dY, forward(i).caches);
          return { x: g.dx, a0: g.da0, Wax: g.dWax, Waa: g.dWaa, ba: g.dba };
        },
      });
      disposeAll(s);
    });
  }

  it('returns five gradients and leaks nothing', async () => {
    const s = small(9, 3);
    const { a, yPred, caches } = rnnForward(s.x, s.a0, s.p);
    const da = tf.onesLike(a);
    expect(await expectNoLeaks(() => rnnBackward(da, caches))).toBe(5);
    disposeCaches(caches);
    tf.dispose([a, yPred, da]);
    disposeAll(s);
  });

  it('rejects a da with more steps than the forward pass and what is not its caches', () => {
    const s = small(10, 2);
    const { a, yPred, caches } = rnnForward(s.x, s.a0, s.p);
    const da3 = tf.zeros([4, 2, 3]);
    const da = tf.zeros([3, 2, 2]);
    expectDlkitError(
      () => rnnBackward(da3, caches),
      "rnnBackward: da must have between 1 and 2 time steps (the forward pass's), got 3",
    );
    expectDlkitError(
      () => rnnBackward(da, caches),
      'rnnBackward: da must have shape [nA, m, *] with nA = 4 (from caches.caches[0].parameters.Wax), got [3, 2, 2]',
    );
    expectDlkitError(
      () => rnnBackward(a, { caches: [], x: s.x }),
      'rnnBackward: caches.caches must be the non-empty list of step caches of the forward pass, got []',
    );
    expectDlkitError(
      () => disposeCaches(null as never),
      'disposeCaches: caches must be the cache of the forward pass, got null',
    );
    disposeCaches(caches);
    tf.dispose([a, yPred, da3, da]);
    disposeAll(s);
  });
});
