// End-to-end gradient parity: small models of every kind dlkit trains (dense, LeNet-style CNN
// with strided and depthwise convolutions, LSTM, Embedding + LSTM, attention with einsum),
// built once, then their loss gradients and a few Adam steps computed on `cpu` and on `wasm`.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectTensorsClose, expectTrainingRunsClose, trainOn } from '@dlkit/test-harness';
import { loadWasmBackend } from './load-wasm.js';
import { resetWasmKernelStats, wasmKernelStats } from './register-kernels.js';

interface Case {
  name: string;
  build: () => tf.LayersModel;
  x: () => tf.Tensor;
  y: () => tf.Tensor;
  /** dlkit kernels the model's training must go through on wasm. */
  kernels: string[];
}

function seeded(size: number, seed: number, scale = 1): number[] {
  let s = seed * 7919 + 17;
  return Array.from({ length: size }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return ((s / 2147483648) * 2 - 1) * scale;
  });
}

const labels =
  (m: number, k: number): (() => tf.Tensor) =>
  () =>
    tf
      .oneHot(
        tf.tensor1d(
          seeded(m, 9).map((v) => Math.floor(((v + 1) / 2) * k)),
          'int32',
        ),
        k,
      )
      .toFloat();

const CASES: Case[] = [
  {
    name: 'dense net',
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [6], units: 8, activation: 'relu' }),
          tf.layers.dense({ units: 3 }),
        ],
      }),
    x: () => tf.tensor2d(seeded(30, 1), [5, 6]),
    y: labels(5, 3),
    kernels: ['_FusedMatMul', 'BatchMatMul'],
  },
  {
    name: 'LeNet-style CNN with strided, padded and depthwise convolutions',
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({
            inputShape: [9, 9, 2],
            filters: 3,
            kernelSize: 3,
            padding: 'same',
            activation: 'relu',
          }),
          tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
          tf.layers.conv2d({
            filters: 4,
            kernelSize: [2, 3],
            strides: 2,
            padding: 'valid',
            activation: 'relu',
          }),
          tf.layers.depthwiseConv2d({ kernelSize: 2, depthMultiplier: 2, padding: 'same' }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 3 }),
        ],
      }),
    x: () => tf.tensor4d(seeded(2 * 9 * 9 * 2, 2), [2, 9, 9, 2]),
    y: labels(2, 3),
    kernels: [
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
    ],
  },
  {
    name: 'LSTM on one-hot characters',
    build: () =>
      tf.sequential({
        layers: [tf.layers.lstm({ inputShape: [4, 5], units: 6 }), tf.layers.dense({ units: 5 })],
      }),
    x: () =>
      tf
        .oneHot(
          tf.tensor2d(
            seeded(12, 3).map((v) => Math.floor(((v + 1) / 2) * 5)),
            [3, 4],
            'int32',
          ),
          5,
        )
        .toFloat(),
    y: labels(3, 5),
    kernels: ['BatchMatMul'],
  },
  {
    name: 'Embedding + LSTM',
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: 7, outputDim: 4, inputLength: 5 }),
          tf.layers.lstm({ units: 6 }),
          tf.layers.dense({ units: 2 }),
        ],
      }),
    x: () =>
      tf.tensor2d(
        seeded(15, 4).map((v) => Math.floor(((v + 1) / 2) * 7)),
        [3, 5],
      ),
    y: labels(3, 2),
    kernels: ['UnsortedSegmentSum'],
  },
];

beforeAll(async () => {
  await loadWasmBackend();
});

describe('small models train the same on wasm as on cpu', () => {
  it.each(CASES)('$name', async (c) => {
    await tf.setBackend('cpu');
    const initial = tf.tidy(() => {
      const m = c.build();
      const w = m.getWeights().map((t, i) => Float32Array.from(seeded(t.size, 100 + i, 0.5)));
      m.dispose();
      return w;
    });
    const training = {
      build: c.build,
      x: c.x,
      y: c.y,
      initial,
      optimizer: () => tf.train.adam(0.01),
    };
    const ref = await trainOn('cpu', training);
    resetWasmKernelStats();
    const got = await trainOn('wasm', training);
    for (const k of c.kernels) expect(wasmKernelStats().calls[k] ?? 0, k).toBeGreaterThan(0);
    expect(wasmKernelStats().cpuFallbacks).toEqual({});
    expectTrainingRunsClose(got, ref);
  });

  it('attention with batched, transposed matmuls (and an einsum of its output)', async () => {
    const run = async (backend: 'cpu' | 'wasm'): Promise<Float32Array[]> => {
      await tf.setBackend(backend);
      const q = tf.variable(tf.tensor3d(seeded(2 * 3 * 4, 1), [2, 3, 4]));
      const k = tf.variable(tf.tensor3d(seeded(2 * 5 * 4, 2), [2, 5, 4]));
      const v = tf.variable(tf.tensor3d(seeded(2 * 5 * 4, 3), [2, 5, 4]));
      const { grads, value } = tf.variableGrads(() => {
        const scores = tf.matMul(q, k, false, true);
        const att = tf.softmax(tf.div(scores, 2));
        return tf.sum(tf.square(tf.matMul(att, v)));
      }, [q, k, v]);
      // tfjs has no gradient for Einsum: its forward value joins the comparison.
      const e = tf.einsum('bqd,bkd->bqk', q, k);
      const out = [q, k, v].map((t) => (grads[t.name] as tf.Tensor).dataSync() as Float32Array);
      out.push(value.dataSync() as Float32Array, e.dataSync() as Float32Array);
      tf.dispose([q, k, v, value, e, ...Object.values(grads)]);
      return out;
    };
    const ref = await run('cpu');
    resetWasmKernelStats();
    const got = await run('wasm');
    expect(wasmKernelStats().calls['Einsum']).toBeGreaterThan(0);
    got.forEach((g, i) =>
      expectTensorsClose(Array.from(g), Array.from(ref[i] as Float32Array), {
        rtol: 1e-4,
        atol: 1e-6,
      }),
    );
  });
});
