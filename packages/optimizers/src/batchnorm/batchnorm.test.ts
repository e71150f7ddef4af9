import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DlkitError, RandomState } from '@dlkit/core';
import {
  expectBackwardMatchesAutodiff,
  expectNoLeaks,
  expectTensorsClose,
  fc,
} from '@dlkit/test-harness';
import {
  BATCHNORM_EPSILON,
  BATCHNORM_MOMENTUM,
  batchnormBackward,
  batchnormForward,
  batchnormInference,
  updateRunningAverages,
} from './batchnorm.js';

/** A tfjs batch-norm layer over `n` features with the given γ, β (batch-first, as tfjs). */
function tfLayer(gamma: tf.Tensor, beta: tf.Tensor): tf.layers.Layer {
  const layer = tf.layers.batchNormalization({ axis: -1 });
  layer.build([null, gamma.shape[0]!]);
  const [, , movingMean, movingVar] = layer.getWeights();
  layer.setWeights([gamma.reshape([-1]), beta.reshape([-1]), movingMean!, movingVar!]);
  return layer;
}

describe('batch norm from scratch', () => {
  it('training mode equals tf.layers.batchNormalization (training: true) on Zᵀ, and so do its running averages', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 999 }),
        (n, m, seed) => {
          tf.tidy(() => {
            const rs = new RandomState(seed);
            const Z = rs.randn(n, m).mul(3).add(1);
            const gamma = rs.randn(n, 1);
            const beta = rs.randn(n, 1);
            const layer = tfLayer(gamma, beta);
            const theirs = layer.apply(Z.transpose(), { training: true }) as tf.Tensor;
            const ours = batchnormForward(Z, gamma, beta);
            expectTensorsClose(ours.ZTilde, theirs.transpose(), { rtol: 1e-4, atol: 1e-5 });
            // tfjs updated its moving statistics from zeros and ones with momentum 0.99.
            const r = updateRunningAverages(
              tf.zeros([n, 1]),
              tf.ones([n, 1]),
              ours.mu,
              ours.sigma2,
            );
            const [, , movingMean, movingVar] = layer.getWeights();
            expectTensorsClose(r.runningMean, movingMean!.reshape([n, 1]), {
              rtol: 1e-4,
              atol: 1e-6,
            });
            expectTensorsClose(r.runningVar, movingVar!.reshape([n, 1]), {
              rtol: 1e-4,
              atol: 1e-6,
            });
            for (const w of layer.weights) w.dispose();
          });
        },
      ),
      { numRuns: 15, seed: 21 },
    );
    expect(BATCHNORM_EPSILON).toBe(1e-3);
    expect(BATCHNORM_MOMENTUM).toBe(0.99);
  });

  it('inference mode equals tf.layers.batchNormalization (training: false) with the same moving statistics', () => {
    tf.tidy(() => {
      const rs = new RandomState(4);
      const [n, m] = [3, 5];
      const Z = rs.randn(n, m);
      const gamma = rs.randn(n, 1);
      const beta = rs.randn(n, 1);
      const runningMean = rs.randn(n, 1);
      const runningVar = rs.rand(n, 1).add(0.5);
      const layer = tf.layers.batchNormalization({ axis: -1 });
      layer.build([null, n]);
      layer.setWeights([gamma, beta, runningMean, runningVar].map((t) => t.reshape([-1])));
      const theirs = layer.apply(Z.transpose(), { training: false }) as tf.Tensor;
      expectTensorsClose(
        batchnormInference(Z, gamma, beta, runningMean, runningVar),
        theirs.transpose(),
        {
          rtol: 1e-5,
          atol: 1e-6,
        },
      );
      for (const w of layer.weights) w.dispose();
    });
  });

  it('the backward pass equals tf.grad of the forward (dZ, dγ, dβ)', () => {
    for (const seed of [1, 2, 3]) {
      const rs = new RandomState(seed);
      const inputs = { Z: rs.randn(4, 6), gamma: rs.randn(4, 1), beta: rs.randn(4, 1) };
      expectBackwardMatchesAutodiff({
        inputs,
        forward: ({ Z, gamma, beta }) => {
          const { mean, variance } = tf.moments(Z, 1, true);
          return tf.add(
            tf.mul(gamma, tf.div(tf.sub(Z, mean), tf.sqrt(tf.add(variance, BATCHNORM_EPSILON)))),
            beta,
          );
        },
        backward: ({ Z, gamma, beta }, dY) => {
          const out = batchnormForward(Z, gamma, beta);
          const g = batchnormBackward(dY, out.cache);
          return { Z: g.dZ, gamma: g.dgamma, beta: g.dbeta };
        },
      });
      tf.dispose(Object.values(inputs));
    }
  });

  it('leaks nothing: forward returns 6 tensors, backward 3, inference 1, running averages 2', async () => {
    const rs = new RandomState(0);
    const [Z, gamma, beta] = [rs.randn(3, 4), tf.ones([3, 1]), tf.zeros([3, 1])];
    expect(await expectNoLeaks(() => batchnormForward(Z, gamma, beta))).toBe(6);
    const out = batchnormForward(Z, gamma, beta);
    expect(await expectNoLeaks(() => batchnormBackward(Z, out.cache))).toBe(3);
    expect(await expectNoLeaks(() => batchnormInference(Z, gamma, beta, beta, gamma))).toBe(1);
    expect(await expectNoLeaks(() => updateRunningAverages(beta, gamma, out.mu, out.sigma2))).toBe(
      2,
    );
    tf.dispose([Z, gamma, beta, out]);
  });

  it('names shapes, epsilon and momentum at fault', () => {
    tf.tidy(() => {
      const Z = tf.ones([3, 4]);
      expect(() => batchnormForward(Z, tf.ones([2, 1]), tf.zeros([3, 1]))).toThrow(
        'batchnormForward: gamma must have shape [n, 1] with n = 3 (from Z), got [2, 1]',
      );
      expect(() => batchnormForward(Z, tf.ones([3, 1]), tf.zeros([3, 1]), { epsilon: 0 })).toThrow(
        'batchnormForward: options.epsilon must be a finite number > 0, got 0',
      );
      const v = tf.ones([3, 1]);
      expect(() => updateRunningAverages(v, v, v, v, 1)).toThrow(
        'updateRunningAverages: momentum must be a finite number >= 0 and < 1, got 1',
      );
      expect(() => batchnormBackward(Z, {} as never)).toThrow('batchnormBackward: cache is empty');
      expect(() => batchnormInference(Z, v, v, v, tf.ones([4, 1]))).toThrow(DlkitError);
    });
  });
});
