import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import {
  expectBackwardMatchesAutodiff,
  expectDlkitError,
  expectFixtureDictClose,
  expectNoLeaks,
  expectTensorsClose,
  fixtureDict,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import {
  disposeCaches,
  gruBackward,
  gruCellBackward,
  gruCellForward,
  gruForward,
  type GruCellCache,
  type GruParameters,
} from '../index.js';

interface TorchCase {
  x: FixtureTensor;
  a0: FixtureTensor;
  parameters: Record<string, FixtureTensor>;
  a: FixtureTensor;
  da: FixtureTensor;
  gradients: Record<string, FixtureTensor>;
}
const fx = loadFixture<{ gruResetAfter: TorchCase[]; gruResetBefore: TorchCase[] }>(
  'sequence_rnn_torch',
);

type Key = 'Wz' | 'bz' | 'Wr' | 'br' | 'Wh' | 'bh' | 'bhh';
function small(seed: number, Tx: number, resetAfter: boolean) {
  const rng = new RandomState(seed);
  const x = rng.randn(3, 2, Tx);
  const a0 = rng.randn(4, 2);
  const p: Partial<Record<Key, tf.Tensor>> = {};
  for (const g of ['z', 'r', 'h']) {
    p[`W${g}` as Key] = rng.randn(4, 7);
    p[`b${g}` as Key] = rng.randn(4, 1);
  }
  if (resetAfter) p.bhh = rng.randn(4, 1);
  return { x, a0, p: p as GruParameters, keys: Object.keys(p) as Key[] };
}
const disposeAll = (s: { x: tf.Tensor; a0: tf.Tensor; p: GruParameters }): void =>
  tf.dispose([s.x, s.a0, ...Object.values(s.p)]);
const cacheTensors = (c: GruCellCache): tf.Tensor[] =>
  [c.zt, c.rt, c.cct, c.hn].filter((t): t is tf.Tensor => t !== undefined);

for (const resetAfter of [false, true]) {
  const variant = `resetAfter: ${resetAfter}`;
  const cases = resetAfter ? fx.gruResetAfter : fx.gruResetBefore;

  describe(`gruForward and gruBackward (${variant})`, () => {
    cases.forEach((c, i) => {
      it(`equal ${resetAfter ? 'torch.nn.GRU' : 'a torch autograd GRU'} with mapped weights, case ${i}`, () => {
        tf.tidy(() => {
          const p = fixtureDict(c.parameters) as unknown as GruParameters;
          const { a, caches } = gruForward(fixtureTensor(c.x), fixtureTensor(c.a0), p, {
            resetAfter,
          });
          const tol = { rtol: 1e-4, atol: 1e-5 };
          expectTensorsClose(a, fixtureTensor(c.a), tol);
          expectFixtureDictClose({ ...gruBackward(fixtureTensor(c.da), caches) }, c.gradients, tol);
          disposeCaches(caches);
        });
      });
    });

    for (const Tx of [1, 3]) {
      it(`gruBackward equals tf.grad of gruForward (Tx = ${Tx})`, () => {
        const s = small(20 + Tx, Tx, resetAfter);
        type K = Key | 'x' | 'a0';
        const run = (i: Record<K, tf.Tensor>) => {
          const p = Object.fromEntries(s.keys.map((k) => [k, i[k]])) as unknown as GruParameters;
          return gruForward(i.x, i.a0, p, { resetAfter });
        };
        expectBackwardMatchesAutodiff<K>({
          inputs: { x: s.x, a0: s.a0, ...(s.p as Record<Key, tf.Tensor>) },
          forward: (i) => run(i).a,
          backward: (i, dY) => {
            const { dx, da0, ...g } = gruBackward(dY, run(i).caches);
            return { x: dx, a0: da0, ...Object.fromEntries(s.keys.map((k) => [k, g[`d${k}`]])) };
          },
        });
        disposeAll(s);
      });
    }

    it('gruCellBackward equals tf.grad of gruCellForward', () => {
      const s = small(30, 1, resetAfter);
      const xt = tf.tidy(() => s.x.reshape([3, 2]));
      type K = Key | 'xt' | 'aPrev';
      const run = (i: Record<K, tf.Tensor>) => {
        const p = Object.fromEntries(s.keys.map((k) => [k, i[k]])) as unknown as GruParameters;
        return gruCellForward(i.xt, i.aPrev, p, { resetAfter });
      };
      expectBackwardMatchesAutodiff<K>({
        inputs: { xt, aPrev: s.a0, ...(s.p as Record<Key, tf.Tensor>) },
        forward: (i) => run(i).aNext,
        backward: (i, dY) => {
          const { dxt, daPrev, ...g } = gruCellBackward(dY, run(i).cache);
          return {
            xt: dxt,
            aPrev: daPrev,
            ...Object.fromEntries(s.keys.map((k) => [k, g[`d${k}`]])),
          };
        },
      });
      xt.dispose();
      disposeAll(s);
    });

    it('leaks nothing: the cell returns aNext and its gates, the sequence a, the backward passes their gradients', async () => {
      const s = small(31, 3, resetAfter);
      const xt = tf.ones([3, 2]);
      const gates = resetAfter ? 4 : 3;
      const n = await expectNoLeaks(() => {
        const r = gruCellForward(xt, s.a0, s.p, { resetAfter });
        return [r.aNext, ...cacheTensors(r.cache)];
      });
      expect(n).toBe(1 + gates);
      const cell = gruCellForward(xt, s.a0, s.p, { resetAfter });
      const grads = resetAfter ? 9 : 8;
      expect(await expectNoLeaks(() => gruCellBackward(cell.aNext, cell.cache))).toBe(grads);
      tf.dispose([cell.aNext, ...cacheTensors(cell.cache)]);
      const m = await expectNoLeaks(() => {
        const { a, caches } = gruForward(s.x, s.a0, s.p, { resetAfter });
        disposeCaches(caches);
        return a;
      });
      expect(m).toBe(1);
      const { a, caches } = gruForward(s.x, s.a0, s.p, { resetAfter });
      expect(await expectNoLeaks(() => gruBackward(a, caches))).toBe(grads);
      disposeCaches(caches);
      tf.dispose([a, xt]);
      disposeAll(s);
    });
  });
}

describe('the GRU functions reject bad input', () => {
  it('a sequence of the wrong rank, a hidden state that does not match, a variant without its bias', () => {
    const s = small(40, 2, false);
    const after = small(41, 2, true);
    const a5 = tf.zeros([5, 2]);
    expectDlkitError(
      () => gruForward(s.a0, s.a0, s.p),
      'gruForward: x must have shape [nX, m, Tx], got [4, 2]',
    );
    expectDlkitError(
      () => gruForward(s.x, a5, s.p),
      'gruForward: a0 must have shape [nA, m] with nA = 4 (from parameters.Wz), got [5, 2]',
    );
    expectDlkitError(
      () => gruForward(s.x, s.a0, s.p, { resetAfter: true }),
      'gruForward: parameters.bhh must be a tf.Tensor, got undefined',
    );
    expectDlkitError(
      () => gruForward(after.x, after.a0, after.p),
      'gruForward: parameters.bhh is only used with resetAfter: true; remove it or set resetAfter',
    );
    expectDlkitError(
      () => gruCellForward(a5, s.a0, s.p, { resetAfter: 1 as never }),
      'gruCellForward: options.resetAfter must be one of true, false, got number 1',
    );
    const { a, caches } = gruForward(s.x, s.a0, s.p);
    expectDlkitError(
      () =>
        gruBackward(a, { ...caches, caches: [{ ...caches.caches[0], resetAfter: 'no' }] as never }),
      'gruBackward: caches.caches[0].resetAfter must be one of true, false, got no',
    );
    disposeCaches(caches);
    tf.dispose([a, a5]);
    disposeAll(s);
    disposeAll(after);
  });
});
