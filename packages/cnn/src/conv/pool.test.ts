import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import {
  expectBackwardMatchesAutodiff,
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fc,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { createMaskFromWindow } from './create-mask-from-window.js';
import { distributeValue } from './distribute-value.js';
import type { PoolMode, ScratchImpl } from './hparameters.js';
import { poolBackward } from './pool-backward.js';
import { poolForward } from './pool-forward.js';

interface ForwardCell {
  stride: number;
  f: number;
  A_prev: FixtureTensor;
  max: FixtureTensor;
  average: FixtureTensor;
}

interface TorchCase extends ForwardCell {
  dA: FixtureTensor;
  dA_prev_max: FixtureTensor;
  dA_prev_average: FixtureTensor;
}

interface Fixture {
  notebook: {
    poolForwardStride1: ForwardCell;
    poolForwardStride2: ForwardCell;
    mask: { x: FixtureTensor; mask: FixtureTensor };
    distribute: { dz: number; shape: [number, number]; a: FixtureTensor };
    poolBackward: ForwardCell & { dA: FixtureTensor };
  };
  torch: TorchCase[];
}

const fx = loadFixture<Fixture>('cnn_pool');
const IMPLS: ScratchImpl[] = ['loop', 'vectorized'];
const MODES: PoolMode[] = ['max', 'average'];
const TOL = { rtol: 1e-5, atol: 1e-5 };

/** The production path: `tf.maxPool` / `tf.avgPool` without padding. */
function tfPool(x: tf.Tensor, f: number, stride: number, mode: PoolMode): tf.Tensor {
  const pool = mode === 'max' ? tf.maxPool : tf.avgPool;
  return pool(x as tf.Tensor4D, f, stride, 'valid');
}

describe('createMaskFromWindow and distributeValue', () => {
  it("give the notebook's mask (np.random.seed(1); x = randn(2, 3)) and spread", () => {
    tf.tidy(() => {
      const x = new RandomState(1).randn(2, 3);
      expectTensorsClose(x, fixtureTensor(fx.notebook.mask.x));
      const mask = createMaskFromWindow(x);
      expect(mask.dtype).toBe('bool');
      expectTensorsClose(mask, fixtureTensor(fx.notebook.mask.mask), { rtol: 0, atol: 0 });
      const d = fx.notebook.distribute;
      expectTensorsClose(distributeValue(d.dz, d.shape), fixtureTensor(d.a));
    });
  });

  it('marks every tied maximum', () => {
    tf.tidy(() => {
      const mask = createMaskFromWindow(
        tf.tensor2d([
          [3, 1],
          [3, 2],
        ]),
      );
      expect(mask.arraySync()).toEqual([
        [1, 0],
        [1, 0],
      ]);
    });
  });

  it("poolBackward's max mode, like the notebook, sends the gradient to every tied maximum", () => {
    for (const impl of IMPLS) {
      tf.tidy(() => {
        const aPrev = tf.tensor4d([3, 1, 3, 2], [1, 2, 2, 1]);
        const { A, cache } = poolForward(aPrev, { stride: 1, f: 2 }, 'max', { impl });
        const dAPrev = poolBackward(tf.onesLike(A), cache, 'max', { impl });
        expect(Array.from(dAPrev.dataSync())).toEqual([1, 0, 1, 0]);
      });
    }
  });

  it('return one tensor each and reject bad input', async () => {
    const x = tf.ones([2, 2]);
    expect(await expectNoLeaks(() => createMaskFromWindow(x))).toBe(1);
    expect(await expectNoLeaks(() => distributeValue(1, [3, 2]))).toBe(1);
    expectDlkitError(
      () => createMaskFromWindow(tf.ones([2, 2, 1])),
      'createMaskFromWindow: x must have shape [nH, nW], got [2, 2, 1]',
    );
    expectDlkitError(
      () => distributeValue(NaN, [2, 2]),
      'distributeValue: dz must be a finite number, got NaN',
    );
    expectDlkitError(
      () => distributeValue(1, [0, 2]),
      'distributeValue: shape[0] must be an integer >= 1, got 0',
    );
    expectDlkitError(
      () => distributeValue(1, [1e5, 1e5]),
      'distributeValue: shape [100000, 100000] has more than 2^24 entries',
    );
    expectDlkitError(
      () => distributeValue(1, 4 as never),
      'distributeValue: shape must be [nH, nW], got 4',
    );
    x.dispose();
  });
});

describe('poolForward and poolBackward', () => {
  for (const impl of IMPLS) {
    it(`reproduce the notebook's test cells (${impl})`, () => {
      for (const cell of [fx.notebook.poolForwardStride1, fx.notebook.poolForwardStride2]) {
        tf.tidy(() => {
          const aPrev = new RandomState(1).randn(2, 5, 5, 3);
          expectTensorsClose(aPrev, fixtureTensor(cell.A_prev));
          const hp = { stride: cell.stride, f: cell.f };
          expectTensorsClose(
            poolForward(aPrev, hp, 'max', { impl }).A,
            fixtureTensor(cell.max),
            TOL,
          );
          expectTensorsClose(
            poolForward(aPrev, hp, 'average', { impl }).A,
            fixtureTensor(cell.average),
            TOL,
          );
        });
      }
      const back = fx.notebook.poolBackward;
      tf.tidy(() => {
        const rng = new RandomState(1);
        const aPrev = rng.randn(5, 5, 3, 2);
        const dA = rng.randn(5, 4, 2, 2);
        expectTensorsClose(dA, fixtureTensor(back.dA));
        const { cache } = poolForward(aPrev, { stride: 1, f: 2 });
        for (const mode of MODES) {
          const dAPrev = poolBackward(dA, cache, mode, { impl });
          expectTensorsClose(dAPrev, fixtureTensor(back[mode]), { ...TOL, label: mode });
        }
      });
    });

    it(`match torch max_pool2d / avg_pool2d over the window/stride/size grid (${impl})`, () => {
      for (const [k, c] of fx.torch.entries()) {
        for (const mode of MODES) {
          tf.tidy(() => {
            const aPrev = fixtureTensor(c.A_prev);
            const { A, cache } = poolForward(aPrev, { stride: c.stride, f: c.f }, mode, { impl });
            expectTensorsClose(A, fixtureTensor(c[mode]), { ...TOL, label: `case ${k} ${mode}` });
            const dAPrev = poolBackward(fixtureTensor(c.dA), cache, mode, { impl });
            const expected = fixtureTensor(c[`dA_prev_${mode}`]);
            expectTensorsClose(dAPrev, expected, { ...TOL, label: `case ${k} ${mode} dA` });
          });
        }
      }
    });
  }

  const geometry = fc
    .record({
      m: fc.integer({ min: 1, max: 2 }),
      h: fc.integer({ min: 1, max: 7 }),
      w: fc.integer({ min: 1, max: 7 }),
      c: fc.integer({ min: 1, max: 3 }),
      f: fc.integer({ min: 1, max: 4 }),
      stride: fc.integer({ min: 1, max: 3 }),
      mode: fc.constantFrom(...MODES),
    })
    .filter((g) => g.f <= g.h && g.f <= g.w);

  it('loop, vectorised and tf.maxPool / tf.avgPool agree, forward and backward', () => {
    fc.assert(
      fc.property(geometry, (g) => {
        const aPrev = tf.randomNormal([g.m, g.h, g.w, g.c], 0, 1, 'float32', 5);
        const hp = { stride: g.stride, f: g.f };
        tf.tidy(() => {
          const loop = poolForward(aPrev, hp, g.mode, { impl: 'loop' }).A;
          const vec = poolForward(aPrev, hp, g.mode).A;
          expectTensorsClose(vec, tfPool(aPrev, g.f, g.stride, g.mode), TOL);
          expectTensorsClose(loop, vec, TOL);
        });
        for (const impl of IMPLS) {
          expectBackwardMatchesAutodiff({
            inputs: { aPrev },
            forward: ({ aPrev }) => tfPool(aPrev, g.f, g.stride, g.mode),
            backward: ({ aPrev }, dY) => ({
              aPrev: poolBackward(dY, { aPrev: aPrev as tf.Tensor4D, hparameters: hp }, g.mode, {
                impl,
              }),
            }),
          });
        }
        aPrev.dispose();
      }),
      { seed: 7, numRuns: 30 },
    );
  });

  for (const impl of IMPLS) {
    for (const mode of MODES) {
      it(`return only A, the cached input and dAPrev (${impl}, ${mode})`, async () => {
        const hp = { stride: 2, f: 2 };
        const make = () => tf.randomNormal([2, 5, 4, 3], 0, 1, 'float32', 9);
        expect(await expectNoLeaks(() => poolForward(make(), hp, mode, { impl }))).toBe(2);
        const aPrev = make();
        const { A, cache } = poolForward(aPrev, hp, mode, { impl });
        expect(await expectNoLeaks(() => poolBackward(A, cache, mode, { impl }))).toBe(1);
        tf.dispose([aPrev, A]);
      });
    }
  }

  it('reject bad input, naming the function and the argument', () => {
    tf.tidy(() => {
      const aPrev = tf.ones([2, 4, 4, 3]);
      expectDlkitError(
        () => poolForward(aPrev, { stride: 1, f: 5 }),
        'poolForward: the window f = 5 (from hparameters.f) is larger than the input, 4 x 4',
      );
      expectDlkitError(
        () => poolForward(aPrev, { stride: 0, f: 2 }),
        'poolForward: hparameters.stride must be an integer >= 1 and <= 65536, got 0',
      );
      expectDlkitError(
        () => poolForward(aPrev, { stride: 1, f: 2 }, 'min' as never),
        "poolForward: mode must be 'max' or 'average', got string min",
      );
      expectDlkitError(
        () => poolForward(tf.ones([4, 4, 3]), { stride: 1, f: 2 }),
        'poolForward: aPrev must have shape [m, nHPrev, nWPrev, nC], got [4, 4, 3]',
      );
      const { cache } = poolForward(aPrev, { stride: 2, f: 2 });
      expectDlkitError(
        () => poolBackward(tf.ones([2, 3, 2, 3]), cache),
        'poolBackward: dA must have shape [2, 2, 2, 3], got [2, 3, 2, 3]',
      );
      expectDlkitError(
        () => poolBackward(tf.ones([2, 2, 2, 3]), null as never),
        'poolBackward: cache must be the cache of the forward pass, got null',
      );
      expectDlkitError(
        () => poolBackward(tf.ones([2, 2, 2, 3]), cache, 'max', { impl: 1 as never }),
        "poolBackward: options.impl must be 'loop' or 'vectorized', got number 1",
      );
    });
  });
});
