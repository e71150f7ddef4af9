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
import { relu, reluBackward } from './relu.js';
import { sigmoid, sigmoidBackward } from './sigmoid.js';

interface Fixture {
  Z: FixtureTensor;
  dA: FixtureTensor;
  sigmoid: FixtureTensor;
  sigmoid_backward: FixtureTensor;
  relu: FixtureTensor;
  relu_backward: FixtureTensor;
}

const fx = loadFixture<Fixture>('core_activations');

const cases = [
  { name: 'sigmoid', forward: sigmoid, backward: sigmoidBackward },
  { name: 'relu', forward: relu, backward: reluBackward },
] as const;

describe.each(cases)('$name', ({ name, forward, backward }) => {
  it('matches PyTorch forward and backward values', () => {
    tf.tidy(() => {
      const Z = fixtureTensor(fx.Z);
      const dA = fixtureTensor(fx.dA);
      const { A, cache } = forward(Z);
      expect(cache).toBe(Z);
      expectTensorsClose(A, fixtureTensor(fx[name]));
      expectTensorsClose(backward(dA, cache), fixtureTensor(fx[`${name}_backward`]));
    });
  });

  it('backward equals tf.grad of the forward', () => {
    tf.tidy(() => {
      // Away from 0, where ReLU has no derivative.
      const Z = tf.tensor2d([
        [-2.5, -0.3, 0.4, 1.7],
        [3.1, -1.2, 0.05, -0.07],
      ]);
      expectBackwardMatchesAutodiff({
        inputs: { Z },
        forward: ({ Z }) => forward(Z).A,
        backward: ({ Z }, dY) => ({ Z: backward(dY, forward(Z).cache) }),
      });
    });
  });

  it('leaks nothing', async () => {
    const Z = tf.randomNormal([3, 4], 0, 1, 'float32', 1);
    const dA = tf.onesLike(Z);
    expect(await expectNoLeaks(() => forward(Z).A)).toBe(1);
    expect(await expectNoLeaks(() => backward(dA, Z))).toBe(1);
    tf.dispose([Z, dA]);
  });

  it('rejects dA of another shape than the cache', () => {
    tf.tidy(() => {
      expect(() => backward(tf.ones([2, 3]), tf.ones([3, 2]))).toThrow(
        `${name}Backward: dA must have shape [3, 2], got [2, 3]`,
      );
    });
  });
});
