import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '../tensor/errors.js';
import type { Gradients, Parameters } from '../tensor/parameters.js';
import { ShapeChecker } from '../tensor/shapes.js';
import { assertNumber } from '../tensor/values.js';
import type { RandomState } from '../tensor/random-state.js';
import { computeCost } from '../losses/binary-cross-entropy.js';
import { updateParameters } from '../dense/update-parameters.js';
import { initializeWith, toRng, type SeedOrRng } from '../initializers/initializers.js';
import { report, type PrintCost } from '../logistic/progress.js';

/**
 * The course's week-3 forward cache: every intermediate of the two layers.
 *
 * @category C1 W3 · Shallow neural network
 */
export interface ShallowCache {
  /** `W1 X + b1`, `[nH, m]`. */
  Z1: tf.Tensor;
  /** `tanh(Z1)`, `[nH, m]`. */
  A1: tf.Tensor;
  /** `W2 A1 + b2`, `[nY, m]`. */
  Z2: tf.Tensor;
  /** `sigmoid(Z2)`, `[nY, m]`. */
  A2: tf.Tensor;
}

/**
 * What {@link forwardPropagation} returns.
 *
 * @category C1 W3 · Shallow neural network
 */
export interface ShallowForwardResult {
  /** The output probabilities, `[nY, m]` (the cache's `A2`). */
  A2: tf.Tensor;
  /** `{ Z1, A1, Z2, A2 }` for {@link backwardPropagation}. */
  cache: ShallowCache;
}

/**
 * What {@link nnModel} returns.
 *
 * @category C1 W3 · Shallow neural network
 */
export interface NnModelResult {
  /** The learned `{ W1, b1, W2, b2 }` (new tensors, owned by the caller). */
  parameters: Parameters;
  /** The cost every 1000 iterations. */
  costs: number[];
}

/** Options of {@link nnModel}. */
export interface NnModelOptions {
  /** `α` (default 1.2, the course's). */
  learningRate?: number;
  /** The seed the course sets at the top of `nn_model` (default 3). */
  seed?: SeedOrRng;
  /** Record (and report) the cost every `costEvery` iterations (default 1000, the course's). */
  costEvery?: number;
}

function checkParameters(fn: string, shapes: ShapeChecker, parameters: Parameters): void {
  for (const k of ['W1', 'b1', 'W2', 'b2']) {
    if (!(parameters[k] instanceof tf.Tensor)) {
      throw new DlkitError('value', fn, `parameters must hold W1, b1, W2 and b2; ${k} is missing`, {
        argument: 'parameters',
      });
    }
  }
  shapes
    .check('W1', parameters['W1'] as tf.Tensor, ['nH', 'nX'])
    .check('b1', parameters['b1'] as tf.Tensor, ['nH', 1])
    .check('W2', parameters['W2'] as tf.Tensor, ['nY', 'nH'])
    .check('b2', parameters['b2'] as tf.Tensor, ['nY', 1]);
}

