import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '../tensor/errors.js';
import type { Parameters } from '../tensor/parameters.js';
import { ShapeChecker } from '../tensor/shapes.js';
import { assertNumber } from '../tensor/values.js';
import { computeCost } from '../losses/binary-cross-entropy.js';
import { updateParameters } from '../dense/update-parameters.js';
import { initializeParameters } from '../shallow/shallow-network.js';
import { checkPrintCost, report, type PrintCost } from '../logistic/progress.js';
import { MAX_ITERATIONS, describeValue } from '../tensor/arguments.js';
import { asCaller } from '../tensor/caller.js';
import {
  disposeCaches,
  initializeParametersDeep,
  lModelBackward,
  lModelForward,
} from './l-model.js';

/**
 * What {@link twoLayerModel} and {@link lLayerModel} return.
 *
 * @category C1 W4 · Deep neural network
 */
export interface DeepModelResult {
  /** The learned parameters (new tensors, owned by the caller). */
  parameters: Parameters;
  /** The cost every 100 iterations (as the course's `costs`). */
  costs: number[];
}

/**
 * What the week-4 {@link predict} returns.
 *
 * @category C1 W4 · Deep neural network
 */
export interface DeepPredictResult {
  /** Predictions 0 or 1, `[1, m]` (a new tensor). */
  p: tf.Tensor;
  /** The fraction of predictions equal to `y`. */
  accuracy: number;
}

/** Gradient descent with the L-layer functions; takes ownership of `initial` (disposed as replaced). */
function train(
  fn: string,
  X: tf.Tensor,
  Y: tf.Tensor,
  initial: Parameters,
  learningRate: number,
  numIterations: number,
  printCost: PrintCost,
): DeepModelResult {
  let parameters = initial;
  const costs: number[] = [];
  for (let i = 0; i < numIterations; i++) {
    const current = parameters;
    const { next, cost } = asCaller(fn, () =>
      tf.tidy(() => {
        const { AL, caches } = lModelForward(X, current);
        const J = computeCost(AL, Y);
        // fused: dZL = AL - Y, the course's dAL through the sigmoid in exact arithmetic, but finite
        // when AL saturates to 1 in float32 (where -(1 - Y) / (1 - AL) is 0/0).
        const grads = lModelBackward(AL, Y, caches, { fused: true });
        return { next: updateParameters(current, grads, learningRate), cost: J };
      }),
    );
    tf.dispose(Object.values(current));
    parameters = next;
    if (!Number.isFinite(cost)) {
      tf.dispose(Object.values(parameters));
      throw new DlkitError(
        'value',
        fn,
        `the cost became ${cost} at iteration ${i}; lower learningRate`,
        {
          argument: 'learningRate',
        },
      );
    }
    if (i % 100 === 0) {
      costs.push(cost);
      report(printCost, i, cost);
    }
  }
  return { parameters, costs };
}

function checkData(fn: string, X: tf.Tensor, Y: tf.Tensor, nX: number, nY: number): void {
  new ShapeChecker(fn)
    .checkFloat('X', X, [nX, 'm'], { finite: true })
    .checkFloat('Y', Y, [nY, 'm'], { finite: true });
}

function checkTraining(
  fn: string,
  learningRate: number,
  numIterations: number,
  printCost: PrintCost,
): void {
  assertNumber(fn, 'learningRate', learningRate, { min: 0 });
  assertNumber(fn, 'numIterations', numIterations, { integer: true, min: 0, max: MAX_ITERATIONS });
  checkPrintCost(fn, printCost);
}

