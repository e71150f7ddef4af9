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
import { convBackward } from './conv-backward.js';
import { convForward } from './conv-forward.js';
import { convSingleStep } from './conv-single-step.js';
import type { ScratchImpl } from './hparameters.js';
import { zeroPad } from './zero-pad.js';

interface TorchCase {
  stride: number;
  pad: number;
  A_prev: FixtureTensor;
  W: FixtureTensor;
  b: FixtureTensor;
  Z: FixtureTensor;
  dZ: FixtureTensor;
  dA_prev: FixtureTensor;
  dW: FixtureTensor;
  db: FixtureTensor;
}

interface Fixture {
  notebook: {
    singleStep: { a_slice_prev: FixtureTensor; W: FixtureTensor; b: FixtureTensor; Z: number };
    forward: Omit<TorchCase, 'dZ'> & { Z_mean: number; dA_mean: number };
  };
  torch: TorchCase[];
}

const fx = loadFixture<Fixture>('cnn_conv');
const IMPLS: ScratchImpl[] = ['loop', 'vectorized'];
/** float32 sums of up to 4 * 4 * 3 products of unit normals. */
const TOL = { rtol: 1e-4, atol: 1e-4 };

/** The production path: `tf.conv2d` on the zero-padded input, plus the bias. */
function tfConv(x: tf.Tensor, W: tf.Tensor, b: tf.Tensor, stride: number, pad: number): tf.Tensor {
  return tf.conv2d(zeroPad(x, pad), W as tf.Tensor4D, stride, 'valid').add(b);
}

describe('convSingleStep', () => {
  it("gives the notebook's Z for np.random.seed(1) inputs", () => {
    const c = fx.notebook.singleStep;
    tf.tidy(() => {
      const rng = new RandomState(1);
      const [a, W, b] = [rng.randn(4, 4, 3), rng.randn(4, 4, 3), rng.randn(1, 1, 1)];
      expectTensorsClose(a, fixtureTensor(c.a_slice_prev));
      expect(convSingleStep(a, W, b)).toBeCloseTo(c.Z, 4);
    });
  });

  it('keeps no tensor and rejects mismatched windows', async () => {
    const [a, W, b] = [tf.ones([2, 2, 3]), tf.ones([2, 2, 3]), tf.ones([1, 1, 1])];
    expect(await expectNoLeaks(() => convSingleStep(a, W, b))).toBe(0);
    const W2 = tf.ones([2, 2, 2]);
    expectDlkitError(
      () => convSingleStep(a, W2, b),
      'convSingleStep: W must have shape [f, f, nCPrev] with nCPrev = 3 (from aSlicePrev), got [2, 2, 2]',
    );
    expectDlkitError(
      () => convSingleStep(a, W, tf.ones([1])),
      'convSingleStep: b must have shape [1, 1, 1], got [1]',
    );
    tf.dispose([a, W, b, W2]);
  });
});

