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
import {
  disposeCaches,
  lstm,
  lstmBackward,
  lstmCellBackward,
  lstmCellForward,
  lstmForward,
  lstmSequence,
  type LstmCellCache,
  type LstmParameters,
} from '../index.js';

type Dict = Record<string, FixtureTensor>;
interface Fixture {
  lstmCellForward: {
    xt: FixtureTensor;
    parameters: Dict;
    aNext: FixtureTensor;
    cNext: FixtureTensor;
    ytPred: FixtureTensor;
  };
  lstmForward: { x: FixtureTensor; a: FixtureTensor; y: FixtureTensor; c: FixtureTensor };
  lstmCellBackward: { daNext: FixtureTensor; dcNext: FixtureTensor; gradients: Dict };
  lstmBackward: { da: FixtureTensor; gradients4: Dict; daFull: FixtureTensor; gradients: Dict };
}
const fx = loadFixture<Fixture>('sequence_rnn');

/** The notebook's draw order for the gate parameters after its inputs. */
function gates(rng: RandomState, nA: number, nX: number): Record<string, tf.Tensor> {
  const p: Record<string, tf.Tensor> = {};
  for (const g of ['f', 'i', 'o', 'c']) {
    p[`W${g}`] = rng.randn(nA, nA + nX);
    p[`b${g}`] = rng.randn(nA, 1);
  }
  return p;
}
function notebookParameters(rng: RandomState, output: 'random' | 'zeros'): LstmParameters {
  const p = gates(rng, 5, 3);
  p['Wy'] = output === 'random' ? rng.randn(2, 5) : tf.zeros([2, 5]);
  p['by'] = output === 'random' ? rng.randn(2, 1) : tf.zeros([2, 1]);
  return p as unknown as LstmParameters;
}
const cacheGates = (c: LstmCellCache): tf.Tensor[] => [c.ft, c.it, c.cct, c.ot];

function small(
  seed: number,
  Tx: number,
): { x: tf.Tensor; a0: tf.Tensor; c0: tf.Tensor; p: LstmParameters } {
  const rng = new RandomState(seed);
  const x = rng.randn(3, 2, Tx);
  const a0 = rng.randn(4, 2);
  const c0 = rng.randn(4, 2);
  const p = gates(rng, 4, 3);
  p['Wy'] = rng.randn(2, 4);
  p['by'] = rng.randn(2, 1);
  return { x, a0, c0, p: p as unknown as LstmParameters };
}
const disposeAll = (s: { x: tf.Tensor; a0: tf.Tensor; c0: tf.Tensor; p: LstmParameters }): void =>
  tf.dispose([s.x, s.a0, s.c0, ...Object.values(s.p)]);
const at = (t: tf.Tensor, index: number[]): number =>
  tf.tidy(
    () =>
      t
        .slice(
          index,
          index.map(() => 1),
        )
        .dataSync()[0] as number,
  );

/**
 * The course's gate weights `[nA, nA + nX]` in Keras' layout (the production layer's): gates
 * i, f, c, o side by side, the input columns transposed into `kernel [nX, 4nA]`, the hidden-state
 * columns into `recurrentKernel [nA, 4nA]`, the biases into `bias [4nA]`.
 */
function toKeras(p: Record<'Wi' | 'Wf' | 'Wc' | 'Wo' | 'bi' | 'bf' | 'bc' | 'bo', tf.Tensor>): {
  kernel: tf.Tensor;
  recurrentKernel: tf.Tensor;
  bias: tf.Tensor;
} {
  const [nA, n] = p.Wi.shape as [number, number];
  const order = [p.Wi, p.Wf, p.Wc, p.Wo];
  return {
    kernel: tf.concat(
      order.map((W) => W.slice([0, nA], [nA, n - nA]).transpose()),
      1,
    ),
    recurrentKernel: tf.concat(
      order.map((W) => W.slice([0, 0], [nA, nA]).transpose()),
      1,
    ),
    bias: tf.concat([p.bi, p.bf, p.bc, p.bo].map((b) => b.reshape([nA]))),
  };
}