/**
 * The course's `two_layer_model`: `LINEAR → RELU → LINEAR → SIGMOID`, initialised with
 * {@link initializeParameters} after `np.random.seed(1)`, trained by gradient descent (starting
 * backpropagation from `dZ2 = A2 - Y`, see {@link lLayerModel}).
 *
 * @param X - Data, `[nX, m]`.
 * @param Y - Labels 0 or 1, `[1, m]`.
 * @param layersDims - `[nX, nH, nY]`.
 * @param learningRate - `α` (default 0.0075).
 * @param numIterations - Steps (default 3000).
 * @param printCost - Report the cost every 100 iterations (see {@link PrintCost}).
 * @returns `{ parameters, costs }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { twoLayerModel } from '@dlkit/core';
 * const X = tf.tensor2d([[1, 2, -1, -2], [0.5, 1, -0.5, -1]]);
 * const Y = tf.tensor2d([[1, 1, 0, 0]]);
 * const { parameters, costs } = twoLayerModel(X, Y, [2, 3, 1], 0.1, 200);
 * console.log(costs.length); // 2
 * tf.dispose([X, Y, ...Object.values(parameters)]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function twoLayerModel(
  X: tf.Tensor,
  Y: tf.Tensor,
  layersDims: readonly [number, number, number],
  learningRate = 0.0075,
  numIterations = 3000,
  printCost: PrintCost = false,
): DeepModelResult {
  const fn = 'twoLayerModel';
  if (!Array.isArray(layersDims) || layersDims.length !== 3) {
    throw new DlkitError(
      'value',
      fn,
      `layersDims must be [nX, nH, nY], got ${describeValue(layersDims)}`,
      {
        argument: 'layersDims',
      },
    );
  }
  checkTraining(fn, learningRate, numIterations, printCost);
  const [nX, nH, nY] = layersDims;
  checkData(fn, X, Y, nX, nY);
  const initial = asCaller(fn, () => initializeParameters(nX, nH, nY, 1));
  return train(fn, X, Y, initial, learningRate, numIterations, printCost);
}

/**
 * The course's `L_layer_model`: `[LINEAR → RELU] × (L-1) → LINEAR → SIGMOID`, initialised as
 * the course's application does (`np.random.seed(1)`, `randn / sqrt(n[l-1])`), trained by
 * gradient descent. Backpropagation starts from `dZL = AL - Y` (the `fused` option of
 * {@link lModelBackward}): the course's value, without the NaN that `dAL` gives in float32 once a
 * prediction saturates to exactly 1.
 *
 * @param X - Data, `[nX, m]`.
 * @param Y - Labels 0 or 1, `[1, m]`.
 * @param layersDims - `[nX, n1, …, nL]`.
 * @param learningRate - `α` (default 0.0075).
 * @param numIterations - Steps (default 3000).
 * @param printCost - Report the cost every 100 iterations (see {@link PrintCost}).
 * @returns `{ parameters, costs }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { lLayerModel } from '@dlkit/core';
 * const X = tf.tensor2d([[1, 2, -1, -2], [0.5, 1, -0.5, -1]]);
 * const Y = tf.tensor2d([[1, 1, 0, 0]]);
 * const { parameters, costs } = lLayerModel(X, Y, [2, 4, 3, 1], 0.1, 100);
 * console.log(costs); // [0.6430…], the cost at iteration 0
 * tf.dispose([X, Y, ...Object.values(parameters)]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function lLayerModel(
  X: tf.Tensor,
  Y: tf.Tensor,
  layersDims: readonly number[],
  learningRate = 0.0075,
  numIterations = 3000,
  printCost: PrintCost = false,
): DeepModelResult {
  const fn = 'lLayerModel';
  checkTraining(fn, learningRate, numIterations, printCost);
  const initial = asCaller(fn, () =>
    initializeParametersDeep(layersDims, { seed: 1, init: 'xavier' }),
  );
  try {
    checkData(fn, X, Y, layersDims[0] as number, layersDims[layersDims.length - 1] as number);
  } catch (e) {
    tf.dispose(Object.values(initial));
    throw e;
  }
  return train(fn, X, Y, initial, learningRate, numIterations, printCost);
}

/**
 * Predicts with an L-layer network (the course's `predict(X, y, parameters)`): 1 where
 * `AL > 0.5`, and the accuracy against `y`.
 *
 * @param X - Data, `[nX, m]`.
 * @param y - Labels, `[1, m]`.
 * @param parameters - `{ W1, b1, …, WL, bL }` (relu hidden layers, sigmoid output).
 * @returns `p`, new float32 predictions `[1, m]`, and `accuracy` in `[0, 1]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeParametersDeep, deep } from '@dlkit/core';
 * const X = tf.tensor2d([[1, -1], [2, 0.5]]);
 * const y = tf.tensor2d([[1, 0]]);
 * const p = initializeParametersDeep([2, 3, 1]);
 * const { p: yHat, accuracy } = deep.predict(X, y, p);
 * console.log(accuracy);
 * tf.dispose([X, y, yHat, ...Object.values(p)]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function predict(X: tf.Tensor, y: tf.Tensor, parameters: Parameters): DeepPredictResult {
  new ShapeChecker('predict').checkFloat('X', X, ['nX', 'm']).checkFloat('y', y, [1, 'm']);
  return asCaller('predict', () =>
    tf.tidy(() => {
      const { AL, caches } = lModelForward(X, parameters);
      const p = AL.greater(0.5).toFloat();
      disposeCaches(caches);
      const accuracy = p.equal(y).toFloat().mean().dataSync()[0] as number;
      return { p, accuracy };
    }),
  ) as DeepPredictResult;
}
