import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '../tensor/shapes.js';
import { assertTensorRecord } from '../tensor/arguments.js';

/**
 * What {@link linearForward} keeps for the backward pass: its inputs `(A, W, b)`, as the
 * course's `linear_cache`. These are the caller's tensors, not copies.
 *
 * @category C1 W4 · Deep neural network
 */
export interface LinearCache {
  /** The previous layer's activations, `[nPrev, m]`. */
  A: tf.Tensor;
  /** The weights, `[n, nPrev]`. */
  W: tf.Tensor;
  /** The biases, `[n, 1]`. */
  b: tf.Tensor;
}

/**
 * What {@link linearForward} returns.
 *
 * @category C1 W4 · Deep neural network
 */
export interface LinearForwardResult {
  /** The pre-activation `Z = W A + b`, `[n, m]` (a new tensor). */
  Z: tf.Tensor;
  /** `(A, W, b)` for {@link linearBackward}. */
  cache: LinearCache;
}

/**
 * The gradients {@link linearBackward} returns (all new tensors).
 *
 * @category C1 W4 · Deep neural network
 */
export interface LinearGradients {
  /** Gradient with respect to the previous activations, `[nPrev, m]`. */
  dAPrev: tf.Tensor;
  /** Gradient with respect to `W`, `[n, nPrev]`. */
  dW: tf.Tensor;
  /** Gradient with respect to `b`, `[n, 1]`. */
  db: tf.Tensor;
}

/**
 * The linear part of a layer's forward propagation, `Z = W A + b` (the course's
 * `linear_forward`), with examples in columns.
 *
 * @param A - Activations of the previous layer (or the input `X`), `[nPrev, m]`.
 * @param W - Weights, `[n, nPrev]`.
 * @param b - Biases, `[n, 1]`, broadcast over the `m` columns.
 * @returns `Z` (`[n, m]`, new) and the cache `(A, W, b)` (the given tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { linearForward } from '@dlkit/core';
 * const A = tf.tensor2d([[1, 2], [3, 4]]);
 * const W = tf.tensor2d([[1, -1]]);
 * const b = tf.tensor2d([[0.5]]);
 * const { Z } = linearForward(A, W, b);
 * Z.print(); // [[-1.5, -1.5]]
 * tf.dispose([A, W, b, Z]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function linearForward(A: tf.Tensor, W: tf.Tensor, b: tf.Tensor): LinearForwardResult {
  new ShapeChecker('linearForward')
    .checkFloat('A', A, ['nPrev', 'm'])
    .checkFloat('W', W, ['n', 'nPrev'])
    .checkFloat('b', b, ['n', 1]);
  const Z = tf.tidy(() => tf.matMul(W, A).add(b));
  return { Z, cache: { A, W, b } };
}

/**
 * The linear part of a layer's backward propagation (the course's `linear_backward`):
 * `dW = (1/m) dZ Aᵀ`, `db = (1/m) sum(dZ, axis 1)`, `dAPrev = Wᵀ dZ`.
 *
 * @param dZ - Gradient of the cost with respect to this layer's `Z`, per example, `[n, m]`.
 * @param cache - The {@link LinearCache} of {@link linearForward}.
 * @returns `{ dAPrev, dW, db }`, new tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { linearForward, linearBackward } from '@dlkit/core';
 * const A = tf.tensor2d([[1, 2], [3, 4]]);
 * const W = tf.tensor2d([[1, -1]]);
 * const b = tf.tensor2d([[0]]);
 * const { Z, cache } = linearForward(A, W, b);
 * const dZ = tf.tensor2d([[1, 1]]);
 * const { dAPrev, dW, db } = linearBackward(dZ, cache);
 * dW.print(); // [[1.5, 3.5]]
 * tf.dispose([A, W, b, Z, dZ, dAPrev, dW, db]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function linearBackward(dZ: tf.Tensor, cache: LinearCache): LinearGradients {
  assertTensorRecord('linearBackward', 'cache', cache);
  const { A, W, b } = cache;
  new ShapeChecker('linearBackward')
    .checkFloat('cache.A', A, ['nPrev', 'm'])
    .checkFloat('cache.W', W, ['n', 'nPrev'])
    .checkFloat('cache.b', b, ['n', 1])
    .checkFloat('dZ', dZ, ['n', 'm']);
  const m = A.shape[1] as number;
  return tf.tidy(() => ({
    dAPrev: tf.matMul(W, dZ, true, false),
    dW: tf.matMul(dZ, A, false, true).div(m),
    db: dZ.sum(1, true).div(m),
  }));
}