describe('lstmCellForward', () => {
  it("gives the notebook's values on its seeded test inputs", () => {
    tf.tidy(() => {
      const rng = new RandomState(1);
      const xt = rng.randn(3, 10);
      const aPrev = rng.randn(5, 10);
      const cPrev = rng.randn(5, 10);
      const p = notebookParameters(rng, 'random');
      expectFixtureDictClose({ ...p }, fx.lstmCellForward.parameters);
      const { aNext, cNext, ytPred } = lstmCellForward(xt, aPrev, cPrev, p);
      expectTensorsClose(aNext, fixtureTensor(fx.lstmCellForward.aNext), { atol: 1e-5 });
      expectTensorsClose(cNext, fixtureTensor(fx.lstmCellForward.cNext), { atol: 1e-5 });
      expectTensorsClose(ytPred, fixtureTensor(fx.lstmCellForward.ytPred), { atol: 1e-5 });
      // As the notebook prints a_next[4], c_next[2] and yt[1] (their first values).
      expectTensorsClose(aNext.slice([4, 0], [1, 3]), [[-0.66408471, 0.0036921, 0.02088357]], {
        atol: 1e-6,
      });
      expectTensorsClose(cNext.slice([2, 0], [1, 3]), [[0.63267805, 1.00570849, 0.35504474]], {
        atol: 1e-6,
      });
      expectTensorsClose(ytPred.slice([1, 0], [1, 3]), [[0.79913913, 0.15986619, 0.22412122]], {
        atol: 1e-6,
      });
    });
  });

  it('returns three tensors and four gates and leaks nothing', async () => {
    const s = small(2, 1);
    const xt = tf.zeros([3, 2]);
    const n = await expectNoLeaks(() => {
      const r = lstmCellForward(xt, s.a0, s.c0, s.p);
      return [r.aNext, r.cNext, r.ytPred, ...cacheGates(r.cache)];
    });
    expect(n).toBe(7);
    tf.dispose(xt);
    disposeAll(s);
  });

  it('rejects a hidden state that does not match the weights, and gate weights of the wrong width', () => {
    const s = small(3, 1);
    const xt = tf.zeros([3, 2]);
    const a = tf.zeros([5, 2]);
    const Wf = tf.zeros([4, 6]);
    expectDlkitError(
      () => lstmCellForward(xt, a, s.c0, s.p),
      'lstmCellForward: aPrev must have shape [nA, m] with nA = 4 (from parameters.Wf), got [5, 2]',
    );
    expectDlkitError(
      () => lstmCellForward(xt, s.a0, s.c0, { ...s.p, Wf }),
      'lstmCellForward: parameters.Wf must have shape [nA, nA + nX] with nA = 4, nX = 3, got [4, 6]',
    );
    expectDlkitError(
      () => lstmCellForward(s.x, s.a0, s.c0, s.p),
      'lstmCellForward: xt must have shape [nX, m], got [3, 2, 1]',
    );
    tf.dispose([xt, a, Wf]);
    disposeAll(s);
  });
});

