// dlkit's production optimizers against torch.optim, step by step over 25 steps on the same
// parameters and gradients (tests/fixtures/optimizers_torch_optimizers.py), and the pytorch
// momentum form against tf.train.momentum, a second independent oracle.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import {
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { MomentumOptimizer } from '../momentum/momentum-optimizer.js';
import { RmspropOptimizer } from '../rmsprop/rmsprop-optimizer.js';
import { AdamOptimizer } from '../adam/adam-optimizer.js';
import { AdamWOptimizer } from '../adamw/adamw-optimizer.js';
import type { SlotOptimizer } from './slot-optimizer.js';

type Dict = Record<string, FixtureTensor>;
interface Run {
  optimizer: string;
  [hyper: string]: unknown;
  trajectory: { values: Dict; slot?: Dict }[];
}
interface Fixture {
  initial: Dict;
  grads: Dict[];
  global_norms: number[];
  runs: Run[];
}

const fx = loadFixture<Fixture>('optimizers_torch_optimizers');
let made = 0;

/** What each fixture run is in dlkit, and which slot (by saved-name suffix) torch's state is. */
function build(run: Run): { opt: SlotOptimizer; slot?: string } {
  const n = (k: string): number => run[k] as number;
  switch (run.optimizer) {
    case 'sgd':
      return {
        opt: new MomentumOptimizer(n('lr'), n('momentum'), {
          form: 'pytorch',
          dampening: n('dampening'),
          nesterov: run['nesterov'] as boolean,
        }),
        slot: 'momentum',
      };
    case 'course_momentum':
      return { opt: new MomentumOptimizer(n('lr'), n('beta')), slot: 'momentum' };
    case 'rmsprop':
      return { opt: new RmspropOptimizer(n('lr'), n('rho'), n('epsilon')), slot: 'rms' };
    case 'adam':
      return { opt: new AdamOptimizer(n('lr'), n('beta1'), n('beta2'), n('epsilon')), slot: 'v' };
    case 'adamw':
      return {
        opt: new AdamWOptimizer(n('lr'), n('weight_decay'), n('beta1'), n('beta2'), n('epsilon')),
        slot: 'm',
      };
    case 'sgd_clip_value':
      return {
        opt: new MomentumOptimizer(n('lr'), 0, { form: 'pytorch', clipValue: n('clip_value') }),
      };
    case 'sgd_clip_norm':
      return {
        opt: new MomentumOptimizer(n('lr'), 0, { form: 'pytorch', clipNorm: n('clip_norm') }),
      };
    default:
      throw new Error(`unknown run ${run.optimizer}`);
  }
}

async function replay(run: Run): Promise<void> {
  const prefix = `torch${made++}`;
  const vars = Object.fromEntries(
    Object.entries(fx.initial).map(([k, v]) => {
      const init = fixtureTensor(v);
      const variable = tf.variable(init, true, `${prefix}/${k}`);
      init.dispose();
      return [k, variable];
    }),
  );
  const { opt, slot } = build(run);
  for (const [t, step] of run.trajectory.entries()) {
    const grads = Object.fromEntries(
      Object.entries(fx.grads[t]!).map(([k, g]) => [vars[k]!.name, fixtureTensor(g)]),
    );
    opt.applyGradients(grads);
    tf.dispose(Object.values(grads));
    const label = `${run.optimizer} step ${t + 1}`;
    tf.tidy(() => {
      for (const k of Object.keys(vars))
        expectTensorsClose(vars[k]!, fixtureTensor(step.values[k]!), {
          rtol: 1e-4,
          atol: 1e-5,
          label: `${label} ${k}`,
        });
    });
    if (slot !== undefined && step.slot !== undefined) {
      const weights = await opt.getWeights();
      weights[0]!.tensor.dispose();
      for (const k of Object.keys(vars)) {
        const w = weights.find((x) => x.name === `${prefix}/${k}/${slot}`)!;
        tf.tidy(() =>
          expectTensorsClose(w.tensor, fixtureTensor(step.slot![k]!), {
            rtol: 1e-4,
            atol: 1e-5,
            label: `${label} ${k}/${slot}`,
          }),
        );
      }
    }
  }
  expect(opt.iterations).toBe(25);
  opt.dispose();
  tf.dispose(Object.values(vars));
}

describe('production optimizers equal torch.optim over 25 steps', () => {
  it('covers SGD (3 settings), the course momentum, RMSprop, Adam, AdamW and both clippings', () => {
    expect(fx.runs.map((r) => r.optimizer)).toEqual([
      'sgd',
      'sgd',
      'sgd',
      'course_momentum',
      'rmsprop',
      'rmsprop',
      'adam',
      'adamw',
      'adamw',
      'sgd_clip_value',
      'sgd_clip_norm',
    ]);
    expect(fx.runs.every((r) => r.trajectory.length === 25)).toBe(true);
    // The norm clip is active on some steps and not on others.
    const clipped = fx.global_norms.filter((n) => n > 8).length;
    expect(clipped).toBeGreaterThan(0);
    expect(clipped).toBeLessThan(25);
  });

  for (const [i, run] of fx.runs.entries()) {
    const hyper = Object.entries(run)
      .filter(([k]) => k !== 'optimizer' && k !== 'trajectory')
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    it(`#${i} ${run.optimizer} ${hyper}`, async () => {
      const before = tf.memory().numTensors;
      await replay(run);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe("MomentumOptimizer's pytorch form equals tf.train.momentum", () => {
  for (const nesterov of [false, true]) {
    it(`with useNesterov ${nesterov}`, () => {
      const rs = new RandomState(3);
      const init = rs.randn(4, 3);
      const a = tf.variable(init, true, `tfm_a${made++}`);
      const b = tf.variable(init, true, `tfm_b${made++}`);
      init.dispose();
      const ours = new MomentumOptimizer(0.05, 0.9, { form: 'pytorch', nesterov });
      const theirs: tf.Optimizer = tf.train.momentum(0.05, 0.9, nesterov);
      for (let t = 0; t < 20; t++) {
        const g = rs.randn(4, 3);
        ours.applyGradients({ [a.name]: g });
        theirs.applyGradients({ [b.name]: g });
        g.dispose();
        expectTensorsClose(a, b, { rtol: 1e-5, atol: 1e-6, label: `step ${t + 1}` });
      }
      ours.dispose();
      theirs.dispose();
      tf.dispose([a, b]);
    });
  }
});
