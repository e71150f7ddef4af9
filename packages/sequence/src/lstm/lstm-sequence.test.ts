import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoLeaks,
  expectTensorsClose,
  fc,
  fixtureTensor,
  loadFixture,
  registerReferenceLstmKernels,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { DlkitError, LSTM_BACKWARD_KERNEL, LSTM_FORWARD_KERNEL } from '@dlkit/core';
import { lstmFusedAvailable, lstmSequence } from './lstm-sequence.js';

type Key =
  | 'x'
  | 'kernel'
  | 'recurrentKernel'
  | 'bias'
  | 'h0'
  | 'c0'
  | 'R1'
  | 'R2'
  | 'R3'
  | 'sequence'
  | 'lastH'
  | 'lastC'
  | 'dx'
  | 'dKernel'
  | 'dRecurrentKernel'
  | 'dBias'
  | 'dh0'
  | 'dc0';
type Case = { m: number; Tx: number; nX: number; nA: number; zeroState: boolean } & Record<
  Key,
  FixtureTensor
>;

const fixture = loadFixture<{ cases: Case[] }>('sequence_lstm');
const TOL = { rtol: 1e-4, atol: 1e-5 };

function tensors(c: Case): Record<Key, tf.Tensor> {
  const out = {} as Record<Key, tf.Tensor>;
  for (const k of Object.keys(c) as (keyof Case)[]) {
    const v = c[k];
    if (typeof v === 'object') out[k as Key] = fixtureTensor(v);
  }
  return out;
}

/** Values and the six gradients of the fixture's loss, with or without the initial state. */
function runAgainstFixture(c: Case, implementation: 'composite' | 'fused'): void {
  const t = tensors(c);
  const useState = !c.zeroState;
  const lossOf = (...args: tf.Tensor[]): tf.Scalar => {
    const [x, k, u, b, h0, c0] = args as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
    const r = lstmSequence(x, k, u, b, {
      implementation,
      ...(useState ? { initialState: [h0, c0] as [tf.Tensor, tf.Tensor] } : {}),
    });
    return tf.addN([
      tf.sum(tf.mul(r.sequence, t.R1)),
      tf.sum(tf.mul(r.lastH, t.R2)),
      tf.sum(tf.mul(r.lastC, t.R3)),
    ]) as tf.Scalar;
  };
  const r = lstmSequence(t.x, t.kernel, t.recurrentKernel, t.bias, {
    implementation,
    ...(useState ? { initialState: [t.h0, t.c0] as [tf.Tensor, tf.Tensor] } : {}),
  });
  expectTensorsClose(r.sequence, t.sequence, { ...TOL, label: 'sequence' });
  expectTensorsClose(r.lastH, t.lastH, { ...TOL, label: 'lastH' });
  expectTensorsClose(r.lastC, t.lastC, { ...TOL, label: 'lastC' });
  const inputs = [t.x, t.kernel, t.recurrentKernel, t.bias, t.h0, t.c0];
  const names = ['dx', 'dKernel', 'dRecurrentKernel', 'dBias', 'dh0', 'dc0'] as const;
  // Without an initial state h0 and c0 do not reach the loss: check the four others.
  const checked = useState ? 6 : 4;
  const grads = tf.grads((...xs: tf.Tensor[]) => lossOf(...xs, ...inputs.slice(xs.length)))(
    inputs.slice(0, checked),
  );
  grads.forEach((g, i) =>
    expectTensorsClose(g, t[names[i] as Key], { ...TOL, label: `${implementation} ${names[i]}` }),
  );
  tf.dispose([...Object.values(t), r.sequence, r.lastH, r.lastC, ...grads]);
}

/**
 * Runs `body` with the active backend's two LSTM kernels replaced by `wrap` of themselves, then
 * restores exactly the kernels that were registered (reference ones on cpu, real ones on wasm).
 */
async function withWrappedLstmKernels(
  wrap: (kernel: tf.KernelConfig) => tf.KernelFunc,
  body: () => unknown,
): Promise<void> {
  const backendName = tf.getBackend();
  const originals = [LSTM_FORWARD_KERNEL, LSTM_BACKWARD_KERNEL].map((name) => {
    const kernel = tf.getKernel(name, backendName);
    if (kernel === undefined) throw new Error(`no ${name} kernel on ${backendName}`);
    return kernel;
  });
  for (const kernel of originals) {
    tf.unregisterKernel(kernel.kernelName, backendName);
    tf.registerKernel({ ...kernel, kernelFunc: wrap(kernel) });
  }
  try {
    await body();
  } finally {
    for (const kernel of originals) {
      tf.unregisterKernel(kernel.kernelName, backendName);
      tf.registerKernel(kernel);
    }
  }
}

