// Behaviour every production optimizer built on SlotOptimizer shares: model.fit, serialization,
// getWeights/setWeights, no leaks, clipping inside the step, and DlkitErrors for bad input.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError, RandomState } from '@dlkit/core';
import { expectNoLeaks, expectTensorsClose } from '@dlkit/test-harness';
import { MomentumOptimizer } from '../momentum/momentum-optimizer.js';
import { RmspropOptimizer } from '../rmsprop/rmsprop-optimizer.js';
import { AdamWOptimizer } from '../adamw/adamw-optimizer.js';
import { AdamOptimizer } from '../adam/adam-optimizer.js';
import { clipGradientsByGlobalNorm } from '../clipping/clip-gradients.js';
import { SlotOptimizer } from './slot-optimizer.js';

interface Case {
  name: string;
  className: string;
  make: () => SlotOptimizer;
  slots: string[];
}
const CASES: Case[] = [
  {
    name: 'MomentumOptimizer (course)',
    className: 'DlkitMomentum',
    make: () => new MomentumOptimizer(0.05, 0.8),
    slots: ['momentum'],
  },
  {
    name: 'MomentumOptimizer (pytorch, nesterov, clipped)',
    className: 'DlkitMomentum',
    make: () => new MomentumOptimizer(0.05, 0.8, { form: 'pytorch', nesterov: true, clipNorm: 1 }),
    slots: ['momentum'],
  },
  {
    name: 'RmspropOptimizer',
    className: 'DlkitRMSprop',
    make: () => new RmspropOptimizer(0.01, 0.95, 1e-6, { clipValue: 0.5 }),
    slots: ['rms'],
  },
  {
    name: 'AdamWOptimizer',
    className: 'DlkitAdamW',
    make: () => new AdamWOptimizer(0.01, 0.05, 0.85, 0.99, 1e-7),
    slots: ['m', 'v'],
  },
];

let made = 0;
function variables(seed: number): Record<string, tf.Variable> {
  const rs = new RandomState(seed);
  const prefix = `slots${made++}`;
  return Object.fromEntries(
    Object.entries({ w: [3, 2], b: [2] }).map(([k, s]) => {
      const init = rs.randn(...s);
      const v = tf.variable(init, true, `${prefix}/${k}`);
      init.dispose();
      return [k, v];
    }),
  );
}
const byName = (
  vars: Record<string, tf.Variable>,
  g: Record<string, tf.Tensor>,
): tf.NamedTensorMap => Object.fromEntries(Object.keys(vars).map((k) => [vars[k]!.name, g[k]!]));

function randomGrads(rs: RandomState): Record<string, tf.Tensor> {
  return { w: rs.randn(3, 2), b: rs.randn(2) };
}

async function saveAndLoad(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer: true },
  );
  return tf.loadLayersModel(tf.io.fromMemory(saved!));
}

