import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import {
  expectFixtureDictClose,
  expectNoLeaks,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { computeCost } from './compute-cost.js';
import { model, type LrDecay, type OptimizerName } from './model.js';
import { scheduleLrDecay, updateLr } from '../lr-decay/lr-decay.js';

interface Fixture {
  X: FixtureTensor;
  Y: FixtureTensor;
  epochs: number;
  mini_batch_size: number;
  runs: {
    name: string;
    optimizer: OptimizerName;
    learning_rate: number;
    decay_rate: number;
    costs: number[];
    last_lr: number;
    parameters: Record<string, FixtureTensor>;
  }[];
}
const fx = loadFixture<Fixture>('optimizers_optimization');
const DECAYS: Record<string, LrDecay | undefined> = {
  adam_update_lr: updateLr,
  gd_schedule: (a, e, d) => scheduleLrDecay(a, e, d, 50),
};

describe('optimization.model', () => {
  it('trains as the NumPy notebook model: gd, momentum, adam, with update_lr and schedule_lr_decay', () => {
    const X = fixtureTensor(fx.X);
    const Y = fixtureTensor(fx.Y);
    for (const run of fx.runs) {
      const before = tf.memory().numTensors;
      const r = model(
        X,
        Y,
        [2, 5, 2, 1],
        run.optimizer,
        run.learning_rate,
        fx.mini_batch_size,
        0.9,
        0.9,
        0.999,
        1e-8,
        fx.epochs,
        false,
        DECAYS[run.name],
        run.decay_rate,
      );
      expect(tf.memory().numTensors, run.name).toBe(before + 6);
      expect(r.costs.length).toBe(run.costs.length);
      // float32 against float64 over 201 epochs × 4 mini-batches.
      r.costs.forEach((c, i) =>
        expect(Math.abs(c - run.costs[i]!) / run.costs[i]!, `${run.name} ${i}`).toBeLessThan(2e-3),
      );
      expectFixtureDictClose(r.parameters, run.parameters, {
        rtol: 5e-3,
        atol: 5e-4,
        label: run.name,
      });
      // The rate used in the last epoch is the decay of epoch 199; NumPy's last value is epoch 200's.
      expect(r.learningRates.length).toBe(fx.epochs);
      if (DECAYS[run.name] === undefined)
        expect(r.learningRates.every((lr) => lr === run.learning_rate)).toBe(true);
      else
        expect(DECAYS[run.name]!(run.learning_rate, fx.epochs - 1, run.decay_rate)).toBeCloseTo(
          run.last_lr,
          12,
        );
      tf.dispose(r.parameters);
    }
    tf.dispose([X, Y]);
    // Real training in float32 on the cpu backend: allow for a loaded machine.
  }, 600_000);

  it('Adam beats plain gradient descent on the same budget (the lecture point)', () => {
    const gd = fx.runs.find((r) => r.name === 'gd')!;
    const adam = fx.runs.find((r) => r.name === 'adam')!;
    expect(adam.costs.at(-1)!).toBeLessThan(gd.costs.at(-1)! / 2);
  });

  it('reports every 100 epochs through printCost, and rmsprop trains', () => {
    tf.tidy(() => {
      const X = fixtureTensor(fx.X);
      const Y = fixtureTensor(fx.Y);
      const seen: number[] = [];
      const r = model(X, Y, [2, 5, 2, 1], 'rmsprop', 0.01, 16, 0.9, 0.9, 0.9, 1e-8, 101, (e) =>
        seen.push(e),
      );
      expect(seen).toEqual([0, 100]);
      expect(r.costs[1]!).toBeLessThan(r.costs[0]!);
    });
  });

  it('computeCost sums over the batch; the model leaks nothing', async () => {
    const a3 = tf.tensor2d([[0.8, 0.1]]);
    const Y = tf.tensor2d([[1, 0]]);
    expect(computeCost(a3, Y)).toBeCloseTo(-Math.log(0.8) - Math.log(0.9), 6);
    const X = fixtureTensor(fx.X);
    const Yf = fixtureTensor(fx.Y);
    expect(
      await expectNoLeaks(
        () => model(X, Yf, [2, 5, 2, 1], 'adam', 0.01, 16, 0.9, 0.9, 0.999, 1e-8, 2).parameters,
      ),
    ).toBe(6);
    tf.dispose([a3, Y, X, Yf]);
  });

  it('names bad arguments', () => {
    tf.tidy(() => {
      const X = fixtureTensor(fx.X);
      const Y = fixtureTensor(fx.Y);
      const call =
        (...a: unknown[]) =>
        () =>
          (model as (...x: unknown[]) => unknown)(X, Y, ...a);
      expect(call([2, 5, 1], 'gd')).toThrow(
        'model: layersDims must be [nX, n1, n2, 1] (three layers), got [2, 5, 1]',
      );
      expect(call([2, 5, 2, 1], 'sgd')).toThrow(
        "model: optimizer must be 'gd', 'momentum', 'rmsprop' or 'adam', got sgd",
      );
      expect(call([2, 5, 2, 1], 'adam', NaN)).toThrow(
        'model: learningRate must be a finite number > 0, got NaN',
      );
      expect(call([2, 5, 2, 1], 'adam', 0.1, 16, 1)).toThrow(
        'model: beta must be a finite number >= 0 and < 1, got 1',
      );
      expect(
        call([2, 5, 2, 1], 'adam', 0.1, 16, 0.9, 0.9, 0.999, 1e-8, 1, false, 'updateLr'),
      ).toThrow('model: decay must be a function such as updateLr, or undefined');
      expect(call([3, 5, 2, 1], 'adam')).toThrow(DlkitError);
    });
  });
});