// These tests run on any backend (DLKIT_BACKEND=wasm runs them on wasm): the composite path is
// forced, and the fused describe below uses the backend's own kernels when it has them (so they
// are checked against PyTorch), else registers the reference ones.
describe('lstmSequence, composite path (tfjs ops, autodiff)', () => {
  it.skipIf(lstmFusedAvailable())(
    "'auto' runs the composite path where the fused kernels are missing (cpu)",
    () => {
      const x = tf.ones([1, 2, 1]);
      const w = tf.ones([1, 4]);
      const b = tf.zeros([4]);
      const auto = lstmSequence(x, w, w, b);
      const composite = lstmSequence(x, w, w, b, { implementation: 'composite' });
      expectTensorsClose(auto.sequence, composite.sequence, { rtol: 0, atol: 0 });
      tf.dispose([x, w, b, ...Object.values(auto), ...Object.values(composite)]);
      expect(lstmFusedAvailable()).toBe(false);
    },
  );

  it('equals torch.nn.LSTM: outputs, last states and all six gradients', () => {
    for (const c of fixture.cases) runAgainstFixture(c, 'composite');
  });

  it('returns three tensors and leaks nothing, forward and under tf.grads', async () => {
    const x = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1);
    const k = tf.randomNormal([4, 8], 0, 1, 'float32', 2);
    const u = tf.randomNormal([2, 8], 0, 1, 'float32', 3);
    const b = tf.zeros([8]);
    const composite = { implementation: 'composite' } as const;
    expect(await expectNoLeaks(() => lstmSequence(x, k, u, b, composite))).toBe(3);
    expect(
      await expectNoLeaks(() =>
        tf.grads((a, w, v, c) => tf.sum(lstmSequence(a, w, v, c, composite).sequence))([
          x,
          k,
          u,
          b,
        ]),
      ),
    ).toBe(4);
    tf.dispose([x, k, u, b]);
  });

  it.skipIf(lstmFusedAvailable())("'fused' without the kernels is a backend error", () => {
    const x = tf.zeros([1, 2, 1]);
    const k = tf.zeros([1, 4]);
    const u = tf.zeros([1, 4]);
    const b = tf.zeros([4]);
    try {
      lstmSequence(x, k, u, b, { implementation: 'fused' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DlkitError);
      expect((e as DlkitError).kind).toBe('backend');
      expect((e as Error).message).toBe(
        `lstmSequence: the '${tf.getBackend()}' backend has no DlkitLstmForward and DlkitLstmBackward kernels; use implementation 'auto' or 'composite'`,
      );
    }
    tf.dispose([x, k, u, b]);
  });
});