describe('lstmCellBackward', () => {
  it("gives the notebook's gradients on its seeded test inputs", () => {
    tf.tidy(() => {
      const rng = new RandomState(1);
      const xt = rng.randn(3, 10);
      const aPrev = rng.randn(5, 10);
      const cPrev = rng.randn(5, 10);
      const p = notebookParameters(rng, 'random');
      const { cache } = lstmCellForward(xt, aPrev, cPrev, p);
      const daNext = rng.randn(5, 10);
      const dcNext = rng.randn(5, 10);
      expectTensorsClose(dcNext, fixtureTensor(fx.lstmCellBackward.dcNext));
      const g = lstmCellBackward(daNext, dcNext, cache);
      expectFixtureDictClose({ ...g }, fx.lstmCellBackward.gradients, { rtol: 1e-4, atol: 1e-5 });
      // As the notebook prints them.
      const printed: [number, number][] = [
        [at(g.dxt, [1, 2]), 3.23055911511],
        [at(g.daPrev, [2, 3]), -0.0639621419711],
        [at(g.dcPrev, [2, 3]), 0.797522038797],
        [at(g.dWf, [3, 1]), -0.147954838164],
        [at(g.dWi, [1, 2]), 1.05749805523],
        [at(g.dWc, [3, 1]), 2.30456216369],
        [at(g.dWo, [1, 2]), 0.331311595289],
        [at(g.dbf, [4, 0]), 0.18864637],
        [at(g.dbi, [4, 0]), -0.40142491],
        [at(g.dbc, [4, 0]), 0.25587763],
        [at(g.dbo, [4, 0]), 0.13893342],
      ];
      for (const [actual, notebook] of printed) expect(actual).toBeCloseTo(notebook, 5);
    });
  });

  it('equals tf.grad of lstmCellForward through aNext and cNext', () => {
    const s = small(4, 1);
    const xt = tf.tidy(() => s.x.reshape([3, 2]));
    type K = 'xt' | 'aPrev' | 'cPrev' | 'Wf' | 'bf' | 'Wi' | 'bi' | 'Wc' | 'bc' | 'Wo' | 'bo';
    const run = (i: Record<K, tf.Tensor>) =>
      lstmCellForward(i.xt, i.aPrev, i.cPrev, {
        ...s.p,
        Wf: i.Wf,
        bf: i.bf,
        Wi: i.Wi,
        bi: i.bi,
        Wc: i.Wc,
        bc: i.bc,
        Wo: i.Wo,
        bo: i.bo,
      });
    expectBackwardMatchesAutodiff<K>({
      inputs: {
        xt,
        aPrev: s.a0,
        cPrev: s.c0,
        Wf: s.p.Wf,
        bf: s.p.bf,
        Wi: s.p.Wi,
        bi: s.p.bi,
        Wc: s.p.Wc,
        bc: s.p.bc,
        Wo: s.p.Wo,
        bo: s.p.bo,
      },
      forward: (i) => {
        const r = run(i);
        return tf.concat([r.aNext, r.cNext], 0);
      },
      backward: (i, dY) => {
        const [daNext, dcNext] = tf.split(dY, 2, 0) as [tf.Tensor, tf.Tensor];
        const g = lstmCellBackward(daNext, dcNext, run(i).cache);
        return {
          xt: g.dxt,
          aPrev: g.daPrev,
          cPrev: g.dcPrev,
          Wf: g.dWf,
          bf: g.dbf,
          Wi: g.dWi,
          bi: g.dbi,
          Wc: g.dWc,
          bc: g.dbc,
          Wo: g.dWo,
          bo: g.dbo,
        };
      },
    });
    xt.dispose();
    disposeAll(s);
  });

  it('returns eleven gradients and leaks nothing', async () => {
    const s = small(5, 1);
    const xt = tf.ones([3, 2]);
    const r = lstmCellForward(xt, s.a0, s.c0, s.p);
    expect(await expectNoLeaks(() => lstmCellBackward(r.aNext, r.cNext, r.cache))).toBe(11);
    tf.dispose([xt, r.aNext, r.cNext, r.ytPred, ...cacheGates(r.cache)]);
    disposeAll(s);
  });

  it('rejects a dcNext that does not match the cache', () => {
    const s = small(6, 1);
    const xt = tf.ones([3, 2]);
    const r = lstmCellForward(xt, s.a0, s.c0, s.p);
    const bad = tf.zeros([4, 3]);
    expectDlkitError(
      () => lstmCellBackward(r.aNext, bad, r.cache),
      'lstmCellBackward: dcNext must have shape [nA, m] with m = 2 (from cache.xt), got [4, 3]',
    );
    expectDlkitError(
      () => lstmCellBackward(r.aNext, r.cNext, { ...r.cache, ft: undefined as never }),
      'lstmCellBackward: cache.ft must be a tf.Tensor, got undefined',
    );
    tf.dispose([xt, bad, r.aNext, r.cNext, r.ytPred, ...cacheGates(r.cache)]);
    disposeAll(s);
  });
});

