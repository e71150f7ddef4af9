import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import {
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { linearFunction, oneHotMatrix, sigmoid } from './basics.js';
import { computeTotalLoss, forwardPropagation, initializeParameters } from './network.js';
import { model } from './model.js';

interface Fixture {
  linear_function: FixtureTensor;
  sigmoid: Record<string, number>;
  logits: FixtureTensor;
  labels: FixtureTensor;
  total_loss: number;
}
const fx = loadFixture<Fixture>('optimizers_framework');

describe('the TensorFlow-introduction notebook', () => {
  it('linearFunction draws as the notebook (seed 1) and returns W X + b', () => {
    tf.tidy(() =>
      expectTensorsClose(linearFunction(), fixtureTensor(fx.linear_function), { rtol: 1e-6 }),
    );
  });

  it('sigmoid of a number and of a tensor', () => {
    for (const [z, a] of Object.entries(fx.sigmoid)) {
      tf.tidy(() => {
        expect(sigmoid(Number(z)).arraySync()).toBeCloseTo(a, 6);
      });
    }
    tf.tidy(() =>
      expectTensorsClose(sigmoid(tf.tensor1d([0, 1], 'int32')), tf.sigmoid(tf.tensor1d([0, 1]))),
    );
    expect(() => sigmoid(NaN)).toThrow('sigmoid: z must be a finite number, got NaN');
  });

  it('oneHotMatrix puts classes on axis 0', () => {
    tf.tidy(() => {
      expect(oneHotMatrix(1, 4).arraySync()).toEqual([0, 1, 0, 0]);
      expect(oneHotMatrix(tf.tensor2d([[2, 0]], undefined, 'int32'), 3).arraySync()).toEqual([
        [0, 1],
        [0, 0],
        [1, 0],
      ]);
      expect(() => oneHotMatrix(6)).toThrow(
        'oneHotMatrix: label must be an integer >= 0 and <= 5, got 6',
      );
      expect(() => oneHotMatrix(tf.tensor1d([1.5]))).toThrow(
        'oneHotMatrix: label must be a number or an int32 tensor',
      );
      expect(() => oneHotMatrix(tf.tensor1d([7], 'int32'))).toThrow(
        'oneHotMatrix: label values must be in [0, 6), got 7',
      );
    });
  });

  it('computeTotalLoss is the summed softmax cross-entropy (NumPy = torch sum)', () => {
    tf.tidy(() => {
      const J = computeTotalLoss(fixtureTensor(fx.logits), fixtureTensor(fx.labels));
      expect(Math.abs((J.arraySync() as number) - fx.total_loss) / fx.total_loss).toBeLessThan(
        1e-5,
      );
      expect(() => computeTotalLoss(tf.ones([6, 5]), tf.ones([6, 4]))).toThrow(
        'computeTotalLoss: labels must have shape [nY, m] with m = 5 (from logits), got [6, 4]',
      );
    });
  });

  it('initializeParameters: Glorot-normal trainable variables of the notebook shapes', () => {
    const p = initializeParameters();
    expect(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.shape]))).toEqual({
      W1: [25, 12288],
      b1: [25, 1],
      W2: [12, 25],
      b2: [12, 1],
      W3: [6, 12],
      b3: [6, 1],
    });
    // Var(W1) = 2 / (12288 + 25) by Glorot: the sample of 307,200 draws is within 1%.
    const variance = tf.tidy(() => tf.moments(p['W1']!).variance.arraySync() as number);
    expect(Math.abs(variance / (2 / (12288 + 25)) - 1)).toBeLessThan(0.01);
    expect(p['b1']!.abs().max().arraySync()).toBe(0);
    tf.dispose(Object.values(p));
    expect(() => initializeParameters({ layerDims: [4, 3, 2] })).toThrow(
      'initializeParameters: options.layerDims must be [nX, n1, n2, nY], got [4, 3, 2]',
    );
  });

  it('forwardPropagation returns the logits and equals tf.layers dense stacks', () => {
    tf.tidy(() => {
      const p = initializeParameters({ layerDims: [5, 4, 3, 2], seed: 2 });
      const X = tf.randomNormal([5, 7], 0, 1, 'float32', 3);
      const Z3 = forwardPropagation(X, p);
      const relu = (W: tf.Tensor, b: tf.Tensor, A: tf.Tensor) =>
        tf.relu(tf.add(tf.matMul(W, A), b));
      const expected = tf.add(
        tf.matMul(p['W3']!, relu(p['W2']!, p['b2']!, relu(p['W1']!, p['b1']!, X))),
        p['b3']!,
      );
      expectTensorsClose(Z3, expected);
      expect(() => forwardPropagation(tf.ones([4, 7]), p)).toThrow(
        'forwardPropagation: parameters.W1 must have shape [n1, nX] with nX = 4 (from X), got [4, 5]',
      );
      tf.dispose(Object.values(p));
    });
  });

  it('model learns a separable toy problem with mini-batch Adam and leaks nothing', async () => {
    const rsX = tf.randomNormal([4, 60], 0, 1, 'float32', 5);
    const labels = tf.tidy(() =>
      tf.cast(tf.greater(rsX.slice([0, 0], [1, -1]), 0), 'int32').reshape([-1]),
    );
    const Y = oneHotMatrix(labels, 2);
    const before = tf.memory().numTensors;
    const r = model(rsX, Y, rsX, Y, 0.01, 31, 16, false, { hidden: [8, 4] });
    expect(tf.memory().numTensors).toBe(before + 6);
    expect(r.costs.length).toBe(4);
    expect(r.costs[3]!).toBeLessThan(r.costs[0]!);
    expect(r.trainAcc[3]!).toBeGreaterThan(0.9);
    expect(r.testAcc[3]!).toBeGreaterThan(0.9);
    tf.dispose(Object.values(r.parameters));
    expect(
      await expectNoLeaks(
        () => model(rsX, Y, rsX, Y, 0.01, 1, 16, false, { hidden: [3, 3] }).parameters,
      ),
    ).toBe(6);
    expect(() => model(rsX, Y, rsX, Y, NaN)).toThrow(
      'model: learningRate must be a finite number > 0, got NaN',
    );
    expect(() => model(rsX, Y, rsX, tf.ones([3, 60]))).toThrow(DlkitError);
    tf.dispose([rsX, labels, Y]);
  });
});
