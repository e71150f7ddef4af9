// End to end, across packages: models built from dlkit's LSTM layer (@dlkit/sequence) and
// trained with dlkit's Adam (@dlkit/optimizers) give the same gradients, losses and weights on
// `cpu` (their composite paths: ordinary tfjs ops, autodiff) and on `wasm` (@dlkit/backend's
// fused kernels DlkitLstmForward/Backward and DlkitAdamUpdate).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWasmBackend, resetWasmKernelStats, wasmKernelStats } from '@dlkit/backend';
import { adam } from '@dlkit/optimizers';
import { lstm } from '@dlkit/sequence';
import { expectTrainingRunsClose, trainOn } from '@dlkit/test-harness';

interface Case {
  name: string;
  build: () => tf.Sequential;
  x: () => tf.Tensor;
  /** Examples in `x`. */
  m: number;
  classes: number;
}

function seeded(size: number, seed: number, scale = 1): number[] {
  let s = seed * 7919 + 17;
  return Array.from({ length: size }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return ((s / 2147483648) * 2 - 1) * scale;
  });
}
const ints = (size: number, seed: number, n: number): number[] =>
  seeded(size, seed).map((v) => Math.min(n - 1, Math.floor(((v + 1) / 2) * n)));

const CASES: Case[] = [
  {
    name: 'LSTM on one-hot characters (m 3, Tx 6, nA 5)',
    build: () =>
      tf.sequential({
        layers: [lstm({ units: 5, inputShape: [6, 7] }), tf.layers.dense({ units: 7 })],
      }),
    x: () => tf.oneHot(tf.tensor2d(ints(18, 1, 7), [3, 6], 'int32'), 7).toFloat(),
    m: 3,
    classes: 7,
  },
  {
    name: 'Embedding + LSTM returning sequences + LSTM (m 4, Tx 5, nA 8 and 4)',
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: 9, outputDim: 3, inputLength: 5 }),
          lstm({ units: 8, returnSequences: true }),
          lstm({ units: 4 }),
          tf.layers.dense({ units: 3 }),
        ],
      }),
    x: () => tf.tensor2d(ints(20, 2, 9), [4, 5]),
    m: 4,
    classes: 3,
  },
];

describe("dlkit's LSTM and Adam train the same on wasm (fused kernels) as on cpu (composites)", () => {
  beforeAll(async () => {
    await loadWasmBackend();
  });

  it.each(CASES)('$name', async (c) => {
    await tf.setBackend('cpu');
    const initial = tf.tidy(() => {
      const model = c.build();
      const w = model.getWeights().map((t, i) => seeded(t.size, 100 + i, 0.5));
      model.dispose();
      return w;
    });
    const training = {
      build: c.build,
      x: c.x,
      y: () => tf.oneHot(tf.tensor1d(ints(c.m, 3, c.classes), 'int32'), c.classes).toFloat(),
      initial,
      optimizer: () => adam(0.01),
      steps: 4,
    };
    const ref = await trainOn('cpu', training);
    resetWasmKernelStats();
    const got = await trainOn('wasm', training);
    const calls = wasmKernelStats().calls;
    for (const k of ['DlkitLstmForward', 'DlkitLstmBackward', 'DlkitAdamUpdate']) {
      expect(calls[k] ?? 0, k).toBeGreaterThan(0);
    }
    expect(wasmKernelStats().cpuFallbacks).toEqual({});
    expectTrainingRunsClose(got, ref);
  });
});
