// adam() on @dlkit/backend's wasm backend, where the fused DlkitAdamUpdate kernel is registered:
// the same trajectory as tf.train.adam (its dozen ops per variable) on wasm, one fused kernel per
// variable and step, and a flat tensor count. The project runs on cpu; these tests switch.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAM_UPDATE_KERNEL, RandomState, hasKernel } from '@dlkit/core';
import { loadWasmBackend, resetWasmKernelStats, wasmKernelStats } from '@dlkit/backend';
import { expectTensorsClose } from '@dlkit/test-harness';
import { adam } from './adam-optimizer.js';

// `big` is a large variable (a multiple of 4 elements), the others small, some with a tail.
const SHAPES: Record<string, number[]> = {
  kernel: [12, 7],
  bias: [7],
  conv: [3, 3, 2, 4],
  one: [1],
  big: [100, 100],
};

describe('adam() on the wasm backend (fused kernel)', () => {
  let previous = 'cpu';
  beforeAll(async () => {
    previous = tf.getBackend();
    await loadWasmBackend();
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend(previous);
  });

  it('has the fused kernel and follows tf.train.adam over several steps', () => {
    expect(hasKernel(ADAM_UPDATE_KERNEL)).toBe(true);
    const rs = new RandomState(12);
    const inits = Object.fromEntries(Object.entries(SHAPES).map(([k, s]) => [k, rs.randn(...s)]));
    const ours = Object.fromEntries(
      Object.entries(inits).map(([k, t]) => [k, tf.variable(t, true, `wasm_ours/${k}`)]),
    );
    const theirs = Object.fromEntries(
      Object.entries(inits).map(([k, t]) => [k, tf.variable(t, true, `wasm_theirs/${k}`)]),
    );
    tf.dispose(Object.values(inits));
    const optA = adam(0.01);
    const optB: tf.Optimizer = tf.train.adam(0.01);
    expect(optA.getConfig()['epsilon']).toBe(optB.getConfig()['epsilon']);
    resetWasmKernelStats();
    let count = -1;
    let buffers = -1;
    const steps = 8;
    for (let t = 1; t <= steps; t++) {
      const grads = Object.fromEntries(Object.entries(SHAPES).map(([k, s]) => [k, rs.randn(...s)]));
      optA.applyGradients(
        Object.fromEntries(Object.entries(ours).map(([k, v]) => [v.name, grads[k]!])),
      );
      if (t === 2) [count, buffers] = [tf.memory().numTensors, tf.backend().numDataIds()];
      if (t > 2) {
        expect(tf.memory().numTensors).toBe(count);
        expect(tf.backend().numDataIds()).toBe(buffers);
      }
      optB.applyGradients(
        Object.fromEntries(Object.entries(theirs).map(([k, v]) => [v.name, grads[k]!])),
      );
      tf.dispose(Object.values(grads));
      for (const k of Object.keys(SHAPES))
        expectTensorsClose(ours[k]!, theirs[k]!, { rtol: 1e-4, atol: 1e-6, label: `t=${t} ${k}` });
    }
    expect(wasmKernelStats().calls[ADAM_UPDATE_KERNEL]).toBe(steps * Object.keys(SHAPES).length);
    optA.dispose();
    optB.dispose();
    tf.dispose([...Object.values(ours), ...Object.values(theirs)]);
  });

  it('trains a model with model.fit like tf.train.adam', async () => {
    const build = (): tf.Sequential =>
      tf.sequential({
        layers: [
          tf.layers.dense({
            units: 8,
            inputShape: [5],
            activation: 'relu',
            kernelInitializer: 'glorotUniform',
          }),
          tf.layers.dense({ units: 3, activation: 'softmax' }),
        ],
      });
    const a = build();
    const b = build();
    b.setWeights(a.getWeights());
    const optA = adam();
    const optB = tf.train.adam();
    a.compile({ optimizer: optA, loss: 'categoricalCrossentropy' });
    b.compile({ optimizer: optB, loss: 'categoricalCrossentropy' });
    const rs = new RandomState(2);
    const xs = rs.randn(32, 5);
    const ys = tf.tidy(() => tf.oneHot(tf.argMax(rs.randn(32, 3), 1), 3).toFloat());
    resetWasmKernelStats();
    const hA = await a.fit(xs, ys, { epochs: 4, batchSize: 16, shuffle: false, verbose: 0 });
    const hB = await b.fit(xs, ys, { epochs: 4, batchSize: 16, shuffle: false, verbose: 0 });
    expect(wasmKernelStats().calls[ADAM_UPDATE_KERNEL]).toBe(4 * 2 * 4);
    expectTensorsClose(hA.history['loss'] as number[], hB.history['loss'] as number[], {
      rtol: 1e-4,
    });
    const wB = b.getWeights();
    a.getWeights().forEach((w, i) => expectTensorsClose(w, wB[i]!, { rtol: 1e-4, atol: 1e-6 }));
    tf.dispose([xs, ys]);
    a.dispose();
    b.dispose();
    optA.dispose();
    optB.dispose();
  });
});