describe('convForward and convBackward', () => {
  for (const impl of IMPLS) {
    it(`reproduce the notebook's test cell (${impl})`, () => {
      const c = fx.notebook.forward;
      tf.tidy(() => {
        const rng = new RandomState(1);
        const [aPrev, W, b] = [rng.randn(2, 5, 7, 4), rng.randn(3, 3, 4, 8), rng.randn(1, 1, 1, 8)];
        expectTensorsClose(W, fixtureTensor(c.W));
        const { Z, cache } = convForward(aPrev, W, b, { pad: 1, stride: 2 }, { impl });
        expect(Z.mean().arraySync()).toBeCloseTo(0.5511276474566768, 5);
        expectTensorsClose(Z, fixtureTensor(c.Z), TOL);
        const { dAPrev, dW, db } = convBackward(Z, cache, { impl });
        expectTensorsClose(dAPrev, fixtureTensor(c.dA_prev), TOL);
        expectTensorsClose(dW, fixtureTensor(c.dW), TOL);
        expectTensorsClose(db, fixtureTensor(c.db), TOL);
        expect(dAPrev.mean().arraySync()).toBeCloseTo(c.dA_mean, 4);
      });
    });

    it(`match torch.nn.functional.conv2d over the stride/pad/size grid (${impl})`, () => {
      for (const [k, c] of fx.torch.entries()) {
        tf.tidy(() => {
          const [aPrev, W, b] = [c.A_prev, c.W, c.b].map(fixtureTensor);
          const hp = { stride: c.stride, pad: c.pad };
          const { Z, cache } = convForward(aPrev!, W!, b!, hp, { impl });
          expectTensorsClose(Z, fixtureTensor(c.Z), { ...TOL, label: `case ${k} Z` });
          const g = convBackward(fixtureTensor(c.dZ), cache, { impl });
          expectTensorsClose(g.dAPrev, fixtureTensor(c.dA_prev), { ...TOL, label: `case ${k} dA` });
          expectTensorsClose(g.dW, fixtureTensor(c.dW), { ...TOL, label: `case ${k} dW` });
          expectTensorsClose(g.db, fixtureTensor(c.db), { ...TOL, label: `case ${k} db` });
        });
      }
    });
  }

  const geometry = fc
    .record({
      m: fc.integer({ min: 1, max: 2 }),
      h: fc.integer({ min: 1, max: 7 }),
      w: fc.integer({ min: 1, max: 7 }),
      cPrev: fc.integer({ min: 1, max: 3 }),
      c: fc.integer({ min: 1, max: 3 }),
      f: fc.integer({ min: 1, max: 4 }),
      stride: fc.integer({ min: 1, max: 3 }),
      pad: fc.integer({ min: 0, max: 2 }),
    })
    .filter((g) => g.f <= g.h + 2 * g.pad && g.f <= g.w + 2 * g.pad);

  function inputs(g: { m: number; h: number; w: number; cPrev: number; c: number; f: number }) {
    return {
      aPrev: tf.randomNormal([g.m, g.h, g.w, g.cPrev], 0, 1, 'float32', 1),
      W: tf.randomNormal([g.f, g.f, g.cPrev, g.c], 0, 1, 'float32', 2),
      b: tf.randomNormal([1, 1, 1, g.c], 0, 1, 'float32', 3),
    };
  }

  it('loop, vectorised and tf.conv2d agree on random geometries', () => {
    fc.assert(
      fc.property(geometry, (g) => {
        tf.tidy(() => {
          const { aPrev, W, b } = inputs(g);
          const hp = { stride: g.stride, pad: g.pad };
          const loop = convForward(aPrev, W, b, hp, { impl: 'loop' }).Z;
          const vec = convForward(aPrev, W, b, hp).Z;
          expectTensorsClose(vec, tfConv(aPrev, W, b, g.stride, g.pad), TOL);
          expectTensorsClose(loop, vec, TOL);
        });
      }),
      { seed: 14, numRuns: 40 },
    );
  });

  it('backward passes equal tf.grad of tf.conv2d and of the vectorised forward', () => {
    fc.assert(
      fc.property(geometry, fc.constantFrom(...IMPLS), (g, impl) => {
        const x = inputs(g);
        const hp = { stride: g.stride, pad: g.pad };
        const backward = (i: typeof x, dY: tf.Tensor) => {
          const { dAPrev, dW, db } = convBackward(dY, { ...i, hparameters: hp } as never, { impl });
          return { aPrev: dAPrev, W: dW, b: db };
        };
        expectBackwardMatchesAutodiff({
          inputs: x,
          forward: ({ aPrev, W, b }) => tfConv(aPrev, W, b, g.stride, g.pad),
          backward,
          rtol: 1e-4,
          atol: 1e-4,
        });
        expectBackwardMatchesAutodiff({
          inputs: x,
          forward: ({ aPrev, W, b }) => convForward(aPrev, W, b, hp).Z,
          backward,
          rtol: 1e-4,
          atol: 1e-4,
        });
        tf.dispose(Object.values(x));
      }),
      { seed: 41, numRuns: 20 },
    );
  });

  for (const impl of IMPLS) {
    it(`return only Z, the cached inputs and the three gradients (${impl})`, async () => {
      const make = () => inputs({ m: 2, h: 5, w: 4, cPrev: 2, c: 3, f: 3 });
      const hp = { stride: 2, pad: 1 };
      expect(
        await expectNoLeaks(() => {
          const { aPrev, W, b } = make();
          return convForward(aPrev, W, b, hp, { impl });
        }),
      ).toBe(4);
      const { aPrev, W, b } = make();
      const { Z, cache } = convForward(aPrev, W, b, hp, { impl });
      expect(await expectNoLeaks(() => convBackward(Z, cache, { impl }))).toBe(3);
      tf.dispose([aPrev, W, b, Z]);
    });
  }
});