describe('lstmSequence, fused path (the core kernel contract; reference kernels where missing)', () => {
  let unregister: () => void = () => undefined;
  beforeAll(() => {
    unregister = registerReferenceLstmKernels();
  });
  afterAll(() => unregister());

  it("picks the fused path once both kernels are registered ('auto')", () => {
    expect(lstmFusedAvailable()).toBe(true);
  });

  it('equals torch.nn.LSTM: outputs, last states and all six gradients', () => {
    for (const c of fixture.cases) runAgainstFixture(c, 'fused');
  });

  it('runs the kernels once forward and once backward, whatever Tx', async () => {
    const x = tf.randomNormal([2, 6, 3], 0, 1, 'float32', 4);
    const k = tf.randomNormal([3, 8], 0, 1, 'float32', 5);
    const u = tf.randomNormal([2, 8], 0, 1, 'float32', 6);
    const b = tf.zeros([8]);
    const calls: string[] = [];
    await withWrappedLstmKernels(
      (kernel) => (args) => {
        calls.push(kernel.kernelName);
        return kernel.kernelFunc(args);
      },
      () => {
        const grads = tf.grads((a, w, v, c) => tf.sum(lstmSequence(a, w, v, c).lastC))([
          x,
          k,
          u,
          b,
        ]);
        tf.dispose(grads);
      },
    );
    expect(calls).toEqual([LSTM_FORWARD_KERNEL, LSTM_BACKWARD_KERNEL]);
    tf.dispose([x, k, u, b]);
  });

  it('launches as many kernels for Tx = 12 as for Tx = 3: no per-step ops around the kernels', async () => {
    // Kernels the reference kernels launch inside themselves are not counted: on wasm each of the
    // two is one native call.
    const profile = (tf.engine() as unknown as { state: { activeProfile: { kernels: unknown[] } } })
      .state.activeProfile;
    let nested = 0;
    const counts: number[] = [];
    await withWrappedLstmKernels(
      (kernel) => (args) => {
        const before = profile.kernels.length;
        const out = kernel.kernelFunc(args);
        nested += profile.kernels.length - before;
        return out;
      },
      async () => {
        for (const Tx of [3, 12]) {
          const x = tf.randomNormal([2, Tx, 3], 0, 1, 'float32', 7);
          const k = tf.randomNormal([3, 8], 0, 1, 'float32', 8);
          const u = tf.randomNormal([2, 8], 0, 1, 'float32', 9);
          const b = tf.zeros([8]);
          nested = 0;
          const info = await tf.profile(() => {
            const r = tf.grads((a, w, v, c) => tf.sum(lstmSequence(a, w, v, c).sequence))([
              x,
              k,
              u,
              b,
            ]);
            tf.dispose(r);
          });
          counts.push(info.kernels.length - nested);
          tf.dispose([x, k, u, b]);
        }
      },
    );
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThan(50);
  });

  it('returns three tensors and leaks nothing, forward and under tf.grads', async () => {
    const x = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1);
    const k = tf.randomNormal([4, 8], 0, 1, 'float32', 2);
    const u = tf.randomNormal([2, 8], 0, 1, 'float32', 3);
    const b = tf.zeros([8]);
    const h0 = tf.ones([2, 2]);
    const c0 = tf.ones([2, 2]);
    expect(await expectNoLeaks(() => lstmSequence(x, k, u, b))).toBe(3);
    expect(
      await expectNoLeaks(() =>
        tf.grads((a, w, v, c, h, s) =>
          tf.sum(lstmSequence(a, w, v, c, { initialState: [h, s] }).lastH),
        )([x, k, u, b, h0, c0]),
      ),
    ).toBe(6);
    tf.dispose([x, k, u, b, h0, c0]);
  });

  it('agrees with the composite path on random shapes (values and gradients)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 1000 }),
        (m, Tx, nX, nA, seed) => {
          tf.tidy(() => {
            const x = tf.randomNormal([m, Tx, nX], 0, 1, 'float32', seed);
            const k = tf.randomNormal([nX, 4 * nA], 0, 0.5, 'float32', seed + 1);
            const u = tf.randomNormal([nA, 4 * nA], 0, 0.5, 'float32', seed + 2);
            const b = tf.randomNormal([4 * nA], 0, 0.5, 'float32', seed + 3);
            const h0 = tf.randomNormal([m, nA], 0, 0.5, 'float32', seed + 4);
            const c0 = tf.randomNormal([m, nA], 0, 0.5, 'float32', seed + 5);
            const w = tf.randomNormal([m, Tx, nA], 0, 1, 'float32', seed + 6);
            const loss =
              (implementation: 'fused' | 'composite') =>
              (...a: tf.Tensor[]): tf.Scalar => {
                const r = lstmSequence(a[0]!, a[1]!, a[2]!, a[3]!, {
                  implementation,
                  initialState: [a[4]!, a[5]!],
                });
                return tf.add(tf.sum(tf.mul(r.sequence, w)), tf.sum(r.lastC)) as tf.Scalar;
              };
            const inputs = [x, k, u, b, h0, c0];
            const fused = tf.grads(loss('fused'))(inputs);
            const composite = tf.grads(loss('composite'))(inputs);
            fused.forEach((g, i) => expectTensorsClose(g, composite[i]!, TOL));
            expectTensorsClose(loss('fused')(...inputs), loss('composite')(...inputs), TOL);
          });
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('lstmSequence input checks', () => {
  const x = tf.zeros([3, 5, 4]);
  const k = tf.zeros([4, 24]);
  const u = tf.zeros([6, 24]);
  const b = tf.zeros([24]);
  afterAll(() => tf.dispose([x, k, u, b]));

  const cases: [string, () => unknown, string][] = [
    [
      'x of rank 2',
      () => lstmSequence(tf.zeros([3, 4]), k, u, b),
      'x must have shape [m, Tx, nX], got [3, 4]',
    ],
    [
      'kernel rows not nX',
      () => lstmSequence(x, tf.zeros([5, 24]), u, b),
      'kernel must have shape [nX, *] with nX = 4 (from x), got [5, 24]',
    ],
    [
      'kernel columns not a multiple of 4',
      () => lstmSequence(x, tf.zeros([4, 10]), u, b),
      'kernel must have shape [nX, 4nA] (a positive multiple of 4 columns), got [4, 10]',
    ],
    [
      'recurrentKernel not [nA, 4nA]',
      () => lstmSequence(x, k, tf.zeros([5, 20]), b),
      'recurrentKernel must have shape [nA, 4nA] with nA = 6 (from kernel), got [5, 20]',
    ],
    [
      'bias not [4nA]',
      () => lstmSequence(x, k, u, tf.zeros([6])),
      'bias must have shape [4nA] with nA = 6 (from kernel), got [6]',
    ],
    [
      'h0 batch not m',
      () => lstmSequence(x, k, u, b, { initialState: [tf.zeros([2, 6]), tf.zeros([3, 6])] }),
      'h0 must have shape [m, *] with m = 3 (from x), got [2, 6]',
    ],
    [
      'c0 width not nA',
      () => lstmSequence(x, k, u, b, { initialState: [tf.zeros([3, 6]), tf.zeros([3, 5])] }),
      'c0 must have shape [m, nA] with nA = 6 (from kernel), got [3, 5]',
    ],
    [
      'an int32 x',
      () => lstmSequence(tf.zeros([3, 5, 4], 'int32'), k, u, b),
      'x must have dtype float32, got int32',
    ],
    [
      'no time steps',
      () => lstmSequence(tf.zeros([3, 0, 4]), k, u, b),
      'x must have at least one time step (Tx >= 1), got Tx = 0',
    ],
  ];
  for (const [what, call, message] of cases) {
    it(`rejects ${what}`, () => {
      tf.tidy(() => {
        expect(call).toThrow(DlkitError);
        expect(call).toThrow(`lstmSequence: ${message}`);
      });
    });
  }
});
