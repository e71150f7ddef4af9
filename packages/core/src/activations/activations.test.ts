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
import { tanh, tanhBackward } from './tanh.js';
import { leakyRelu, leakyReluBackward } from './leaky-relu.js';
import { softmax, softmaxBackward } from './softmax.js';

interface Fixture {
  Z: FixtureTensor;
  dA: FixtureTensor;
  sigmoid: FixtureTensor;
  sigmoid_backward: FixtureTensor;
  relu: FixtureTensor;
  relu_backward: FixtureTensor;
  tanh: FixtureTensor;
  tanh_backward: FixtureTensor;
  leaky_relu: FixtureTensor;
  leaky_relu_backward: FixtureTensor;
  softmax: FixtureTensor;
  softmax_backward: FixtureTensor;
}

const fx = loadFixture<Fixture>('core_activations');

const cases = [
  { name: 'sigmoid', forward: sigmoid, backward: sigmoidBackward },
  { name: 'relu', forward: relu, backward: reluBackward },
  { name: 'tanh', forward: tanh, backward: tanhBackward },
  {
    name: 'leakyRelu',
    fixture: 'leaky_relu',
    forward: (Z: tf.Tensor) => leakyRelu(Z),
    backward: (dA: tf.Tensor, Z: tf.Tensor) => leakyReluBackward(dA, Z),
  },
  { name: 'softmax', forward: softmax, backward: softmaxBackward },
] as const;

describe.each(cases)('$name', (c) => {
  const { name, forward, backward } = c;
  const key = ('fixture' in c ? c.fixture : name) as
    'sigmoid' | 'relu' | 'tanh' | 'leaky_relu' | 'softmax';
  it('matches PyTorch forward and backward values', () => {
    tf.tidy(() => {
      const Z = fixtureTensor(fx.Z);
      const dA = fixtureTensor(fx.dA);
      const { A, cache } = forward(Z);
      expect(cache).toBe(Z);
      expectTensorsClose(A, fixtureTensor(fx[key]));
      expectTensorsClose(backward(dA, cache), fixtureTensor(fx[`${key}_backward`]));
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

describe('activation details', () => {
  it('softmax columns sum to 1 and survive logits of 1e4', () => {
    tf.tidy(() => {
      const Z = tf.tensor2d([
        [1e4, -1e4, 0],
        [1e4 - 1, 1e4, 0],
      ]);
      const { A } = softmax(Z);
      expectTensorsClose(A.sum(0), [1, 1, 1]);
      expectTensorsClose(A, [
        [0.7310586, 0, 0.5],
        [0.2689414, 1, 0.5],
      ]);
    });
  });

  it('leaky ReLU uses the slope it is given, forward and backward', () => {
    tf.tidy(() => {
      const Z = tf.tensor2d([[-2, 3]]);
      expectTensorsClose(leakyRelu(Z, 0.2).A, [[-0.4, 3]]);
      expectTensorsClose(leakyReluBackward(tf.ones([1, 2]), Z, 0.2), [[0.2, 1]]);
      expectBackwardMatchesAutodiff({
        inputs: { Z },
        forward: ({ Z }) => leakyRelu(Z, 0.3).A,
        backward: ({ Z }, dY) => ({ Z: leakyReluBackward(dY, Z, 0.3) }),
      });
    });
  });

  it('rejects a bad slope and a softmax input that is not [nClasses, m]', () => {
    tf.tidy(() => {
      expect(() => leakyRelu(tf.ones([2]), 1)).toThrow(
        'leakyRelu: alpha must be a finite number >= 0 and < 1, got 1',
      );
      expect(() => softmax(tf.ones([2]))).toThrow(
        'softmax: Z must have shape [nClasses, m], got [2]',
      );
    });
  });
});
