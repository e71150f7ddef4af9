import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectBackwardMatchesAutodiff,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { multiTaskLoss, multiTaskLossBackward, multiTaskLossFn } from './multi-task-loss.js';

interface Normalized {
  loss_logits: number;
  dz: FixtureTensor;
  p: FixtureTensor;
  loss_probs: number;
  dp: FixtureTensor;
}
interface Fixture {
  cases: {
    m: number;
    y: FixtureTensor;
    mask: FixtureTensor;
    z: FixtureTensor;
    examples: Normalized;
    labels: Normalized;
  }[];
}
const fx = loadFixture<Fixture>('strategy_multitask');

describe('multiTaskLoss', () => {
  for (const [k, c] of fx.cases.entries()) {
    for (const normalize of ['examples', 'labels'] as const) {
      it(`equals PyTorch's masked BCE and its gradient (case ${k}, normalize ${normalize})`, () => {
        const want = c[normalize];
        const y = fixtureTensor(c.y);
        const z = fixtureTensor(c.z);
        const p = fixtureTensor(want.p);
        const J = multiTaskLoss(y, z, { fromLogits: true, normalize });
        expect(J.dataSync()[0]).toBeCloseTo(want.loss_logits, 5);
        const Jp = multiTaskLoss(y, p, { normalize });
        expect(Jp.dataSync()[0]).toBeCloseTo(want.loss_probs, 4);
        const dz = tf.grad((x: tf.Tensor) => multiTaskLoss(y, x, { fromLogits: true, normalize }))(
          z,
        );
        expectTensorsClose(dz, fixtureTensor(want.dz), { rtol: 1e-4, atol: 1e-6 });
        const dp = tf.grad((x: tf.Tensor) => multiTaskLoss(y, x, { normalize }))(p);
        expectTensorsClose(dp, fixtureTensor(want.dp), { rtol: 1e-3, atol: 1e-5 });
        const hand = multiTaskLossBackward(y, z, { normalize });
        expectTensorsClose(hand, fixtureTensor(want.dz), { rtol: 1e-4, atol: 1e-6 });
        // The same with an explicit mask and no NaN in the labels.
        const mask = fixtureTensor(c.mask);
        const filled = tf.where(tf.isNaN(y), tf.zerosLike(y), y);
        const Jm = multiTaskLoss(filled, z, { fromLogits: true, normalize, mask });
        expect(Jm.dataSync()[0]).toBeCloseTo(want.loss_logits, 5);
        tf.dispose([y, z, p, J, Jp, dz, dp, hand, mask, filled, Jm]);
      });
    }
  }

  it('hand-written backward equals tf.grad of the forward, NaN labels included', () => {
    const c = fx.cases[0] as Fixture['cases'][number];
    const y = fixtureTensor(c.y);
    const z = fixtureTensor(c.z);
    expectBackwardMatchesAutodiff({
      inputs: { z },
      forward: ({ z }) => multiTaskLoss(y, z, { fromLogits: true }),
      backward: ({ z }, dY) => ({ z: multiTaskLossBackward(y, z).mul(dY) }),
    });
    expectBackwardMatchesAutodiff({
      inputs: { z },
      forward: ({ z }) => multiTaskLoss(y, z, { fromLogits: true, normalize: 'labels' }),
      backward: ({ z }, dY) => ({
        z: multiTaskLossBackward(y, z, { normalize: 'labels' }).mul(dY),
      }),
    });
    tf.dispose([y, z]);
  });

  it('course C3 W2 self-driving: missing labels add nothing and get no gradient', () => {
    // Pedestrian, car, stop sign, traffic light; '?' labels are NaN.
    const Y = tf.tensor2d([
      [0, 1, 1, NaN],
      [1, 0, NaN, 0],
    ]);
    const Z = tf.tensor2d([
      [-1, 2, 0.5, 30],
      [1, -3, -40, -2],
    ]);
    const J = multiTaskLoss(Y, Z, { fromLogits: true });
    // Hand sum over the six known labels, divided by m = 2.
    const bce = (z: number, y: number) =>
      Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    const hand = (bce(-1, 0) + bce(2, 1) + bce(0.5, 1) + bce(1, 1) + bce(-3, 0) + bce(-2, 0)) / 2;
    expect(J.dataSync()[0]).toBeCloseTo(hand, 5);
    const dZ = tf.grad((z: tf.Tensor) => multiTaskLoss(Y, z, { fromLogits: true }))(Z);
    const g = dZ.arraySync() as number[][];
    expect(g[0]?.[3]).toBe(0);
    expect(g[1]?.[2]).toBe(0);
    expect(g.flat().every(Number.isFinite)).toBe(true);
    tf.dispose([Y, Z, J, dZ]);
  });

  it('trains a tfjs model through multiTaskLossFn on NaN labels', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          units: 4,
          inputShape: [3],
          activation: 'sigmoid',
          kernelInitializer: 'zeros',
        }),
      ],
    });
    model.compile({ optimizer: tf.train.sgd(0.5), loss: multiTaskLossFn() });
    const x = tf.tensor2d([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const y = tf.tensor2d([
      [1, 0, NaN, 1],
      [NaN, 1, 0, 0],
      [0, NaN, 1, NaN],
    ]);
    const h = await model.fit(x, y, { epochs: 30, verbose: 0 });
    const loss = h.history.loss as number[];
    expect(loss.every(Number.isFinite)).toBe(true);
    expect(loss[loss.length - 1]).toBeLessThan((loss[0] as number) / 2);
    model.optimizer.dispose();
    model.dispose();
    tf.dispose([x, y]);
  });

  it('leaks nothing and returns one scalar', async () => {
    const c = fx.cases[1] as Fixture['cases'][number];
    const y = fixtureTensor(c.y);
    const z = fixtureTensor(c.z);
    expect(await expectNoLeaks(() => multiTaskLoss(y, z, { fromLogits: true }))).toBe(1);
    const p = z.sigmoid();
    expect(await expectNoLeaks(() => multiTaskLoss(y, p))).toBe(1);
    p.dispose();
    expect(await expectNoLeaks(() => multiTaskLossBackward(y, z))).toBe(1);
    tf.dispose([y, z]);
  });

  it('rejects mismatched shapes and bad options', () => {
    const y = tf.zeros([2, 3]);
    const z = tf.zeros([2, 4]);
    const v = tf.zeros([6]);
    expect(() => multiTaskLoss(y, z)).toThrow(
      'multiTaskLoss: yPred must have shape [m, nTasks] with nTasks = 3 (from yTrue), got [2, 4]',
    );
    expect(() => multiTaskLoss(v, v)).toThrow(
      'multiTaskLoss: yTrue must have shape [m, nTasks], got [6]',
    );
    expect(() => multiTaskLoss(y, y, { normalize: 'tasks' as never })).toThrow(
      "multiTaskLoss: normalize must be 'examples' or 'labels', got tasks",
    );
    expect(() => multiTaskLoss(y, y, { mask: z })).toThrow(
      'multiTaskLoss: mask must have shape [2, 3], got [2, 4]',
    );
    tf.dispose([y, z, v]);
  });
});
