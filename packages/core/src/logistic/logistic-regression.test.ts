import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import {
  expectBackwardMatchesAutodiff,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { initializeWithZeros, model, optimize, predict, propagate } from './logistic-regression.js';
import { binaryCrossEntropy } from '../losses/binary-cross-entropy.js';

interface Fixture {
  propagate: { dw: FixtureTensor; db: number; cost: number };
  optimize: { w: FixtureTensor; b: number; dw: FixtureTensor; db: number; costs: number[] };
  predict: FixtureTensor;
  model: {
    X_train: FixtureTensor;
    Y_train: FixtureTensor;
    X_test: FixtureTensor;
    Y_test: FixtureTensor;
    costs: number[];
    w: FixtureTensor;
    b: number;
    Y_prediction_train: FixtureTensor;
    Y_prediction_test: FixtureTensor;
    train_accuracy: number;
    test_accuracy: number;
  };
}
const fx = loadFixture<Fixture>('core_logistic');

const course = () => ({
  w: tf.tensor2d([[1], [2]]),
  X: tf.tensor2d([
    [1, 2, -1],
    [3, 4, -3.2],
  ]),
  Y: tf.tensor2d([[1, 0, 1]]),
});

describe('logistic regression matches the NumPy reference on the course test cases', () => {
  it('initializeWithZeros(2)', () => {
    const { w, b } = initializeWithZeros(2);
    expect(w.arraySync()).toEqual([[0], [0]]);
    expect(b.arraySync()).toBe(0);
    tf.dispose([w, b]);
  });

  it('propagate: dw, db and cost 5.801545319394553', () => {
    tf.tidy(() => {
      const { w, X, Y } = course();
      const { grads, cost } = propagate(w, 2, X, Y);
      expectTensorsClose(grads.dw, fixtureTensor(fx.propagate.dw));
      expectTensorsClose(grads.db, fx.propagate.db);
      expect(cost).toBeCloseTo(fx.propagate.cost, 5);
      expect(cost).toBeCloseTo(5.801545319394553, 5);
    });
  });

  it('optimize: 100 iterations at 0.009', () => {
    tf.tidy(() => {
      const { w, X, Y } = course();
      const { params, grads, costs } = optimize(w, tf.scalar(2), X, Y, 100, 0.009);
      expectTensorsClose(params.w, fixtureTensor(fx.optimize.w));
      expectTensorsClose(params.b, fx.optimize.b);
      expectTensorsClose(grads.dw, fixtureTensor(fx.optimize.dw));
      expectTensorsClose(grads.db, fx.optimize.db, { rtol: 1e-4 });
      expectTensorsClose(costs, fx.optimize.costs);
    });
  });

  it('predict: [[1, 1, 0]]', () => {
    tf.tidy(() => {
      const w = tf.tensor2d([[0.1124579], [0.23106775]]);
      const X = tf.tensor2d([
        [1, -1.1, -3.2],
        [1.2, 2, 0.1],
      ]);
      expectTensorsClose(predict(w, -0.3, X), fixtureTensor(fx.predict));
    });
  });

  it('model: 300 iterations on a 4-feature problem, costs, parameters, predictions, accuracies', () => {
    tf.tidy(() => {
      const m = fx.model;
      const d = model(
        fixtureTensor(m.X_train),
        fixtureTensor(m.Y_train),
        fixtureTensor(m.X_test),
        fixtureTensor(m.Y_test),
        300,
        0.5,
      );
      expectTensorsClose(d.costs, m.costs, { rtol: 1e-4, atol: 1e-6 });
      expectTensorsClose(d.w, fixtureTensor(m.w), { rtol: 1e-4 });
      expectTensorsClose(d.b, m.b, { rtol: 1e-4, atol: 1e-5 });
      expectTensorsClose(d.YPredictionTrain, fixtureTensor(m.Y_prediction_train), {
        rtol: 0,
        atol: 0,
      });
      expectTensorsClose(d.YPredictionTest, fixtureTensor(m.Y_prediction_test), {
        rtol: 0,
        atol: 0,
      });
      expect(d.trainAccuracy).toBeCloseTo(m.train_accuracy, 4);
      expect(d.testAccuracy).toBeCloseTo(m.test_accuracy, 4);
      expect(d.learningRate).toBe(0.5);
      expect(d.numIterations).toBe(300);
    });
  });
});

describe('logistic regression internals', () => {
  it('propagate gradients equal tf.grad of the cost', () => {
    tf.tidy(() => {
      const { w, X, Y } = course();
      const b = tf.scalar(0.3);
      expectBackwardMatchesAutodiff({
        inputs: { w, b },
        forward: ({ w, b }) =>
          binaryCrossEntropy(tf.sigmoid(tf.matMul(w, X, true, false).add(b)), Y),
        backward: ({ w, b }, dY) => {
          const { grads } = propagate(w, b as tf.Scalar, X, Y);
          return { w: grads.dw.mul(dY), b: grads.db.mul(dY) };
        },
      });
    });
  });

  it('printCost prints the course line or calls back every 100 iterations', () => {
    tf.tidy(() => {
      const { w, X, Y } = course();
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      const seen: number[] = [];
      optimize(w, 2, X, Y, 201, 0.009, (i) => seen.push(i));
      expect(seen).toEqual([0, 100, 200]);
      optimize(w, 2, X, Y, 101, 0.009, true);
      expect(log).toHaveBeenCalledWith(`Cost after iteration 0: ${propagate(w, 2, X, Y).cost}`);
      log.mockRestore();
    });
  });

  it('returns only what it documents', async () => {
    const { w, X, Y } = course();
    expect(await expectNoLeaks(() => initializeWithZeros(3))).toBe(2);
    expect(await expectNoLeaks(() => propagate(w, 2, X, Y))).toBe(2);
    expect(await expectNoLeaks(() => optimize(w, 2, X, Y, 5))).toBe(4);
    expect(await expectNoLeaks(() => predict(w, 2, X))).toBe(1);
    expect(await expectNoLeaks(() => model(X, Y, X, Y, 5))).toBe(4);
    tf.dispose([w, X, Y]);
  });

  it('rejects mismatched shapes and bad numbers', () => {
    tf.tidy(() => {
      const { w, X, Y } = course();
      expect(() => propagate(tf.ones([3, 1]), 0, X, Y)).toThrow(
        'propagate: X must have shape [nX, m] with nX = 3 (from w), got [2, 3]',
      );
      expect(() => propagate(w, 0, X, tf.ones([1, 4]))).toThrow(
        'propagate: Y must have shape [1, m] with m = 3 (from X), got [1, 4]',
      );
      expect(() => propagate(w, tf.ones([1]) as tf.Scalar, X, Y)).toThrow(
        'propagate: b must have shape [], got [1]',
      );
      expect(() => optimize(w, 0, X, Y, 0)).toThrow(
        'optimize: numIterations must be an integer >= 1 and <= 1000000, got 0',
      );
      expect(() => model(X, Y, tf.ones([3, 2]), Y)).toThrow(
        'model: XTest must have shape [nX, mTest] with nX = 2 (from XTrain), got [3, 2]',
      );
      expect(() => initializeWithZeros(0)).toThrow(
        'initializeWithZeros: dim must be an integer >= 1 and <= 67108864, got 0',
      );
    });
  });
});