for (const c of CASES) {
  describe(c.name, () => {
    it('keeps a flat tensor count and returns no tensors (after the first step makes its state)', async () => {
      const vars = variables(1);
      const opt = c.make();
      const rs = new RandomState(2);
      const g = randomGrads(rs);
      const before = tf.memory().numTensors;
      opt.applyGradients(byName(vars, g));
      expect(tf.memory().numTensors).toBe(before + 2 * c.slots.length);
      for (let i = 0; i < 3; i++)
        expect(await expectNoLeaks(() => opt.applyGradients(byName(vars, g)))).toBe(0);
      opt.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([...Object.values(g), ...Object.values(vars)]);
    });

    it('trains through model.compile + model.fit, saves with the model and loads back with its state', async () => {
      const model = tf.sequential({
        layers: [tf.layers.dense({ units: 2, inputShape: [3], kernelInitializer: 'ones' })],
      });
      const opt = c.make();
      model.compile({ optimizer: opt, loss: 'meanSquaredError' });
      const rs = new RandomState(3);
      const xs = rs.randn(8, 3);
      const ys = rs.randn(8, 2);
      const h = await model.fit(xs, ys, { epochs: 4, batchSize: 4, verbose: 0 });
      const loss = h.history['loss'] as number[];
      expect(loss.at(-1)!).toBeLessThan(loss[0]!);
      const loaded = await saveAndLoad(model);
      const restored = loaded.optimizer as SlotOptimizer;
      expect(restored.getClassName()).toBe(c.className);
      expect(Object.getPrototypeOf(restored)).toBe(Object.getPrototypeOf(opt));
      expect(restored.getConfig()).toEqual(opt.getConfig());
      expect(restored.iterations).toBe(8);
      const [wA, wB] = [await opt.getWeights(), await restored.getWeights()];
      expect(wB.map((w) => w.name.replace(/^.*\//, ''))).toEqual(
        wA.map((w) => w.name.replace(/^.*\//, '')),
      );
      expect(wA.length).toBe(1 + 2 * c.slots.length);
      wA.forEach((w, i) => expectTensorsClose(wB[i]!.tensor, w.tensor));
      // Both continue alike from the same state.
      await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0 });
      await loaded.compile({ optimizer: restored, loss: 'meanSquaredError' });
      await loaded.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0 });
      loaded
        .getWeights()
        .forEach((w, i) =>
          expectTensorsClose(w, model.getWeights()[i]!, { rtol: 1e-5, atol: 1e-6 }),
        );
      tf.dispose([wA[0]!.tensor, wB[0]!.tensor, xs, ys]);
      model.dispose();
      loaded.dispose();
      opt.dispose();
      restored.dispose();
    });

    it('setWeights takes getWeights and continues exactly; the previous state is freed', async () => {
      const a = variables(4);
      const b = variables(4);
      const optA = c.make();
      const optB = c.make();
      const rs = new RandomState(5);
      for (let i = 0; i < 3; i++) {
        const g = randomGrads(rs);
        optA.applyGradients(byName(a, g));
        optB.applyGradients(byName(b, g));
        tf.dispose(Object.values(g));
      }
      const fresh = c.make();
      const g0 = randomGrads(rs);
      fresh.applyGradients(byName(a, g0)); // some state to be replaced
      const weights = await optA.getWeights();
      const count = tf.memory().numTensors;
      await fresh.setWeights(weights);
      expect(tf.memory().numTensors).toBe(count);
      expect(fresh.iterations).toBe(3);
      // Variables of `a` restart from b's values, so fresh on a and optB on b must agree.
      Object.keys(a).forEach((k) => a[k]!.assign(b[k]!));
      const g = randomGrads(rs);
      fresh.applyGradients(byName(a, g));
      optB.applyGradients(byName(b, g));
      Object.keys(a).forEach((k) => expectTensorsClose(a[k]!, b[k]!, { rtol: 1e-6, atol: 1e-7 }));
      tf.dispose([weights[0]!.tensor, ...Object.values(g), ...Object.values(g0)]);
      [optA, optB, fresh].forEach((o) => o.dispose());
      tf.dispose([...Object.values(a), ...Object.values(b)]);
    });

    it('rejects bad gradients and bad weights with a DlkitError naming the method', async () => {
      const opt = c.make();
      const vars = variables(6);
      const fn = `${c.name.split(' ')[0]}.applyGradients`;
      const bad = tf.ones([4]);
      expect(() => opt.applyGradients({ no_such_variable: bad })).toThrow(
        `${fn}: no variable named no_such_variable`,
      );
      expect(() => opt.applyGradients({ [vars['b']!.name]: bad })).toThrow(
        `${fn}: the gradient of ${vars['b']!.name} must have shape [2], got [4]`,
      );
      const gone = tf.ones([2]);
      gone.dispose();
      expect(() => opt.applyGradients({ [vars['b']!.name]: gone })).toThrow(
        `${fn}: the gradient of ${vars['b']!.name} is a disposed tensor`,
      );
      expect(() => opt.applyGradients(null as never)).toThrow(DlkitError);
      expect(() => opt.applyGradients('grads' as never)).toThrow(DlkitError);
      expect(() => opt.applyGradients([null] as never)).toThrow(
        `${fn}: variableGradients[0] must be a { name, tensor } pair, got null`,
      );
      const setFn = `${c.name.split(' ')[0]}.setWeights`;
      await expect(opt.setWeights([])).rejects.toThrow(`${setFn}: weightValues must hold iter`);
      await expect(opt.setWeights(null as never)).rejects.toThrow(DlkitError);
      await expect(
        opt.setWeights([
          { name: 'iter', tensor: null as never },
          ...c.slots.map(() => ({ name: 'x', tensor: bad })),
        ]),
      ).rejects.toThrow(`${setFn}: weightValues[0].tensor must be a tf.Tensor, got null`);
      expect(() => {
        opt.learningRate = -1;
      }).toThrow(DlkitError);
      expect(opt.iterations).toBe(0);
      opt.dispose();
      tf.dispose([bad, ...Object.values(vars)]);
    });
  });
}

