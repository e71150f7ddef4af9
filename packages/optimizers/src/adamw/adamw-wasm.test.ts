// AdamWOptimizer on @dlkit/backend's wasm backend: the decay multiply, then the fused
// DlkitAdamUpdate kernel, equal to torch.optim.AdamW over 25 steps. The project runs on cpu;
// this test switches.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAM_UPDATE_KERNEL, hasKernel } from '@dlkit/core';
import { loadWasmBackend, resetWasmKernelStats, wasmKernelStats } from '@dlkit/backend';
import {
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { AdamWOptimizer } from './adamw-optimizer.js';

type Dict = Record<string, FixtureTensor>;
interface Fixture {
  initial: Dict;
  grads: Dict[];
  runs: { optimizer: string; [k: string]: unknown; trajectory: { values: Dict }[] }[];
}

describe('AdamWOptimizer on the wasm backend (fused Adam kernel)', () => {
  let previous = 'cpu';
  beforeAll(async () => {
    previous = tf.getBackend();
    await loadWasmBackend();
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend(previous);
  });

  it('equals torch.optim.AdamW step by step, one fused kernel per variable and step', () => {
    expect(hasKernel(ADAM_UPDATE_KERNEL)).toBe(true);
    const fx = loadFixture<Fixture>('optimizers_torch_optimizers');
    const run = fx.runs.find((r) => r.optimizer === 'adamw' && r['weight_decay'] === 0.3)!;
    const n = (k: string): number => run[k] as number;
    const vars = Object.fromEntries(
      Object.entries(fx.initial).map(([k, v]) => {
        const init = fixtureTensor(v);
        const variable = tf.variable(init, true, `adamw_wasm/${k}`);
        init.dispose();
        return [k, variable];
      }),
    );
    const opt = new AdamWOptimizer(
      n('lr'),
      n('weight_decay'),
      n('beta1'),
      n('beta2'),
      n('epsilon'),
    );
    resetWasmKernelStats();
    let count = -1;
    run.trajectory.forEach((step, t) => {
      const grads = Object.fromEntries(
        Object.entries(fx.grads[t]!).map(([k, g]) => [vars[k]!.name, fixtureTensor(g)]),
      );
      opt.applyGradients(grads);
      tf.dispose(Object.values(grads));
      if (t === 1) count = tf.memory().numTensors;
      if (t > 1) expect(tf.memory().numTensors).toBe(count);
      tf.tidy(() => {
        for (const k of Object.keys(vars))
          expectTensorsClose(vars[k]!, fixtureTensor(step.values[k]!), {
            rtol: 1e-4,
            atol: 1e-5,
            label: `step ${t + 1} ${k}`,
          });
      });
    });
    expect(wasmKernelStats().calls[ADAM_UPDATE_KERNEL]).toBe(25 * Object.keys(vars).length);
    opt.dispose();
    tf.dispose(Object.values(vars));
  });
});