describe('lstmForward', () => {
  it("gives the notebook's values on its seeded test inputs", () => {
    tf.tidy(() => {
      const rng = new RandomState(1);
      const x = rng.randn(3, 10, 7);
      const a0 = rng.randn(5, 10);
      const p = notebookParameters(rng, 'random');
      expectTensorsClose(x, fixtureTensor(fx.lstmForward.x));
      const { a, y, c, caches } = lstmForward(x, a0, p);
      expectTensorsClose(a, fixtureTensor(fx.lstmForward.a), { atol: 1e-5 });
      expectTensorsClose(y, fixtureTensor(fx.lstmForward.y), { atol: 1e-5 });
      expectTensorsClose(c, fixtureTensor(fx.lstmForward.c), { atol: 1e-5 });
      expect(at(a, [4, 3, 6])).toBeCloseTo(0.172117767533, 6);
      expect(at(y, [1, 4, 3])).toBeCloseTo(0.95087346185, 6);
      expect(at(c, [1, 2, 1])).toBeCloseTo(-0.855544916718, 6);
      disposeCaches(caches);
    });
  });

  it('equals the production LSTM layer with mapped weights', () => {
    tf.tidy(() => {
      const s = small(7, 5);
      const { a } = lstmForward(s.x, s.a0, s.p);
      const { kernel, recurrentKernel, bias } = toKeras(s.p);
      const layer = lstm({ units: 4, returnSequences: true });
      const xb = s.x.transpose([1, 2, 0]); // [m, Tx, nX]
      const h0 = s.a0.transpose();
      const c0 = tf.zerosLike(h0);
      layer.apply([xb, h0, c0]);
      layer.setWeights([kernel, recurrentKernel, bias]);
      const out = layer.apply([xb, h0, c0]) as tf.Tensor;
      expectTensorsClose(out, a.transpose([1, 2, 0]), { rtol: 1e-5, atol: 1e-6 });
      layer.dispose();
      disposeAll(s);
    });
  });

  it('has the gradients tf.grad gives the production lstmSequence with mapped weights', () => {
    tf.tidy(() => {
      const s = small(16, 4);
      const { caches } = lstmForward(s.x, s.a0, s.p);
      const da = new RandomState(17).randn(4, 2, 4);
      const g = lstmBackward(da, caches);
      const { kernel, recurrentKernel, bias } = toKeras(s.p);
      const daB = da.transpose([1, 2, 0]);
      const c0 = tf.zeros([2, 4]);
      const loss = (x: tf.Tensor, k: tf.Tensor, u: tf.Tensor, b: tf.Tensor, h0: tf.Tensor) =>
        tf.sum(
          tf.mul(
            lstmSequence(x, k, u, b, { initialState: [h0, c0], implementation: 'composite' })
              .sequence,
            daB,
          ),
        );
      const [dx, dK, dU, db, dh0] = tf.grads(loss)([
        s.x.transpose([1, 2, 0]),
        kernel,
        recurrentKernel,
        bias,
        s.a0.transpose(),
      ]) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const mapped = toKeras({
        Wi: g.dWi,
        Wf: g.dWf,
        Wc: g.dWc,
        Wo: g.dWo,
        bi: g.dbi,
        bf: g.dbf,
        bc: g.dbc,
        bo: g.dbo,
      });
      const tol = { rtol: 1e-4, atol: 1e-5 };
      expectTensorsClose(g.dx.transpose([1, 2, 0]), dx, tol);
      expectTensorsClose(g.da0.transpose(), dh0, tol);
      expectTensorsClose(mapped.kernel, dK, tol);
      expectTensorsClose(mapped.recurrentKernel, dU, tol);
      expectTensorsClose(mapped.bias, db, tol);
      disposeCaches(caches);
      disposeAll(s);
    });
  });

  it('returns a, y, c; disposeCaches frees the rest and not the caller’s tensors', async () => {
    const s = small(8, 3);
    const n = await expectNoLeaks(() => {
      const { a, y, c, caches } = lstmForward(s.x, s.a0, s.p);
      disposeCaches(caches);
      return [a, y, c];
    });
    expect(n).toBe(3);
    disposeAll(s);
  });

  it('rejects a sequence of the wrong rank and an a0 that does not match the weights', () => {
    const s = small(9, 2);
    expectDlkitError(
      () => lstmForward(s.a0, s.a0, s.p),
      'lstmForward: x must have shape [nX, m, Tx], got [4, 2]',
    );
    expectDlkitError(
      () => lstmForward(s.x, s.x.slice([0, 0, 0], [3, 2, 1]).reshape([3, 2]), s.p),
      'lstmForward: a0 must have shape [nA, m] with nA = 4 (from parameters.Wf), got [3, 2]',
    );
    disposeAll(s);
  });
});