describe('clipping inside the step', () => {
  it('clipNorm equals clipping the gradients by hand, then an unclipped step', () => {
    const a = variables(7);
    const b = variables(7);
    const clipped = new RmspropOptimizer(0.01, 0.9, 1e-7, { clipNorm: 0.5 });
    const plain = new RmspropOptimizer(0.01, 0.9, 1e-7);
    const rs = new RandomState(8);
    for (let i = 0; i < 5; i++) {
      const g = randomGrads(rs);
      clipped.applyGradients(byName(a, g));
      const byHand = clipGradientsByGlobalNorm(g, 0.5);
      plain.applyGradients(byName(b, byHand.gradients));
      tf.dispose([...Object.values(g), ...Object.values(byHand.gradients), byHand.globalNorm]);
      Object.keys(a).forEach((k) => expectTensorsClose(a[k]!, b[k]!, { rtol: 1e-6, atol: 1e-7 }));
    }
    clipped.dispose();
    plain.dispose();
    tf.dispose([...Object.values(a), ...Object.values(b)]);
  });
});

describe('hyperparameters are checked', () => {
  it('names the class and the argument', () => {
    expect(() => new MomentumOptimizer(0.1, 1)).toThrow(
      'MomentumOptimizer: beta must be a finite number >= 0 and < 1, got 1',
    );
    expect(() => new MomentumOptimizer(Number.NaN)).toThrow(
      'MomentumOptimizer: learningRate must be a finite number >= 0, got NaN',
    );
    expect(() => new MomentumOptimizer(0.1, 0.9, { nesterov: true })).toThrow(
      "MomentumOptimizer: dampening and nesterov need form 'pytorch'",
    );
    expect(
      () => new MomentumOptimizer(0.1, 0.9, { form: 'pytorch', nesterov: true, dampening: 0.1 }),
    ).toThrow('MomentumOptimizer: nesterov needs dampening 0 (as PyTorch), got 0.1');
    expect(() => new MomentumOptimizer(0.1, 0.9, { form: 'keras' as never })).toThrow(
      "MomentumOptimizer: form must be 'course' or 'pytorch', got keras",
    );
    expect(() => new MomentumOptimizer(0.1, 0.9, 'fast' as never)).toThrow(
      'MomentumOptimizer: options must be an object of options, got string fast',
    );
    expect(() => new RmspropOptimizer(0.1, -0.1)).toThrow(
      'RmspropOptimizer: rho must be a finite number >= 0 and < 1, got -0.1',
    );
    expect(() => new RmspropOptimizer(0.1, 0.9, 1e-7, { clipValue: 0 })).toThrow(
      'RmspropOptimizer: clipValue must be a finite number > 0, got 0',
    );
    expect(() => new AdamWOptimizer(0.1, -1)).toThrow(
      'AdamWOptimizer: weightDecay must be a finite number >= 0, got -1',
    );
    expect(() => new AdamWOptimizer(0.1, 0.01, 1)).toThrow(
      'AdamWOptimizer: beta1 must be a finite number >= 0 and < 1, got 1',
    );
    expect(
      () => new AdamOptimizer(0.1, 0.9, 0.999, 1e-7, { clipNorm: Number.POSITIVE_INFINITY }),
    ).toThrow('AdamOptimizer: clipNorm must be a finite number > 0, got Infinity');
  });

  it('SlotOptimizer itself cannot be made', () => {
    const Base = SlotOptimizer as unknown as new (init?: unknown) => SlotOptimizer;
    expect(() => new Base()).toThrow(
      'SlotOptimizer: SlotOptimizer is a base class: extend it and call super({ name, slotNames, learningRate })',
    );
  });

  it('instanceof follows the classes', () => {
    const m = new MomentumOptimizer();
    const w = new AdamWOptimizer();
    expect(m instanceof MomentumOptimizer).toBe(true);
    expect(m instanceof RmspropOptimizer).toBe(false);
    expect(w instanceof AdamOptimizer).toBe(true);
    expect(tf.train.adam() instanceof AdamOptimizer).toBe(false);
    m.dispose();
    w.dispose();
  });
});
