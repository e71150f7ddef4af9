// Issue 11: every slot optimiser's fromConfig, applyGradients and setWeights check their
// arguments once, in SlotOptimizer, and name the subclass the user called.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { AdamWOptimizer } from '../adamw/adamw-optimizer.js';
import { MomentumOptimizer } from '../momentum/momentum-optimizer.js';
import { RmspropOptimizer } from '../rmsprop/rmsprop-optimizer.js';

describe('SlotOptimizer bad input', () => {
  it('fromConfig of each subclass checks cls and config and round-trips a good config', () => {
    expect(() => MomentumOptimizer.fromConfig(RmspropOptimizer as never, {})).toThrow(
      'MomentumOptimizer.fromConfig: cls must be MomentumOptimizer, got a function',
    );
    expect(() => RmspropOptimizer.fromConfig(RmspropOptimizer, undefined as never)).toThrow(
      'RmspropOptimizer.fromConfig: config must be an object, got undefined',
    );
    expect(() => AdamWOptimizer.fromConfig(AdamWOptimizer, { weightDecay: -1 })).toThrow(
      /^AdamWOptimizer\.fromConfig: weightDecay must be a finite number >= 0/,
    );
    const momentum = new MomentumOptimizer(0.1, 0.8, {
      form: 'pytorch',
      nesterov: true,
      clipNorm: 2,
    });
    const copy = MomentumOptimizer.fromConfig(
      MomentumOptimizer,
      momentum.getConfig(),
    ) as MomentumOptimizer;
    expect(copy.getConfig()).toEqual(momentum.getConfig());
    momentum.dispose();
    copy.dispose();
  });

  it('applyGradients and setWeights reject what is not gradients or weights', async () => {
    const rms = new RmspropOptimizer();
    const one = tf.scalar(1);
    expect(() => rms.applyGradients(one as never)).toThrow(
      'RmspropOptimizer.applyGradients: variableGradients must map variable names to gradients, got a float32 tensor of rank 0',
    );
    expect(() => rms.applyGradients([null] as never)).toThrow(
      'RmspropOptimizer.applyGradients: variableGradients[0] must be a { name, tensor } pair, got null',
    );
    await expect(rms.setWeights([null, null, null] as never)).rejects.toThrow(
      'RmspropOptimizer.setWeights: weightValues[0] must be a { name, tensor } pair, got null',
    );
    one.dispose();
    rms.dispose();
  });
});

describe('optimiser options objects', () => {
  it('are plain objects of the known fields', () => {
    const t = tf.ones([2]);
    expect(() => new MomentumOptimizer(0.1, 0.9, t as never)).toThrow(
      'MomentumOptimizer: options must be an object of options, got a float32 tensor of rank 1',
    );
    t.dispose();
    expect(() => new RmspropOptimizer(0.1, 0.9, 1e-7, { clipnorm: 1 } as never)).toThrow(
      'RmspropOptimizer: options has an unknown field clipnorm (known: clipValue, clipNorm)',
    );
    expect(
      () => new AdamWOptimizer(0.1, 0.01, 0.9, 0.999, 1e-7, { nesterov: true } as never),
    ).toThrow('AdamWOptimizer: options has an unknown field nesterov (known: clipValue, clipNorm)');
  });
});
