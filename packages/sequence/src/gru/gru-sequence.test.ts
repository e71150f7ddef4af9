import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fc,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { gruSequence } from './gru-sequence.js';

type Key =
  | 'x'
  | 'kernel'
  | 'recurrentKernel'
  | 'bias'
  | 'h0'
  | 'R1'
  | 'R2'
  | 'sequence'
  | 'lastH'
  | 'dx'
  | 'dKernel'
  | 'dRecurrentKernel'
  | 'dBias'
  | 'dh0';
type GruCase = {
  m: number;
  Tx: number;
  nX: number;
  nA: number;
  zeroState: boolean;
  resetAfter: boolean;
} & Record<Key, FixtureTensor>;

const fixture = loadFixture<{ cases: GruCase[] }>('sequence_gru');
const TOL = { rtol: 1e-4, atol: 1e-5 };

function tensors(c: GruCase): Record<Key, tf.Tensor> {
  const out = {} as Record<Key, tf.Tensor>;
  for (const k of Object.keys(c) as (keyof GruCase)[]) {
    const v = c[k];
    if (typeof v === 'object') out[k as Key] = fixtureTensor(v);
  }
  return out;
}

function label(c: GruCase): string {
  return `m ${c.m}, Tx ${c.Tx}, nX ${c.nX}, nA ${c.nA}, resetAfter ${c.resetAfter}${c.zeroState ? '' : ', h0 given'}`;
}

/** Values and the five gradients of the fixture's loss sum(sequence * R1) + sum(lastH * R2). */
function runAgainstFixture(c: GruCase): void {
  const t = tensors(c);
  const options = (h0: tf.Tensor) => ({
    resetAfter: c.resetAfter,
    ...(c.zeroState ? {} : { initialState: h0 }),
  });
  const r = gruSequence(t.x, t.kernel, t.recurrentKernel, t.bias, options(t.h0));
  expectTensorsClose(r.sequence, t.sequence, { ...TOL, label: 'sequence' });
  expectTensorsClose(r.lastH, t.lastH, { ...TOL, label: 'lastH' });
  const lossOf = (...args: tf.Tensor[]): tf.Scalar => {
    const [x, k, u, b, h0] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const out = gruSequence(x, k, u, b, options(h0));
    return tf.add(tf.sum(tf.mul(out.sequence, t.R1)), tf.sum(tf.mul(out.lastH, t.R2)));
  };
  // Without a given state h0 is not an input (the fixture's dh0 is the gradient at zeros).
  const inputs = [t.x, t.kernel, t.recurrentKernel, t.bias, ...(c.zeroState ? [] : [t.h0])];
  const grads = tf.grads(lossOf)(inputs);
  const names = ['dx', 'dKernel', 'dRecurrentKernel', 'dBias', 'dh0'] as const;
  grads.forEach((g, i) => expectTensorsClose(g, t[names[i]!], { ...TOL, label: names[i] }));
  expect(grads).toHaveLength(c.zeroState ? 4 : 5);
  tf.dispose([r.sequence, r.lastH, ...grads, ...Object.values(t)]);
}

describe('gruSequence vs PyTorch nn.GRU (resetAfter) and a NumPy/torch reference (reset before)', () => {
  for (const c of fixture.cases) {
    it(`values and gradients, ${label(c)}`, () => runAgainstFixture(c));
  }
});

describe('gruSequence worked example (docs/sequence/gru.md, computed by hand)', () => {
  it('one unit, weights 0.5, two steps of x = 1: h = 0.1745, 0.2926 in both reset forms', () => {
    tf.tidy(() => {
      const x = tf.ones([1, 2, 1]);
      const k = tf.fill([1, 3], 0.5);
      const u = tf.fill([1, 3], 0.5);
      const after = gruSequence(x, k, u, tf.zeros([2, 3]));
      const before = gruSequence(x, k, u, tf.zeros([3]), { resetAfter: false });
      expectTensorsClose(after.sequence, [[[0.1745], [0.2926]]], { atol: 1e-4 });
      expectTensorsClose(before.sequence, [[[0.1745], [0.2926]]], { atol: 1e-4 });
    });
  });

  it('a recurrent candidate bias (row 1 of bias) only exists with resetAfter', () => {
    tf.tidy(() => {
      const x = tf.ones([1, 1, 1]);
      const k = tf.fill([1, 3], 0.5);
      const u = tf.fill([1, 3], 0.5);
      // h0 = 0.5: z = r = sigmoid(0.5 + 0.25) = 0.6792; hh = tanh(0.5 + r * (0.25 + 1)) = 0.8738.
      const h0 = tf.fill([1, 1], 0.5);
      const bias = tf.tensor2d([
        [0, 0, 0],
        [0, 0, 1],
      ]);
      const r = gruSequence(x, k, u, bias, { initialState: h0 });
      const z = 1 / (1 + Math.exp(-0.75));
      const hh = Math.tanh(0.5 + z * 1.25);
      expectTensorsClose(r.lastH, [[z * 0.5 + (1 - z) * hh]], { atol: 1e-6 });
    });
  });
});

