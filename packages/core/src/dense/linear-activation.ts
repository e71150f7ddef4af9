import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '../tensor/errors.js';
import { assertTensor, assertTensorRecord, describeValue } from '../tensor/arguments.js';
import { asCaller } from '../tensor/caller.js';
import type { ActivationResult } from '../activations/sigmoid.js';
import { sigmoid, sigmoidBackward } from '../activations/sigmoid.js';
import { relu, reluBackward } from '../activations/relu.js';
import { tanh, tanhBackward } from '../activations/tanh.js';
import { leakyRelu, leakyReluBackward } from '../activations/leaky-relu.js';
import { softmax, softmaxBackward } from '../activations/softmax.js';
import { linearBackward, linearForward, type LinearCache, type LinearGradients } from './linear.js';

/**
 * The activations a dense layer can apply (leaky ReLU with slope 0.01).
 *
 * @category C1 W4 · Deep neural network
 */
export type Activation = 'sigmoid' | 'relu' | 'tanh' | 'leakyRelu' | 'softmax';

/** The activation names, for validation. @internal */
export const ACTIVATIONS: readonly Activation[] = [
  'sigmoid',
  'relu',
  'tanh',
  'leakyRelu',
  'softmax',
];

/**
 * The course's `cache = (linear_cache, activation_cache)` of one layer.
 *
 * @category C1 W4 · Deep neural network
 */
export interface LinearActivationCache {
  /** `(APrev, W, b)`: the layer's inputs. */
  linearCache: LinearCache;
  /** `Z`, the pre-activation (created by the forward pass). */
  activationCache: tf.Tensor;
}

/**
 * What {@link linearActivationForward} returns.
 *
 * @category C1 W4 · Deep neural network
 */
export interface LinearActivationResult {
  /** The layer's output `g(Z)`, `[n, m]` (a new tensor). */
  A: tf.Tensor;
  /** The layer's cache for {@link linearActivationBackward}. */
  cache: LinearActivationCache;
}

/** @internal */
export function checkActivation(
  fn: string,
  activation: unknown,
  argument = 'activation',
): Activation {
  if (!ACTIVATIONS.includes(activation as Activation)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be one of ${ACTIVATIONS.join(', ')}, got ${typeof activation === 'string' ? activation : describeValue(activation)}`,
      { argument },
    );
  }
  return activation as Activation;
}

function checkCache(fn: string, cache: LinearActivationCache): void {
  if (cache === null || typeof cache !== 'object') {
    throw new DlkitError(
      'value',
      fn,
      `cache must be the cache of linearActivationForward, got ${describeValue(cache)}`,
      {
        argument: 'cache',
      },
    );
  }
  assertTensor(fn, 'cache.activationCache', cache.activationCache);
  assertTensorRecord(fn, 'cache.linearCache', cache.linearCache);
}

const forwards: Record<Activation, (Z: tf.Tensor) => ActivationResult> = {
  sigmoid,
  relu,
  tanh,
  leakyRelu: (Z) => leakyRelu(Z),
  softmax,
};

const backwards: Record<Activation, (dA: tf.Tensor, Z: tf.Tensor) => tf.Tensor> = {
  sigmoid: sigmoidBackward,
  relu: reluBackward,
  tanh: tanhBackward,
  leakyRelu: (dA, Z) => leakyReluBackward(dA, Z),
  softmax: softmaxBackward,
};

/**
 * One layer's forward propagation, `A = g(W APrev + b)` (the course's
 * `linear_activation_forward`).
 *
 * @param APrev - The previous layer's activations (or `X`), `[nPrev, m]`.
 * @param W - Weights, `[n, nPrev]`.
 * @param b - Biases, `[n, 1]`.
 * @param activation - `g`: `'relu'`, `'sigmoid'`, `'tanh'`, `'leakyRelu'` or `'softmax'`.
 * @returns `A` (`[n, m]`, new) and the cache `{ linearCache, activationCache }`. `activationCache`
 *   (`Z`) is a new tensor the caller owns; `linearCache` holds the given tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { linearActivationForward } from '@dlkit/core';
 * const APrev = tf.tensor2d([[1, -2], [3, 0.5]]);
 * const W = tf.tensor2d([[1, 1]]);
 * const b = tf.tensor2d([[0]]);
 * const { A, cache } = linearActivationForward(APrev, W, b, 'relu');
 * A.print(); // [[4, 0]]
 * tf.dispose([APrev, W, b, A, cache.activationCache]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function linearActivationForward(
  APrev: tf.Tensor,
  W: tf.Tensor,
  b: tf.Tensor,
  activation: Activation,
): LinearActivationResult {
  const fn = 'linearActivationForward';
  const act = checkActivation(fn, activation);
  return asCaller(fn, () => {
    const { Z, cache: linearCache } = linearForward(APrev, W, b);
    const { A } = forwards[act](Z);
    return { A, cache: { linearCache, activationCache: Z } };
  });
}

/**
 * One layer's backward propagation (the course's `linear_activation_backward`): `dZ = dA * g'(Z)`
 * by the activation's backward function, then {@link linearBackward}.
 *
 * @param dA - Gradient of the cost with respect to this layer's `A`, per example, `[n, m]`.
 * @param cache - The layer's {@link LinearActivationCache}.
 * @param activation - The activation the forward pass used.
 * @returns `{ dAPrev, dW, db }`, new tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { linearActivationForward, linearActivationBackward } from '@dlkit/core';
 * const APrev = tf.tensor2d([[1, -2], [3, 0.5]]);
 * const W = tf.tensor2d([[1, 1]]);
 * const b = tf.tensor2d([[0]]);
 * const { A, cache } = linearActivationForward(APrev, W, b, 'relu');
 * const dA = tf.onesLike(A);
 * const { dAPrev, dW, db } = linearActivationBackward(dA, cache, 'relu');
 * dW.print(); // [[0.5, 1.5]]: only the first example passed the ReLU
 * tf.dispose([APrev, W, b, A, cache.activationCache, dA, dAPrev, dW, db]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function linearActivationBackward(
  dA: tf.Tensor,
  cache: LinearActivationCache,
  activation: Activation,
): LinearGradients {
  const fn = 'linearActivationBackward';
  const act = checkActivation(fn, activation);
  checkCache(fn, cache);
  return asCaller(fn, () =>
    tf.tidy(() => {
      const { dAPrev, dW, db } = linearBackward(
        backwards[act](dA, cache.activationCache),
        cache.linearCache,
      );
      return { dAPrev, dW, db };
    }),
  );
}
