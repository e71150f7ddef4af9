import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '../tensor/errors.js';
import { ShapeChecker } from '../tensor/shapes.js';
import { assertNumber } from '../tensor/values.js';
import { binaryCrossEntropyWithLogits } from '../losses/binary-cross-entropy.js';
import { MAX_ITERATIONS, assertSize } from '../tensor/arguments.js';
import { asCaller } from '../tensor/caller.js';
import { checkPrintCost, report, type PrintCost } from './progress.js';

/**
 * Logistic regression's parameters: weights `w` (`[nX, 1]`) and the bias `b` (a scalar).
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export interface LogisticParameters {
  /** Weights, `[nX, 1]`. */
  w: tf.Tensor2D;
  /** Bias, a scalar tensor. */
  b: tf.Scalar;
}

/**
 * The gradients of logistic regression's cost.
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export interface LogisticGradients {
  /** `dJ/dw`, `[nX, 1]`. */
  dw: tf.Tensor2D;
  /** `dJ/db`, a scalar tensor. */
  db: tf.Scalar;
}

/**
 * What {@link model} returns (the course's dictionary `d`).
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export interface LogisticModelResult {
  /** The cost every 100 iterations. */
  costs: number[];
  /** Predictions on the test set, `[1, mTest]`. */
  YPredictionTest: tf.Tensor2D;
  /** Predictions on the training set, `[1, mTrain]`. */
  YPredictionTrain: tf.Tensor2D;
  /** The learned weights, `[nX, 1]`. */
  w: tf.Tensor2D;
  /** The learned bias. */
  b: tf.Scalar;
  /** The learning rate used. */
  learningRate: number;
  /** The number of iterations run. */
  numIterations: number;
  /** Training accuracy in percent, `100 - mean(|YPredictionTrain - YTrain|) * 100`. */
  trainAccuracy: number;
  /** Test accuracy in percent. */
  testAccuracy: number;
}

/**
 * What {@link propagate} returns.
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export interface PropagateResult {
  /** `{ dw, db }` (new tensors). */
  grads: LogisticGradients;
  /** The cost `J`. */
  cost: number;
}

/**
 * What {@link optimize} returns.
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export interface OptimizeResult {
  /** The learned `{ w, b }` (new tensors). */
  params: LogisticParameters;
  /** The gradients of the last step (new tensors). */
  grads: LogisticGradients;
  /** The cost every 100 iterations. */
  costs: number[];
}

function toScalar(b: tf.Scalar | number): tf.Scalar {
  return typeof b === 'number' ? tf.scalar(b) : b;
}

function checkTraining(
  fn: string,
  numIterations: number,
  learningRate: number,
  printCost: PrintCost,
): void {
  assertNumber(fn, 'numIterations', numIterations, { integer: true, min: 1, max: MAX_ITERATIONS });
  assertNumber(fn, 'learningRate', learningRate, { min: 0 });
  checkPrintCost(fn, printCost);
}

function checkB(fn: string, b: tf.Scalar | number): void {
  if (typeof b === 'number') assertNumber(fn, 'b', b);
  else new ShapeChecker(fn).checkFloat('b', b, []);
}