describe('gruSequence properties', () => {
  it('lastH is the last step of sequence, for any small shape and either reset form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (m, Tx, nX, nA, resetAfter, seed) => {
          tf.tidy(() => {
            const x = tf.randomNormal([m, Tx, nX], 0, 1, 'float32', seed);
            const k = tf.randomNormal([nX, 3 * nA], 0, 1, 'float32', seed + 1);
            const u = tf.randomNormal([nA, 3 * nA], 0, 1, 'float32', seed + 2);
            const b = tf.randomNormal(
              resetAfter ? [2, 3 * nA] : [3 * nA],
              0,
              1,
              'float32',
              seed + 3,
            );
            const r = gruSequence(x, k, u, b, { resetAfter });
            expect(r.sequence.shape).toEqual([m, Tx, nA]);
            const last = tf.reshape(tf.slice(r.sequence, [0, Tx - 1, 0], [m, 1, nA]), [m, nA]);
            expectTensorsClose(r.lastH, last, { rtol: 0, atol: 0 });
            // h is a convex mix of h[t-1] and tanh(...): it stays inside (-1, 1) from zeros.
            expect(tf.max(tf.abs(r.sequence)).dataSync()[0]!).toBeLessThan(1);
          });
        },
      ),
      { seed: 15, numRuns: 20 },
    );
  });

  it('the initial state matters, and zeros equal leaving it out', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 3, 2], 0, 1, 'float32', 1);
      const k = tf.randomNormal([2, 6], 0, 1, 'float32', 2);
      const u = tf.randomNormal([2, 6], 0, 1, 'float32', 3);
      const b = tf.zeros([2, 6]);
      const plain = gruSequence(x, k, u, b);
      const zeros = gruSequence(x, k, u, b, { initialState: tf.zeros([2, 2]) });
      const ones = gruSequence(x, k, u, b, { initialState: tf.ones([2, 2]) });
      expectTensorsClose(zeros.sequence, plain.sequence, { rtol: 0, atol: 0 });
      const moved = tf.max(tf.abs(tf.sub(ones.lastH, plain.lastH))).dataSync()[0]!;
      expect(moved).toBeGreaterThan(1e-3);
    });
  });
});

describe('gruSequence memory', () => {
  it('returns two tensors and leaks nothing, with and without the initial state', async () => {
    const x = tf.randomNormal([2, 3, 2], 0, 1, 'float32', 1);
    const k = tf.randomNormal([2, 6], 0, 1, 'float32', 2);
    const u = tf.randomNormal([2, 6], 0, 1, 'float32', 3);
    const b = tf.zeros([6]);
    const h0 = tf.ones([2, 2]);
    expect(await expectNoLeaks(() => gruSequence(x, k, u, b, { resetAfter: false }))).toBe(2);
    const withState = { resetAfter: false, initialState: h0 };
    expect(await expectNoLeaks(() => gruSequence(x, k, u, b, withState))).toBe(2);
    const grad = (): tf.Tensor[] =>
      tf.grads((kk: tf.Tensor) => tf.sum(gruSequence(x, kk, u, b, withState).sequence))([k]);
    expect(await expectNoLeaks(grad)).toBe(1);
    tf.dispose([x, k, u, b, h0]);
  });
});

describe('gruSequence bad input', () => {
  const x = tf.zeros([2, 3, 4]);
  const k = tf.zeros([4, 6]);
  const u = tf.zeros([2, 6]);
  const b = tf.zeros([2, 6]);

  it('names the argument, the expected shape and nA from the kernel', () => {
    expectDlkitError(
      () => gruSequence(tf.zeros([3, 4]), k, u, b),
      'gruSequence: x must have shape [m, Tx, nX], got [3, 4]',
    );
    expectDlkitError(
      () => gruSequence(x, tf.zeros([4, 5]), u, b),
      'gruSequence: kernel must have shape [nX, 3nA] (a positive multiple of 3 columns), got [4, 5]',
    );
    expectDlkitError(
      () => gruSequence(x, tf.zeros([3, 6]), u, b),
      'gruSequence: kernel must have shape [nX, *] with nX = 4 (from x), got [3, 6]',
    );
    expectDlkitError(
      () => gruSequence(x, k, tf.zeros([3, 6]), b),
      'gruSequence: recurrentKernel must have shape [nA, 3nA] with nA = 2 (from kernel), got [3, 6]',
    );
    expectDlkitError(
      () => gruSequence(x, k, u, tf.zeros([6])),
      'gruSequence: bias must have shape [2, 3nA] (resetAfter true) with nA = 2 (from kernel), got [6]',
    );
    expectDlkitError(
      () => gruSequence(x, k, u, b, { resetAfter: false }),
      'gruSequence: bias must have shape [3nA] (resetAfter false) with nA = 2 (from kernel), got [2, 6]',
    );
    expectDlkitError(
      () => gruSequence(x, k, u, b, { initialState: tf.zeros([3, 2]) }),
      'gruSequence: options.initialState must have shape [m, 2] with m = 2 (from x), got [3, 2]',
    );
    expectDlkitError(
      () => gruSequence(tf.zeros([2, 0, 4]), k, u, b),
      'gruSequence: x must have at least one time step (Tx >= 1), got Tx = 0',
    );
  });

  it('rejects wrong dtypes, disposed tensors and bad options', () => {
    expectDlkitError(
      () => gruSequence(tf.zeros([2, 3, 4], 'int32'), k, u, b),
      'gruSequence: x must have dtype float32, got int32',
    );
    const gone = tf.zeros([2, 6]);
    gone.dispose();
    expectDlkitError(
      () => gruSequence(x, k, gone, b),
      'gruSequence: recurrentKernel is a disposed tensor',
    );
    expectDlkitError(
      () => gruSequence(x, k, u, b, { activation: 'softmax' as never }),
      "gruSequence: options.activation must be one of 'tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear', got softmax",
    );
    expectDlkitError(
      () => gruSequence(x, k, u, b, { resetAfter: 1 as never }),
      'gruSequence: options.resetAfter must be one of true, false, got number 1',
    );
    expectDlkitError(
      () => gruSequence(x, k, u, b, { reset: true } as never),
      'gruSequence: options has an unknown field reset (known: initialState, resetAfter, activation, recurrentActivation, implementation)',
    );
  });
});
