import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { leakyRelu, leakyReluBackward } from './leaky-relu.js';
import { relu, reluBackward } from './relu.js';
import { sigmoid, sigmoidBackward } from './sigmoid.js';
import { softmax, softmaxBackward } from './softmax.js';
import { tanh, tanhBackward } from './tanh.js';

// The guards compared a shape with itself (`check('Z', Z, Z.shape)`), so a missing Z threw a
// TypeError and int32 or bool tensors went through.
describe('activation guards', () => {
  const forwards = { relu, sigmoid, tanh, leakyRelu, softmax } as const;
  const backwards = {
    reluBackward,
    sigmoidBackward,
    tanhBackward,
    leakyReluBackward,
    softmaxBackward,
  } as const;

  it.each(Object.entries(forwards))(
    '%s rejects a missing Z, an int32 Z and a disposed Z',
    (name, f) => {
      expect(() => f(undefined as never)).toThrow(`${name}: Z must be a tf.Tensor, got undefined`);
      const i = tf.ones([2, 2], 'int32');
      expect(() => f(i)).toThrow(`${name}: Z must have dtype float32, got int32`);
      i.dispose();
      expect(() => f(i)).toThrow(`${name}: Z is a disposed tensor`);
    },
  );

  it.each(Object.entries(backwards))(
    '%s rejects a missing dA, a bool cache and a dA of another shape',
    (name, f) => {
      tf.tidy(() => {
        const Z = tf.ones([2, 3]);
        expect(() => f(undefined as never, Z)).toThrow(
          `${name}: dA must be a tf.Tensor, got undefined`,
        );
        expect(() => f(Z, tf.ones([2, 3], 'bool'))).toThrow(
          `${name}: cache must have dtype float32, got bool`,
        );
        expect(() => f(tf.ones([3, 2]), Z)).toThrow(
          `${name}: dA must have shape [2, 3], got [3, 2]`,
        );
      });
    },
  );
});