/**
 * The course's `initialize_with_zeros(dim)`: `w` of zeros, `[dim, 1]`, and `b = 0`.
 *
 * @param dim - The number of features `nX`.
 * @returns `{ w, b }`, new tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { logistic } from '@dlkit/core';
 * const { w, b } = logistic.initializeWithZeros(2);
 * w.print(); // [[0], [0]]
 * tf.dispose([w, b]);
 * ```
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export function initializeWithZeros(dim: number): LogisticParameters {
  assertSize('initializeWithZeros', 'dim', dim, 1);
  return { w: tf.zeros([dim, 1]), b: tf.scalar(0) };
}

/**
 * Forward and backward propagation of logistic regression (the course's `propagate`):
 * `A = sigmoid(wᵀ X + b)`, `J = -(1/m) sum(Y log A + (1 - Y) log(1 - A))`,
 * `dw = (1/m) X (A - Y)ᵀ`, `db = (1/m) sum(A - Y)`. The cost is computed from `Z = wᵀ X + b`
 * (`binaryCrossEntropyWithLogits`): the same value, without float32's cancellation in
 * `1 - A` (on the course's test case, 5.80181 from `A` against 5.80155 from `Z`).
 *
 * @param w - Weights, `[nX, 1]`.
 * @param b - Bias, a scalar tensor or a number.
 * @param X - Data, `[nX, m]` (examples in columns).
 * @param Y - Labels 0 or 1, `[1, m]`.
 * @returns `{ grads: { dw, db }, cost }`; the gradients are new tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { logistic } from '@dlkit/core';
 * const w = tf.tensor2d([[1], [2]]);
 * const X = tf.tensor2d([[1, 2, -1], [3, 4, -3.2]]);
 * const Y = tf.tensor2d([[1, 0, 1]]);
 * const { grads, cost } = logistic.propagate(w, 2, X, Y);
 * console.log(cost); // 5.80154…, the course's value
 * tf.dispose([w, X, Y, grads.dw, grads.db]);
 * ```
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export function propagate(
  w: tf.Tensor,
  b: tf.Scalar | number,
  X: tf.Tensor,
  Y: tf.Tensor,
): PropagateResult {
  const fn = 'propagate';
  new ShapeChecker(fn)
    .checkFloat('w', w, ['nX', 1])
    .checkFloat('X', X, ['nX', 'm'])
    .checkFloat('Y', Y, [1, 'm']);
  checkB(fn, b);
  const m = X.shape[1] as number;
  const out = tf.tidy(() => {
    const Z = tf.matMul(w, X, true, false).add(toScalar(b));
    const A = tf.sigmoid(Z);
    // From Z, not from A: in float32, log(1 - A) loses digits once A is near 1.
    const cost = binaryCrossEntropyWithLogits(Z, Y);
    const dZ = A.sub(Y);
    return {
      dw: tf.matMul(X, dZ, false, true).div(m) as tf.Tensor2D,
      db: dZ.sum().div(m) as tf.Scalar,
      cost,
    };
  });
  const cost = out.cost.dataSync()[0] as number;
  out.cost.dispose();
  return { grads: { dw: out.dw, db: out.db }, cost };
}

/**
 * Gradient descent on logistic regression (the course's `optimize`): `numIterations` steps of
 * `w -= α dw`, `b -= α db`, recording the cost every 100 iterations.
 *
 * @param w - Initial weights, `[nX, 1]` (not disposed).
 * @param b - Initial bias.
 * @param X - Data, `[nX, m]`.
 * @param Y - Labels, `[1, m]`.
 * @param numIterations - Steps (default 100).
 * @param learningRate - `α` (default 0.009).
 * @param printCost - Report the cost every 100 iterations (see {@link PrintCost}).
 * @returns `{ params: { w, b }, grads: { dw, db }, costs }`: the final parameters, the gradients
 *   of the last step (new tensors) and the recorded costs.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { logistic } from '@dlkit/core';
 * const w = tf.tensor2d([[1], [2]]);
 * const X = tf.tensor2d([[1, 2, -1], [3, 4, -3.2]]);
 * const Y = tf.tensor2d([[1, 0, 1]]);
 * const { params, grads, costs } = logistic.optimize(w, 2, X, Y, 100, 0.009);
 * params.w.print(); // [[0.1903361], [0.1225915]] (course, float64: 0.19033591, 0.12259159)
 * console.log(costs); // [5.80154…]
 * tf.dispose([w, X, Y, params.w, params.b, grads.dw, grads.db]);
 * ```
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export function optimize(
  w: tf.Tensor,
  b: tf.Scalar | number,
  X: tf.Tensor,
  Y: tf.Tensor,
  numIterations = 100,
  learningRate = 0.009,
  printCost: PrintCost = false,
): OptimizeResult {
  const fn = 'optimize';
  checkTraining(fn, numIterations, learningRate, printCost);
  new ShapeChecker(fn)
    .checkFloat('w', w, ['nX', 1])
    .checkFloat('X', X, ['nX', 'm'])
    .checkFloat('Y', Y, [1, 'm']);
  checkB(fn, b);
  let cw = tf.clone(w) as tf.Tensor2D;
  let cb = typeof b === 'number' ? tf.scalar(b) : (tf.clone(b) as tf.Scalar);
  const costs: number[] = [];
  let grads: LogisticGradients | undefined;
  for (let i = 0; i < numIterations; i++) {
    if (grads !== undefined) tf.dispose([grads.dw, grads.db]);
    const step = propagate(cw, cb, X, Y);
    grads = step.grads;
    const g = grads;
    const [nw, nb] = tf.tidy(() => [
      cw.sub(g.dw.mul(learningRate)) as tf.Tensor2D,
      cb.sub(g.db.mul(learningRate)) as tf.Scalar,
    ]);
    tf.dispose([cw, cb]);
    cw = nw as tf.Tensor2D;
    cb = nb as tf.Scalar;
    if (i % 100 === 0) {
      costs.push(step.cost);
      report(printCost, i, step.cost);
    }
  }
  return { params: { w: cw, b: cb }, grads: grads as LogisticGradients, costs };
}

/**
 * Predicts labels with learned logistic regression (the course's `predict`): 1 where
 * `sigmoid(wᵀ X + b) > 0.5`, else 0.
 *
 * @param w - Weights, `[nX, 1]`.
 * @param b - Bias.
 * @param X - Data, `[nX, m]`.
 * @returns `YPrediction`, a new float32 tensor `[1, m]` of 0 and 1.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { logistic } from '@dlkit/core';
 * const w = tf.tensor2d([[0.1124579], [0.23106775]]);
 * const X = tf.tensor2d([[1, -1.1, -3.2], [1.2, 2, 0.1]]);
 * const p = logistic.predict(w, -0.3, X);
 * p.print(); // [[1, 1, 0]]
 * tf.dispose([w, X, p]);
 * ```
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export function predict(w: tf.Tensor, b: tf.Scalar | number, X: tf.Tensor): tf.Tensor2D {
  const fn = 'predict';
  new ShapeChecker(fn).checkFloat('w', w, ['nX', 1]).checkFloat('X', X, ['nX', 'm']);
  checkB(fn, b);
  return tf.tidy(() =>
    tf
      .sigmoid(tf.matMul(w, X, true, false).add(toScalar(b)))
      .greater(0.5)
      .toFloat(),
  ) as tf.Tensor2D;
}

function accuracyPercent(pred: tf.Tensor, Y: tf.Tensor): number {
  return tf.tidy(() => 100 - (pred.sub(Y).abs().mean().dataSync()[0] as number) * 100);
}

/**
 * The whole logistic-regression classifier (the course's `model`): initialise with zeros,
 * {@link optimize}, and {@link predict} on both sets.
 *
 * @param XTrain - Training data, `[nX, mTrain]`.
 * @param YTrain - Training labels, `[1, mTrain]`.
 * @param XTest - Test data, `[nX, mTest]`.
 * @param YTest - Test labels, `[1, mTest]`.
 * @param numIterations - Steps (default 2000).
 * @param learningRate - `α` (default 0.5).
 * @param printCost - Report the cost every 100 iterations, and print the accuracies when `true`.
 * @returns The course's dictionary `d`; its tensors are new and owned by the caller.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { logistic } from '@dlkit/core';
 * const X = tf.tensor2d([[-2, -1, 1, 2]]);
 * const Y = tf.tensor2d([[0, 0, 1, 1]]);
 * const d = logistic.model(X, Y, X, Y, 100, 0.5);
 * console.log(d.trainAccuracy); // 100
 * tf.dispose([X, Y, d.w, d.b, d.YPredictionTrain, d.YPredictionTest]);
 * ```
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export function model(
  XTrain: tf.Tensor,
  YTrain: tf.Tensor,
  XTest: tf.Tensor,
  YTest: tf.Tensor,
  numIterations = 2000,
  learningRate = 0.5,
  printCost: PrintCost = false,
): LogisticModelResult {
  const fn = 'model';
  const finite = { finite: true };
  new ShapeChecker(fn)
    .checkFloat('XTrain', XTrain, ['nX', 'mTrain'], finite)
    .checkFloat('YTrain', YTrain, [1, 'mTrain'], finite)
    .checkFloat('XTest', XTest, ['nX', 'mTest'], finite)
    .checkFloat('YTest', YTest, [1, 'mTest'], finite);
  checkTraining(fn, numIterations, learningRate, printCost);
  if (XTrain.shape[1] === 0) {
    throw new DlkitError('shape', fn, 'XTrain must hold at least one example', {
      argument: 'XTrain',
    });
  }
  const init = asCaller(fn, () => initializeWithZeros(XTrain.shape[0] as number));
  const { params, grads, costs } = asCaller(fn, () =>
    optimize(init.w, init.b, XTrain, YTrain, numIterations, learningRate, printCost),
  );
  tf.dispose([init.w, init.b, grads.dw, grads.db]);
  const YPredictionTest = predict(params.w, params.b, XTest);
  const YPredictionTrain = predict(params.w, params.b, XTrain);
  const trainAccuracy = accuracyPercent(YPredictionTrain, YTrain);
  const testAccuracy = accuracyPercent(YPredictionTest, YTest);
  if (printCost === true) {
    console.log(`train accuracy: ${trainAccuracy} %`);
    console.log(`test accuracy: ${testAccuracy} %`);
  }
  return {
    costs,
    YPredictionTest,
    YPredictionTrain,
    w: params.w,
    b: params.b,
    learningRate,
    numIterations,
    trainAccuracy,
    testAccuracy,
  };
}
