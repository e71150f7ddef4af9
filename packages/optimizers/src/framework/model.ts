import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, assertDtype, assertNumber, type PrintCost } from '@dlkit/core';
import { checkLearningRate, checkOptions, checkTensor } from '../internal/checks.js';
import { isPrintCost, report } from '../internal/progress.js';
import { initializeParameters, logitsOf, totalLoss, type VariableParameters } from './network.js';

/**
 * Options of the framework notebook's {@link model}.
 *
 * @category C2 W3 · TensorFlow introduction
 */
export interface FrameworkModelOptions {
  /** Hidden sizes `[n1, n2]` (default `[25, 12]`, the notebook's). */
  hidden?: readonly [number, number];
  /** The initialisation seed (default 1). */
  seed?: number;
}

/**
 * What the framework notebook's {@link model} returns: its `(parameters, costs, train_acc, test_acc)`.
 *
 * @category C2 W3 · TensorFlow introduction
 */
export interface FrameworkModelResult {
  /** The trained `{ W1, b1, W2, b2, W3, b3 }` variables (the caller disposes them). */
  parameters: VariableParameters;
  /** The epoch's loss per example every 10 epochs (epochs 0, 10, …). */
  costs: number[];
  /** The training accuracy over each recorded epoch's mini-batches, in [0, 1]. */
  trainAcc: number[];
  /** The test accuracy after each recorded epoch, in [0, 1]. */
  testAcc: number[];
}

function checkSplit(
  fn: string,
  shapes: ShapeChecker,
  X: unknown,
  Y: unknown,
  m: string,
  names: [string, string],
): void {
  const x = checkTensor(fn, names[0], X);
  const y = checkTensor(fn, names[1], Y);
  assertDtype(fn, names[0], x, ['float32']);
  assertDtype(fn, names[1], y, ['float32']);
  shapes.check(names[0], x, ['nX', m]).check(names[1], y, ['nY', m]);
}

/** Correct predictions (argmax over the classes, axis 0) in a batch, unchecked. */
function correct(logits: tf.Tensor, labels: tf.Tensor): number {
  return tf.tidy(
    () =>
      tf
        .sum(tf.cast(tf.equal(tf.argMax(logits, 0), tf.argMax(labels, 0)), 'float32'))
        .dataSync()[0] as number,
  );
}

/** The batches `[start, size]` of `m` columns in order, as `dataset.batch(size)`. */
function batchRanges(m: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; s < m; s += size) out.push([s, Math.min(size, m - s)]);
  return out;
}

/**
 * The framework notebook's `model`: the three-layer network LINEAR → RELU → LINEAR → RELU →
 * LINEAR → SOFTMAX trained with the framework doing the calculus: `tf.variable`s, the summed loss
 * of {@link computeTotalLoss}, gradients by autodiff and `tf.train.adam` on mini-batches taken in
 * order (the notebook's `dataset.batch(minibatch_size)`, no shuffling). Every 10 epochs it records
 * the cost per example and the train and test accuracy.
 *
 * @param XTrain - Training inputs, `[nX, m]` (flattened images in columns), float32.
 * @param YTrain - One-hot training labels, `[nY, m]`.
 * @param XTest - Test inputs, `[nX, mTest]`.
 * @param YTest - One-hot test labels, `[nY, mTest]`.
 * @param learningRate - Adam's `α` (default 0.0001, the notebook's).
 * @param numEpochs - Default 1500.
 * @param minibatchSize - Default 32.
 * @param printCost - `true` prints every 10 epochs, a function receives `(epoch, cost)`, `false`
 *   (default) is silent.
 * @param options - `hidden` sizes and `seed`.
 * @returns `{ parameters, costs, trainAcc, testAcc }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { framework } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, 0, 1, 0], [0, 1, 0, 1]]);
 * const labels = tf.tensor1d([0, 1, 0, 1], 'int32');
 * const Y = framework.oneHotMatrix(labels, 2);
 * const r = framework.model(X, Y, X, Y, 0.05, 11, 2);
 * console.log(r.costs.length, r.trainAcc.length); // 2 2
 * tf.dispose([X, labels, Y, ...Object.values(r.parameters)]);
 * ```
 *
 * @see the guide page `docs/optimizers/framework.md`
 * @category C2 W3 · TensorFlow introduction
 */
export function model(
  XTrain: tf.Tensor,
  YTrain: tf.Tensor,
  XTest: tf.Tensor,
  YTest: tf.Tensor,
  learningRate = 0.0001,
  numEpochs = 1500,
  minibatchSize = 32,
  printCost: PrintCost = false,
  options: FrameworkModelOptions = {},
): FrameworkModelResult {
  const fn = 'model';
  const shapes = new ShapeChecker(fn);
  checkSplit(fn, shapes, XTrain, YTrain, 'm', ['XTrain', 'YTrain']);
  checkSplit(fn, shapes, XTest, YTest, 'mTest', ['XTest', 'YTest']);
  checkLearningRate(fn, learningRate);
  assertNumber(fn, 'numEpochs', numEpochs, { integer: true, min: 0, max: 1e8 });
  assertNumber(fn, 'minibatchSize', minibatchSize, { integer: true, min: 1, max: 1e9 });
  if (!isPrintCost(printCost)) {
    throw new DlkitError('value', fn, 'printCost must be a boolean or a function', {
      argument: 'printCost',
    });
  }
  const { hidden = [25, 12], seed = 1 } = checkOptions<FrameworkModelOptions>(fn, options, [
    'hidden',
    'seed',
  ]);
  if (!Array.isArray(hidden) || hidden.length !== 2) {
    throw new DlkitError('value', fn, 'options.hidden must be [n1, n2]', { argument: 'options' });
  }
  const parameters = initializeParameters({
    layerDims: [shapes.dim('nX'), hidden[0], hidden[1], shapes.dim('nY')],
    seed,
  });
  const variables = Object.values(parameters);
  const optimizer = tf.train.adam(learningRate);
  const m = shapes.dim('m');
  const train = batchRanges(m, minibatchSize);
  const test = batchRanges(shapes.dim('mTest'), minibatchSize);
  const result: FrameworkModelResult = { parameters, costs: [], trainAcc: [], testAcc: [] };
  try {
    for (let epoch = 0; epoch < numEpochs; epoch++) {
      const record = epoch % 10 === 0;
      let total = 0;
      let right = 0;
      for (const [start, size] of train) {
        const [x, y] = [
          tf.slice(XTrain, [0, start], [-1, size]),
          tf.slice(YTrain, [0, start], [-1, size]),
        ];
        const loss = optimizer.minimize(
          () => {
            const Z3 = logitsOf(x, parameters);
            if (record) right += correct(Z3, y);
            return totalLoss(Z3, y);
          },
          true,
          variables,
        );
        total += loss!.dataSync()[0] as number;
        tf.dispose([loss!, x, y]);
      }
      if (!record) continue;
      const cost = total / m;
      result.costs.push(cost);
      result.trainAcc.push(right / m);
      let testRight = 0;
      for (const [start, size] of test) {
        testRight += tf.tidy(() =>
          correct(
            logitsOf(tf.slice(XTest, [0, start], [-1, size]), parameters),
            tf.slice(YTest, [0, start], [-1, size]),
          ),
        );
      }
      result.testAcc.push(testRight / shapes.dim('mTest'));
      report(printCost, epoch, cost, 'epoch');
    }
  } finally {
    optimizer.dispose();
  }
  return result;
}
