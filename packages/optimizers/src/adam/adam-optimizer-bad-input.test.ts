// Issue 11: AdamOptimizer.fromConfig threw `cls is not a constructor` for a bad cls, and
// applyGradients / setWeights threw TypeErrors for what is not a gradient list.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { AdamOptimizer } from './adam-optimizer.js';

describe('AdamOptimizer bad input', () => {
  it('fromConfig checks cls and config, and round-trips a good config', () => {
    expect(() => AdamOptimizer.fromConfig(undefined as never, {})).toThrow(
      'AdamOptimizer.fromConfig: cls must be AdamOptimizer, got undefined',
    );
    expect(() => AdamOptimizer.fromConfig(AdamOptimizer, { learningRate: NaN })).toThrow(
      /^AdamOptimizer\.fromConfig: learningRate must be a finite number/,
    );
    expect(() => AdamOptimizer.fromConfig(AdamOptimizer, { lr: 0.1 })).toThrow(
      'AdamOptimizer.fromConfig: config has an unknown field lr (known: learningRate, beta1, beta2, epsilon, clipValue, clipNorm, customObjects)',
    );
    const adam = new AdamOptimizer(0.01, 0.8, 0.99, 1e-7);
    const copy = AdamOptimizer.fromConfig(AdamOptimizer, adam.getConfig()) as AdamOptimizer;
    expect(copy.getConfig()).toEqual(adam.getConfig());
    adam.dispose();
    copy.dispose();
  });

  it('applyGradients and setWeights reject what is not gradients or weights', async () => {
    const adam = new AdamOptimizer();
    expect(() => adam.applyGradients(undefined as never)).toThrow(
      'AdamOptimizer.applyGradients: variableGradients must map variable names to gradients, got undefined',
    );
    const t = tf.ones([2]);
    t.dispose();
    expect(() => adam.applyGradients({ x: t })).toThrow(
      'AdamOptimizer.applyGradients: the gradient of x is a disposed tensor',
    );
    await expect(adam.setWeights(undefined as never)).rejects.toThrow(
      'AdamOptimizer.setWeights: weightValues must be an array of { name, tensor }, got undefined',
    );
    adam.dispose();
  });
});