describe('lstmBackward', () => {
  it("gives the notebook's gradients on its seeded test inputs (da for 4 of 7 steps)", () => {
    tf.tidy(() => {
      const rng = new RandomState(1);
      const x = rng.randn(3, 10, 7);
      const a0 = rng.randn(5, 10);
      const p = notebookParameters(rng, 'zeros');
      const { caches } = lstmForward(x, a0, p);
      const da = rng.randn(5, 10, 4);
      expectTensorsClose(da, fixtureTensor(fx.lstmBackward.da));
      const g = lstmBackward(da, caches);
      expectFixtureDictClose({ ...g }, fx.lstmBackward.gradients4, { rtol: 1e-4, atol: 1e-5 });
      expectTensorsClose(
        g.dx.slice([1, 2, 0], [1, 1, 4]).reshape([4]),
        [0.00218254, 0.28205375, -0.48292508, -0.43281115],
        { atol: 1e-6 },
      );
      const printed: [number, number][] = [
        [at(g.da0, [2, 3]), 0.312770310257],
        [at(g.dWf, [3, 1]), -0.0809802310938],
        [at(g.dWi, [1, 2]), 0.40512433093],
        [at(g.dWc, [3, 1]), -0.0793746735512],
        [at(g.dWo, [1, 2]), 0.038948775763],
        [at(g.dbf, [4, 0]), -0.15745657],
        [at(g.dbi, [4, 0]), -0.50848333],
        [at(g.dbc, [4, 0]), -0.42510818],
        [at(g.dbo, [4, 0]), -0.17958196],
      ];
      for (const [actual, notebook] of printed) expect(actual).toBeCloseTo(notebook, 5);
      const full = lstmBackward(fixtureTensor(fx.lstmBackward.daFull), caches);
      expectFixtureDictClose({ ...full }, fx.lstmBackward.gradients, { rtol: 1e-4, atol: 1e-5 });
      disposeCaches(caches);
    });
  });

  for (const Tx of [1, 3]) {
    it(`equals tf.grad of lstmForward (Tx = ${Tx})`, () => {
      const s = small(10 + Tx, Tx);
      type K = 'x' | 'a0' | 'Wf' | 'bf' | 'Wi' | 'bi' | 'Wc' | 'bc' | 'Wo' | 'bo';
      const run = (i: Record<K, tf.Tensor>) =>
        lstmForward(i.x, i.a0, {
          ...s.p,
          Wf: i.Wf,
          bf: i.bf,
          Wi: i.Wi,
          bi: i.bi,
          Wc: i.Wc,
          bc: i.bc,
          Wo: i.Wo,
          bo: i.bo,
        });
      expectBackwardMatchesAutodiff<K>({
        inputs: {
          x: s.x,
          a0: s.a0,
          Wf: s.p.Wf,
          bf: s.p.bf,
          Wi: s.p.Wi,
          bi: s.p.bi,
          Wc: s.p.Wc,
          bc: s.p.bc,
          Wo: s.p.Wo,
          bo: s.p.bo,
        },
        forward: (i) => run(i).a,
        backward: (i, dY) => {
          const g = lstmBackward(dY, run(i).caches);
          return {
            x: g.dx,
            a0: g.da0,
            Wf: g.dWf,
            bf: g.dbf,
            Wi: g.dWi,
            bi: g.dbi,
            Wc: g.dWc,
            bc: g.dbc,
            Wo: g.dWo,
            bo: g.dbo,
          };
        },
      });
      disposeAll(s);
    });
  }

  it('returns ten gradients and leaks nothing', async () => {
    const s = small(14, 3);
    const { a, y, c, caches } = lstmForward(s.x, s.a0, s.p);
    expect(await expectNoLeaks(() => lstmBackward(a, caches))).toBe(10);
    disposeCaches(caches);
    tf.dispose([a, y, c]);
    disposeAll(s);
  });

  it('rejects a da whose hidden size does not match the caches', () => {
    const s = small(15, 2);
    const { a, y, c, caches } = lstmForward(s.x, s.a0, s.p);
    expectDlkitError(
      () => lstmBackward(s.x, caches),
      'lstmBackward: da must have shape [nA, m, *] with nA = 4 (from caches.caches[0].parameters.Wf), got [3, 2, 2]',
    );
    disposeCaches(caches);
    tf.dispose([a, y, c]);
    disposeAll(s);
  });
});
