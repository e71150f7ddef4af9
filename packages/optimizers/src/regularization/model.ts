import type * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  RandomState,
  assertNumber,
  binaryCrossEntropy,
  type Parameters,
  type PrintCost,
} from '@dlkit/core';
import { checkKeepProb, checkOptions, toRandomState } from '../internal/checks.js';
import { isPrintCost, report } from '../internal/progress.js';
import { checkData, threeLayerBackward, threeLayerForward } from '../three-layer/three-layer.js';
import { trainStep } from '../three-layer/train.js';
import { dropoutForward, type DropoutCache } from './dropout.js';
import { initializeParameters } from './initialize-parameters.js';
import { regularizedCost } from './l2.js';

/**
 * Options of the regularisation notebook's {@link model}.
 *
 * @category C2 W1 · Regularization
 */
export interface RegularizationModelOptions {
  /**
   * Where dropout masks come from. Default 1: the notebook's `forward_propagation_with_dropout`
   * calls `np.random.seed(1)`, so every iteration uses the same masks; pass a `RandomState` to
   * draw fresh masks each iteration (the usual dropout).
   */
  maskSeed?: number | RandomState;
}

/**
 * What the regularisation notebook's {@link model} returns.
 *
 * @category C2 W1 · Regularization
 */
export interface RegularizationModelResult {
  /** `{ W1, b1, W2, b2, W3, b3 }` (new tensors the caller owns). */
  parameters: Parameters;
  /** The cost every 1000 iterations, as the notebook plots it. */
  costs: number[];
}

/**
 * The regularisation notebook's `model`: the three-layer network `[nX, 20, 3, 1]` trained by batch
 * gradient descent with no regularisation, with L2 (`lambd > 0`) or with inverted dropout
 * (`keepProb < 1`); like the notebook, not both at once.
 *
 * @param X - Inputs, `[nX, m]`, float32.
 * @param Y - Labels 0/1, `[1, m]`, float32.
 * @param learningRate - `α` (default 0.3).
 * @param numIterations - Gradient steps (default 30000).
 * @param printCost - `true` prints every 10000 iterations (as the notebook), a function receives
 *   `(iteration, cost)` every 1000, `false` (default) is silent.
 * @param lambd - The L2 `λ` (default 0: none).
 * @param keepProb - Dropout's keep probability in (0, 1] (default 1: none).
 * @param options - `maskSeed` (see {@link RegularizationModelOptions}).
 * @returns `{ parameters, costs }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { regularization } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1, 0.5, -0.5], [0.5, 2, -1, 0]]);
 * const Y = tf.tensor2d([[1, 0, 1, 0]]);
 * const { parameters, costs } = regularization.model(X, Y, 0.3, 1001, false, 0.7);
 * console.log(costs.length); // 2
 * tf.dispose([X, Y, parameters]);
 * ```
 *
 * @see the guide page `docs/optimizers/regularization.md`
 * @category C2 W1 · Regularization
 */
export function model(
  X: tf.Tensor,
  Y: tf.Tensor,
  learningRate = 0.3,
  numIterations = 30000,
  printCost: PrintCost = false,
  lambd = 0,
  keepProb = 1,
  options: RegularizationModelOptions = {},
): RegularizationModelResult {
  const fn = 'model';
  assertNumber(fn, 'learningRate', learningRate, { min: 0, minExclusive: true });
  assertNumber(fn, 'numIterations', numIterations, { integer: true, min: 0, max: 1e8 });
  if (!isPrintCost(printCost)) {
    throw new DlkitError('value', fn, 'printCost must be a boolean or a function', {
      argument: 'printCost',
    });
  }
  assertNumber(fn, 'lambd', lambd, { min: 0 });
  checkKeepProb(fn, keepProb);
  if (lambd !== 0 && keepProb < 1) {
    throw new DlkitError('value', fn, 'use L2 (lambd > 0) or dropout (keepProb < 1), not both', {
      argument: 'keepProb',
    });
  }
  const { maskSeed = 1 } = checkOptions<RegularizationModelOptions>(fn, options, ['maskSeed']);
  const rng = maskSeed instanceof RandomState ? maskSeed : undefined;
  if (rng === undefined) toRandomState(fn, maskSeed, 'options.maskSeed');
  const nX = checkData(fn, X, Y);
  let parameters = initializeParameters([nX, 20, 3, 1]);
  const dropout = keepProb < 1;
  const costs: number[] = [];
  for (let i = 0; i < numIterations; i++) {
    const record = i % 1000 === 0;
    const step = trainStep(
      fn,
      parameters,
      learningRate,
      (p) =>
        dropout
          ? dropoutForward(X, p, keepProb, rng ?? new RandomState(maskSeed as number))
          : threeLayerForward(X, p),
      (A3, p) => (lambd === 0 ? binaryCrossEntropy(A3, Y) : regularizedCost(A3, Y, p, lambd)),
      (cache) =>
        threeLayerBackward(X, Y, cache, {
          lambd,
          ...(dropout ? { dropout: { ...(cache as DropoutCache), keepProb } } : {}),
        }),
      record,
    );
    parameters = step.parameters;
    if (record) {
      costs.push(step.cost);
      if (typeof printCost === 'function' || i % 10000 === 0) report(printCost, i, step.cost);
    }
  }
  return { parameters, costs };
}
