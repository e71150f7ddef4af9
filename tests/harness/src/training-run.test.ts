import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectTrainingRunsClose, trainOn, type TrainingCase } from './training-run.ts';

const CASE: TrainingCase = {
  build: () =>
    tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'tanh' })] }),
  x: () => tf.tensor2d([0.5, -1, 2, 1, 0, -0.5], [2, 3]),
  y: () => tf.tensor2d([1, 0, 0, 1], [2, 2]),
  initial: [
    [0.1, -0.2, 0.3, 0.4, -0.5, 0.6],
    [0.01, -0.02],
  ],
  optimizer: () => tf.train.sgd(0.5),
};

describe('trainOn / expectTrainingRunsClose', () => {
  it('gives the analytic gradient, lowers the loss, and agrees with itself', async () => {
    const run = await trainOn('cpu', CASE);
    // d loss / d bias for softmax cross-entropy on tanh outputs, by hand in float64.
    const w = [
      [0.1, -0.2],
      [0.3, 0.4],
      [-0.5, 0.6],
    ];
    const xs = [
      [0.5, -1, 2],
      [1, 0, -0.5],
    ];
    const ys = [
      [1, 0],
      [0, 1],
    ];
    const db = [0, 0];
    xs.forEach((x, n) => {
      const z = [0, 1].map(
        (j) => x.reduce((s, v, k) => s + v * (w[k]?.[j] as number), 0) + [0.01, -0.02][j]!,
      );
      const a = z.map(Math.tanh);
      const e = a.map(Math.exp);
      const p = e.map((v) => v / (e[0]! + e[1]!));
      [0, 1].forEach((j) => {
        db[j]! += (((p[j] as number) - (ys[n]?.[j] as number)) * (1 - (a[j] as number) ** 2)) / 2;
      });
    });
    expect(run.grads[1]?.[0]).toBeCloseTo(db[0] as number, 5);
    expect(run.grads[1]?.[1]).toBeCloseTo(db[1] as number, 5);
    expect(run.losses[2]).toBeLessThan(run.losses[0] as number);
    expectTrainingRunsClose(await trainOn('cpu', CASE), run);
  });

  it('fails when a gradient, a weight or a loss differs', async () => {
    const run = await trainOn('cpu', CASE);
    const off = (v: Float32Array[]): Float32Array[] =>
      v.map((a, i) => (i === 0 ? a.map((x, k) => (k === 0 ? x + 1e-2 : x)) : a));
    expect(() => expectTrainingRunsClose({ ...run, grads: off(run.grads) }, run)).toThrow(
      /gradient 0/,
    );
    expect(() => expectTrainingRunsClose({ ...run, weights: off(run.weights) }, run)).toThrow(
      /weights 0/,
    );
    expect(() =>
      expectTrainingRunsClose({ ...run, losses: run.losses.map((l) => l * 1.01) }, run),
    ).toThrow();
  });
});