/**
 * The sizes of the shallow network (the course's `layer_sizes`): `[nX, nH, nY]` with `nH = 4`.
 *
 * @param X - Data, `[nX, m]`.
 * @param Y - Labels, `[nY, m]`.
 * @returns `[nX, 4, nY]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { shallow } from '@dlkit/core';
 * const X = tf.zeros([5, 3]);
 * const Y = tf.zeros([2, 3]);
 * console.log(shallow.layerSizes(X, Y)); // [5, 4, 2]
 * tf.dispose([X, Y]);
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function layerSizes(X: tf.Tensor, Y: tf.Tensor): [number, number, number] {
  new ShapeChecker('layerSizes').check('X', X, ['nX', 'm']).check('Y', Y, ['nY', 'm']);
  return [X.shape[0] as number, 4, Y.shape[0] as number];
}

/**
 * The course's `initialize_parameters(n_x, n_h, n_y)`: `W1 = randn(nH, nX) * 0.01`, `b1 = 0`,
 * `W2 = randn(nY, nH) * 0.01`, `b2 = 0`. Week 3 seeds it with 2, week 4's two-layer model with 1.
 *
 * @param nX - Input size.
 * @param nH - Hidden layer size.
 * @param nY - Output size.
 * @param seed - A seed or a generator (default 2, week 3's).
 * @returns A new dictionary `{ W1, b1, W2, b2 }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeParameters } from '@dlkit/core';
 * const p = initializeParameters(2, 4, 1);
 * p['W1']!.print(); // first row [-0.0041676, -0.0005627], as np.random.seed(2)
 * tf.dispose(Object.values(p));
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function initializeParameters(
  nX: number,
  nH: number,
  nY: number,
  seed: SeedOrRng = 2,
): Parameters {
  const fn = 'initializeParameters';
  return initializeWith(fn, [nX, nH, nY], toRng(fn, seed), (_p, _n, z) => z * 0.01);
}

/**
 * The shallow network's forward propagation (the course's `forward_propagation`):
 * `Z1 = W1 X + b1`, `A1 = tanh(Z1)`, `Z2 = W2 A1 + b2`, `A2 = sigmoid(Z2)`.
 *
 * @param X - Data, `[nX, m]`.
 * @param parameters - `{ W1: [nH, nX], b1: [nH, 1], W2: [nY, nH], b2: [nY, 1] }`.
 * @returns `A2` (`[nY, m]`) and the cache `{ Z1, A1, Z2, A2 }`; all new tensors (`A2` is the
 *   same tensor in both places: dispose it once).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeParameters, shallow } from '@dlkit/core';
 * const X = tf.tensor2d([[1, -1], [0.5, 2]]);
 * const p = initializeParameters(2, 4, 1);
 * const { A2, cache } = shallow.forwardPropagation(X, p);
 * console.log(A2.shape); // [1, 2]
 * tf.dispose([X, ...Object.values(p), ...Object.values(cache)]);
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function forwardPropagation(X: tf.Tensor, parameters: Parameters): ShallowForwardResult {
  const fn = 'forwardPropagation';
  const shapes = new ShapeChecker(fn).check('X', X, ['nX', 'm']);
  checkParameters(fn, shapes, parameters);
  const cache = tf.tidy(() => {
    const Z1 = tf.matMul(parameters['W1'] as tf.Tensor, X).add(parameters['b1'] as tf.Tensor);
    const A1 = tf.tanh(Z1);
    const Z2 = tf.matMul(parameters['W2'] as tf.Tensor, A1).add(parameters['b2'] as tf.Tensor);
    const A2 = tf.sigmoid(Z2);
    return { Z1, A1, Z2, A2 };
  });
  return { A2: cache.A2, cache };
}

/**
 * The shallow network's backward propagation (the course's `backward_propagation`):
 * `dZ2 = A2 - Y`, `dW2 = (1/m) dZ2 A1ᵀ`, `db2 = (1/m) sum(dZ2)`,
 * `dZ1 = W2ᵀ dZ2 * (1 - A1²)`, `dW1 = (1/m) dZ1 Xᵀ`, `db1 = (1/m) sum(dZ1)`.
 *
 * @param parameters - `{ W1, b1, W2, b2 }`.
 * @param cache - The {@link ShallowCache} of {@link forwardPropagation}.
 * @param X - Data, `[nX, m]`.
 * @param Y - Labels, `[nY, m]`.
 * @returns New gradients `{ dW1, db1, dW2, db2 }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeParameters, shallow } from '@dlkit/core';
 * const X = tf.tensor2d([[1, -1], [0.5, 2]]);
 * const Y = tf.tensor2d([[1, 0]]);
 * const p = initializeParameters(2, 4, 1);
 * const { cache } = shallow.forwardPropagation(X, p);
 * const grads = shallow.backwardPropagation(p, cache, X, Y);
 * console.log(grads['dW1']!.shape); // [4, 2]
 * tf.dispose([X, Y, ...Object.values(p), ...Object.values(cache), ...Object.values(grads)]);
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function backwardPropagation(
  parameters: Parameters,
  cache: ShallowCache,
  X: tf.Tensor,
  Y: tf.Tensor,
): Gradients {
  const fn = 'backwardPropagation';
  const shapes = new ShapeChecker(fn).check('X', X, ['nX', 'm']).check('Y', Y, ['nY', 'm']);
  checkParameters(fn, shapes, parameters);
  shapes.check('cache.A1', cache.A1, ['nH', 'm']).check('cache.A2', cache.A2, ['nY', 'm']);
  const m = X.shape[1] as number;
  return tf.tidy(() => {
    const dZ2 = cache.A2.sub(Y);
    const dW2 = tf.matMul(dZ2, cache.A1, false, true).div(m);
    const db2 = dZ2.sum(1, true).div(m);
    const dZ1 = tf
      .matMul(parameters['W2'] as tf.Tensor, dZ2, true, false)
      .mul(tf.scalar(1).sub(cache.A1.square()));
    const dW1 = tf.matMul(dZ1, X, false, true).div(m);
    const db1 = dZ1.sum(1, true).div(m);
    return { dW1, db1, dW2, db2 };
  });
}

/**
 * Trains the shallow network (the course's `nn_model`): seeds the generator (3), initialises with
 * {@link initializeParameters}, then `numIterations` rounds of forward propagation, cost,
 * backward propagation and {@link updateParameters}.
 *
 * @param X - Data, `[nX, m]`.
 * @param Y - Labels 0 or 1, `[nY, m]`.
 * @param nH - Hidden layer size.
 * @param numIterations - Gradient steps (default 10000).
 * @param printCost - Report the cost every 1000 iterations (see {@link PrintCost}).
 * @param options - Learning rate (default 1.2), seed (default 3), how often to record the cost
 * (default every 1000 iterations).
 * @returns The learned parameters (new tensors) and the costs recorded every `costEvery`
 * iterations.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { shallow } from '@dlkit/core';
 * const X = tf.tensor2d([[-1, -0.5, 0.5, 1], [1, -1, 1, -1]]);
 * const Y = tf.tensor2d([[0, 1, 1, 0]]);
 * const { parameters, costs } = shallow.nnModel(X, Y, 4, 200);
 * console.log(costs); // [0.6931…]
 * tf.dispose([X, Y, ...Object.values(parameters)]);
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function nnModel(
  X: tf.Tensor,
  Y: tf.Tensor,
  nH: number,
  numIterations = 10000,
  printCost: PrintCost = false,
  options: NnModelOptions = {},
): NnModelResult {
  const fn = 'nnModel';
  const { learningRate = 1.2, seed = 3, costEvery = 1000 } = options;
  assertNumber(fn, 'nH', nH, { integer: true, min: 1 });
  assertNumber(fn, 'costEvery', costEvery, { integer: true, min: 1 });
  assertNumber(fn, 'numIterations', numIterations, { integer: true, min: 0 });
  assertNumber(fn, 'learningRate', learningRate, { min: 0 });
  const [nX, , nY] = layerSizes(X, Y);
  const rng: RandomState = toRng(fn, seed);
  let parameters = initializeParameters(nX, nH, nY, rng);
  const costs: number[] = [];
  for (let i = 0; i < numIterations; i++) {
    const current = parameters;
    const { next, cost } = tf.tidy(() => {
      const { A2, cache } = forwardPropagation(X, current);
      const J = computeCost(A2, Y);
      const grads = backwardPropagation(current, cache, X, Y);
      return { next: updateParameters(current, grads, learningRate), cost: J };
    });
    tf.dispose(Object.values(current));
    parameters = next;
    if (i % costEvery === 0) {
      costs.push(cost);
      report(printCost, i, cost);
    }
  }
  return { parameters, costs };
}

/**
 * Predicts with the shallow network (the course's `predict`): 1 where `A2 > 0.5`, else 0.
 *
 * @param parameters - `{ W1, b1, W2, b2 }`.
 * @param X - Data, `[nX, m]`.
 * @returns New float32 predictions, `[nY, m]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeParameters, shallow } from '@dlkit/core';
 * const X = tf.tensor2d([[1, -1], [0.5, 2]]);
 * const p = initializeParameters(2, 4, 1);
 * const yHat = shallow.predict(p, X);
 * yHat.print();
 * tf.dispose([X, yHat, ...Object.values(p)]);
 * ```
 *
 * @category C1 W3 · Shallow neural network
 */
export function predict(parameters: Parameters, X: tf.Tensor): tf.Tensor {
  return tf.tidy(() => forwardPropagation(X, parameters).A2.greater(0.5).toFloat());
}