describe('convForward and convBackward reject bad input', () => {
  const aPrev = tf.ones([2, 4, 4, 3]);
  const W = tf.ones([3, 3, 3, 2]);
  const b = tf.ones([1, 1, 1, 2]);
  const hp = { stride: 1, pad: 0 };

  it('name the argument, the expectation and what was given', () => {
    tf.tidy(() => {
      expectDlkitError(
        () => convForward(aPrev, tf.ones([3, 3, 4, 2]), b, hp),
        'convForward: W must have shape [f, f, nCPrev, nC] with nCPrev = 3 (from aPrev), got [3, 3, 4, 2]',
      );
      expectDlkitError(
        () => convForward(aPrev, W, tf.ones([1, 1, 1, 3]), hp),
        'convForward: b must have shape [1, 1, 1, nC] with nC = 2 (from W), got [1, 1, 1, 3]',
      );
      expectDlkitError(
        () => convForward(aPrev, W, b, { stride: 0, pad: 0 }),
        'convForward: hparameters.stride must be an integer >= 1 and <= 65536, got 0',
      );
      expectDlkitError(
        () => convForward(aPrev, W, b, { stride: 1, pad: 0.5 }),
        'convForward: hparameters.pad must be an integer >= 0 and <= 65536, got 0.5',
      );
      expectDlkitError(
        () => convForward(tf.ones([1, 2, 2, 3]), W, b, hp),
        'convForward: the window f = 3 (from W) is larger than the padded input, 2 x 2',
      );
      expectDlkitError(
        () => convForward(aPrev, W, b, null as never),
        'convForward: hparameters must be an object, got null',
      );
      expectDlkitError(
        () => convForward(aPrev.toInt(), W, b, hp),
        'convForward: aPrev must have dtype float32, got int32',
      );
      expectDlkitError(
        () => convForward(aPrev, W, b, { stride: 1, pad: 1e6 }),
        'convForward: hparameters.pad must be an integer >= 0 and <= 65536, got 1000000',
      );
      expectDlkitError(
        () => convForward(aPrev, W, b, { stride: 1, pad: 6000 }),
        'convForward: the padded input [2, 12004, 12004, 3] has more than 2^28 elements',
      );
      expectDlkitError(
        () => convForward(aPrev, W, b, hp, { impl: 'fast' as never }),
        "convForward: options.impl must be 'loop' or 'vectorized', got string fast",
      );
      const { Z, cache } = convForward(aPrev, W, b, hp);
      expectDlkitError(
        () => convBackward(tf.ones([2, 2, 2, 3]), cache),
        'convBackward: dZ must have shape [2, 2, 2, nC] with nC = 2 (from cache.W), got [2, 2, 2, 3]',
      );
      expectDlkitError(
        () => convBackward(Z, undefined as never),
        'convBackward: cache must be the cache of the forward pass, got undefined',
      );
      expectDlkitError(
        () => convBackward(Z, { ...cache, hparameters: { stride: 1 } } as never),
        'convBackward: cache.hparameters.pad must be an integer >= 0 and <= 65536, got undefined',
      );
    });
  });

  it('rejects a disposed tensor', () => {
    const gone = tf.ones([2, 4, 4, 3]);
    gone.dispose();
    expectDlkitError(() => convForward(gone, W, b, hp), 'convForward: aPrev is a disposed tensor');
  });
});
