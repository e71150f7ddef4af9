// End to end, across packages: models built from dlkit's LSTM layer (@dlkit/sequence) and
// trained with dlkit's Adam (@dlkit/optimizers) give the same gradients, losses and weights on
// `cpu` (their composite paths: ordinary tfjs ops, autodiff) and on `wasm` (@dlkit/backend's
// fused kernels DlkitLstmForward/Backward and DlkitAdamUpdate).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWasmBackend, resetWasmKernelStats, wasmKernelStats } from '@dlkit/backend';
import { adam } from '@dlkit/optimizers';
import { lstm } from '@dlkit/sequence';
import { expectTensorsClose } from '@dlkit/test-harness';

interface Case {
  name: string;
  build: () => tf.Sequential;
  x: () => tf.Tensor;
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
    classes: 3,
  },
];

async function train(
  backend: 'cpu' | 'wasm',
  c: Case,
  initial: number[][],
): Promise<{ grads: Float32Array[]; losses: number[]; weights: Float32Array[] }> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const model = c.build();
  const start = model.getWeights().map((w, i) => tf.tensor(initial[i] as number[], w.shape));
  model.setWeights(start);
  tf.dispose(start);
  const x = tf.tidy(c.x);
  const m = x.shape[0] as number;
  const y = tf.tidy(() =>
    tf.oneHot(tf.tensor1d(ints(m, 3, c.classes), 'int32'), c.classes).toFloat(),
  );
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const lossFn = (): tf.Scalar =>
    tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
  const { grads, value } = tf.variableGrads(lossFn, vars);
  const gradValues = vars.map((v) => (grads[v.name] as tf.Tensor).dataSync() as Float32Array);
  tf.dispose([value, ...Object.values(grads)]);
  const opt = adam(0.01);
  const losses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const loss = opt.minimize(lossFn, true, vars) as tf.Scalar;
    losses.push(loss.dataSync()[0] as number);
    loss.dispose();
  }
  const weights = vars.map((v) => v.dataSync() as Float32Array);
  tf.dispose([x, y]);
  opt.dispose();
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return { grads: gradValues, losses, weights };
}

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
    const ref = await train('cpu', c, initial);
    resetWasmKernelStats();
    const got = await train('wasm', c, initial);
    const calls = wasmKernelStats().calls;
    for (const k of ['DlkitLstmForward', 'DlkitLstmBackward', 'DlkitAdamUpdate']) {
      expect(calls[k] ?? 0, k).toBeGreaterThan(0);
    }
    expect(wasmKernelStats().cpuFallbacks).toEqual({});
    const tol = { rtol: 1e-4, atol: 1e-5 };
    got.grads.forEach((g, i) =>
      expectTensorsClose(Array.from(g), Array.from(ref.grads[i] as Float32Array), {
        ...tol,
        label: `gradient ${i}`,
      }),
    );
    expectTensorsClose(got.losses, ref.losses, { rtol: 1e-4 });
    got.weights.forEach((w, i) =>
      expectTensorsClose(Array.from(w), Array.from(ref.weights[i] as Float32Array), {
        ...tol,
        label: `weights ${i}`,
      }),
    );
  });
});
