import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import {
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { updateParametersWithGd } from './update-parameters-with-gd.js';

interface Fixture {
  learning_rate: number;
  parameters: Record<string, FixtureTensor>;
  grads: Record<string, FixtureTensor>;
  updated: Record<string, FixtureTensor>;
}

const decode = (d: Record<string, FixtureTensor>) =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, fixtureTensor(v)]));

describe('updateParametersWithGd', () => {
  it('matches the NumPy reference of update_parameters_with_gd', () => {
    const fx = loadFixture<Fixture>('optimizers_gd');
    tf.tidy(() => {
      const updated = updateParametersWithGd(
        decode(fx.parameters),
        decode(fx.grads),
        fx.learning_rate,
      );
      expect(Object.keys(updated)).toEqual(Object.keys(fx.updated));
      for (const [k, v] of Object.entries(fx.updated))
        expectTensorsClose(updated[k]!, fixtureTensor(v));
    });
  });

  it('leaves its inputs alone and returns one new tensor per parameter', async () => {
    const rs = new RandomState(2);
    const parameters = { W1: rs.randn(3, 2), b1: rs.randn(3, 1) };
    const grads = { dW1: rs.randn(3, 2), db1: rs.randn(3, 1) };
    const before = parameters.W1.arraySync();
    expect(await expectNoLeaks(() => updateParametersWithGd(parameters, grads, 0.01))).toBe(2);
    expect(parameters.W1.arraySync()).toEqual(before);
    tf.dispose([parameters, grads]);
  });

  it('names the missing or mis-shaped gradient and a bad learning rate', () => {
    tf.tidy(() => {
      const parameters = { W1: tf.ones([3, 2]) };
      expect(() => updateParametersWithGd(parameters, {}, 0.1)).toThrow(
        'updateParametersWithGd: grads has no dW1 for parameter W1',
      );
      expect(() => updateParametersWithGd(parameters, { dW1: tf.ones([2, 3]) }, 0.1)).toThrow(
        'updateParametersWithGd: grads.dW1 must have shape [3, 2], got [2, 3]',
      );
      expect(() => updateParametersWithGd(parameters, { dW1: tf.ones([3, 2]) }, 0)).toThrow(
        'updateParametersWithGd: learningRate must be a finite number > 0, got 0',
      );
    });
  });
});
