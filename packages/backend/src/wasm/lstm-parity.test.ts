// Parity of dlkit's fused LSTM kernels on wasm (native/lstm.c) with the contract written in tfjs
// ops (the harness' reference kernels, checked there against tf.grads and finite differences) on
// the cpu backend: shapes with m and
// nA multiples of 4 or not (the SIMD tails), one step or many, saturated gates.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LSTM_BACKWARD_KERNEL, LSTM_FORWARD_KERNEL } from '@dlkit/core';
import {
  expectNoLeaks,
  expectTensorsClose,
  referenceLstmBackward,
  referenceLstmForward,
} from '@dlkit/test-harness';
import { loadWasmBackend } from './load-wasm.js';

interface Case {
  m: number;
  steps: number;
  units: number;
  /** Standard deviation of the projections: 4 saturates many gates. */
  scale: number;
}

const CASES: Case[] = [
  { m: 1, steps: 1, units: 1, scale: 1 },
  { m: 2, steps: 3, units: 4, scale: 1 },
  { m: 3, steps: 5, units: 6, scale: 1 },
  { m: 4, steps: 4, units: 8, scale: 4 },
  { m: 5, steps: 7, units: 9, scale: 1 },
  { m: 8, steps: 6, units: 32, scale: 0.5 },
  { m: 32, steps: 3, units: 128, scale: 0.2 },
];

/** Inputs as plain arrays, so each backend makes its own tensors. */
function inputsOf({ m, steps, units, scale }: Case, seed: number) {
  return tf.tidy(() => {
    const r = (shape: number[], s: number, k: number) =>
      tf.randomNormal(shape, 0, s, 'float32', seed + k).arraySync();
    return {
      xProj: r([m, steps, 4 * units], scale, 0),
      u: r([units, 4 * units], 1 / Math.sqrt(units), 1),
      h0: r([m, units], 0.5, 2),
      c0: r([m, units], 1, 3),
      dhc: r([m, steps, 2 * units], 1, 4),
    };
  });
}

type Arrays = ReturnType<typeof inputsOf>;
const tensors = (a: Arrays) => ({
  xProj: tf.tensor(a.xProj as number[][][]),
  u: tf.tensor(a.u as number[][]),
  h0: tf.tensor(a.h0 as number[][]),
  c0: tf.tensor(a.c0 as number[][]),
  dhc: tf.tensor(a.dhc as number[][][]),
});

async function onCpu(a: Arrays): Promise<number[][]> {
  await tf.setBackend('cpu');
  const t = tensors(a);
  const [hc, gates] = referenceLstmForward(t.xProj, t.u, t.h0, t.c0);
  const grads = referenceLstmBackward(t.dhc, t.u, t.h0, t.c0, hc, gates);
  const out = [hc, gates, ...grads].map((x) => Array.from(x.dataSync()));
  tf.dispose([hc, gates, ...grads, ...Object.values(t)]);
  return out;
}

type Inputs = ReturnType<typeof tensors>;

/** The forward kernel on the active backend: `[hc, gates]`. */
const forward = (t: Inputs): [tf.Tensor, tf.Tensor] =>
  tf.engine().runKernel(LSTM_FORWARD_KERNEL, {
    xProj: t.xProj,
    recurrentKernel: t.u,
    h0: t.h0,
    c0: t.c0,
  }) as [tf.Tensor, tf.Tensor];

/** The backward kernel on the active backend: `[dz, dh0, dc0]`. */
const backward = (t: Inputs, hc: tf.Tensor, gates: tf.Tensor): tf.Tensor[] =>
  tf.engine().runKernel(LSTM_BACKWARD_KERNEL, {
    dhc: t.dhc,
    recurrentKernel: t.u,
    h0: t.h0,
    c0: t.c0,
    hc,
    gates,
  }) as tf.Tensor[];

async function onWasm(a: Arrays): Promise<number[][]> {
  await tf.setBackend('wasm');
  const t = tensors(a);
  const [hc, gates] = forward(t);
  const grads = backward(t, hc, gates);
  const out = [hc, gates, ...grads].map((x) => Array.from(x.dataSync()));
  tf.dispose([hc, gates, ...grads, ...Object.values(t)]);
  return out;
}

describe('fused LSTM kernels on wasm match the contract on cpu', () => {
  beforeAll(async () => {
    await loadWasmBackend();
  });
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  const names = ['hc', 'gates', 'dz', 'dh0', 'dc0'];
  for (const c of CASES) {
    it(`m ${c.m}, Tx ${c.steps}, nA ${c.units}, projections ~N(0, ${c.scale}²)`, async () => {
      const a = inputsOf(c, 7 * c.m + c.units);
      const expected = await onCpu(a);
      const actual = await onWasm(a);
      actual.forEach((values, k) =>
        expectTensorsClose(values, expected[k] as number[], {
          rtol: 1e-4,
          atol: 1e-5,
          label: `${names[k]} (m ${c.m}, Tx ${c.steps}, nA ${c.units})`,
        }),
      );
    });
  }

  it('leave exactly their outputs (2 forward, 3 backward) and free the transposed kernel', async () => {
    await tf.setBackend('wasm');
    const t = tensors(inputsOf(CASES[2] as Case, 1));
    expect(await expectNoLeaks(() => forward(t))).toBe(2);
    const [hc, gates] = forward(t);
    const bytes = tf.memory().numBytes;
    expect(await expectNoLeaks(() => backward(t, hc, gates))).toBe(3);
    expect(tf.memory().numBytes).toBe(bytes);
    tf.dispose([hc, gates, ...Object.values(t)]);
  });

  it('refuse inputs that break the contract, naming the kernel and the input', async () => {
    await tf.setBackend('wasm');
    const t = tensors(inputsOf(CASES[1] as Case, 2)); // m 2, Tx 3, nA 4
    const bad = tf.zeros([2, 3, 6]);
    const wrongU = tf.zeros([4, 8]);
    const wrongH = tf.zeros([3, 4]);
    const forwardWith = (over: Record<string, tf.Tensor>) => () =>
      tf.engine().runKernel(LSTM_FORWARD_KERNEL, {
        xProj: t.xProj,
        recurrentKernel: t.u,
        h0: t.h0,
        c0: t.c0,
        ...over,
      });
    expect(forwardWith({ xProj: bad })).toThrow(
      /DlkitLstmForward: xProj must be a float32 \[m, Tx, 4nA\] tensor, got float32 \[2, 3, 6\]/,
    );
    expect(forwardWith({ recurrentKernel: wrongU })).toThrow(
      /DlkitLstmForward: recurrentKernel must be a float32 \[4, 16\] tensor, got float32 \[4, 8\]/,
    );
    expect(forwardWith({ c0: wrongH })).toThrow(/DlkitLstmForward: c0 must be a float32 \[2, 4\]/);
    const [hc, gates] = forward(t);
    const shortGates = t.xProj.slice([0, 0, 0], [2, 2, 16]);
    const before = tf.memory().numTensors;
    expect(() =>
      tf.engine().runKernel(LSTM_BACKWARD_KERNEL, {
        dhc: t.dhc,
        recurrentKernel: t.u,
        h0: t.h0,
        c0: t.c0,
        hc,
        gates: shortGates,
      }),
    ).toThrow(
      /DlkitLstmBackward: gates must be a float32 \[2, 3, 16\] tensor, got float32 \[2, 2, 16\]/,
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([bad, wrongU, wrongH, hc, gates, shortGates, ...Object.values(t)]);
  });
});
