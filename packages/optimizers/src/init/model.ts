import type * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber, type Parameters, type PrintCost } from '@dlkit/core';
import { isPrintCost, report } from '../internal/progress.js';
import { checkData, threeLayerBackward, threeLayerForward } from '../three-layer/three-layer.js';
import { meanCrossEntropy, trainStep } from '../three-layer/train.js';
import {
  initializeParametersHe,
  initializeParametersRandom,
  initializeParametersZeros,
} from './initialize-parameters.js';

/**
 * The initialisation notebook's three schemes: `'zeros'`, `'random'` (×10) and `'he'`.
 *
 * @category C2 W1 · Initialization
 */
export type Initialization = 'zeros' | 'random' | 'he';

/**
 * What the initialisation notebook's `model` returns: the trained parameters, and the cost every
 * 1000 iterations that the notebook plots.
 *
 * @category C2 W1 · Initialization
 */
export interface InitializationModelResult {
  /** `{ W1, b1, W2, b2, W3, b3 }` (new tensors the caller owns). */
  parameters: Parameters;
  /** The cost at iterations 0, 1000, 2000, …. */
  costs: number[];
}

const INITIALIZERS: Record<Initialization, (dims: number[]) => Parameters> = {
  zeros: initializeParametersZeros,
  random: initializeParametersRandom,
  he: initializeParametersHe,
};

/**
 * The initialisation notebook's `model`: a three-layer network `[nX, 10, 5, 1]` (LINEAR → RELU →
 * LINEAR → RELU → LINEAR → SIGMOID) trained by batch gradient descent from the chosen
 * initialisation. Zeros never break symmetry (the cost stays at `ln 2`); ×10 random weights start
 * with a huge cost and learn slowly; He trains well.
 *
 * @param X - Inputs, `[nX, m]` (examples in columns), float32.
 * @param Y - Labels 0/1, `[1, m]`, float32.
 * @param learningRate - `α` (default 0.01, the notebook's).
 * @param numIterations - Gradient steps (default 15000, the notebook's).
 * @param printCost - `true` prints the cost every 1000 iterations, a function receives
 *   `(iteration, cost)` there, `false` (default) is silent.
 * @param initialization - `'he'` (default), `'random'` or `'zeros'`.
 * @returns `{ parameters, costs }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initialization } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1, 0.5, -0.5], [0.5, 2, -1, 0]]);
 * const Y = tf.tensor2d([[1, 0, 1, 0]]);
 * const { parameters, costs } = initialization.model(X, Y, 0.01, 2000, false, 'zeros');
 * console.log(costs); // [0.6931…, 0.6931…]: zeros never break symmetry
 * tf.dispose([X, Y, parameters]);
 * ```
 *
 * @see the guide page `docs/optimizers/initialization.md`
 * @category C2 W1 · Initialization
 */
export function model(
  X: tf.Tensor,
  Y: tf.Tensor,
  learningRate = 0.01,
  numIterations = 15000,
  printCost: PrintCost = false,
  initialization: Initialization = 'he',
): InitializationModelResult {
  const fn = 'model';
  assertNumber(fn, 'learningRate', learningRate, { min: 0, minExclusive: true });
  assertNumber(fn, 'numIterations', numIterations, { integer: true, min: 0, max: 1e8 });
  if (!isPrintCost(printCost)) {
    throw new DlkitError('value', fn, 'printCost must be a boolean or a function', {
      argument: 'printCost',
    });
  }
  if (!Object.hasOwn(INITIALIZERS, initialization as string)) {
    throw new DlkitError(
      'value',
      fn,
      `initialization must be 'zeros', 'random' or 'he', got ${String(initialization)}`,
      { argument: 'initialization' },
    );
  }
  const nX = checkData(fn, X, Y);
  let parameters = INITIALIZERS[initialization]([nX, 10, 5, 1]);
  const costs: number[] = [];
  for (let i = 0; i < numIterations; i++) {
    const step = trainStep(
      fn,
      parameters,
      learningRate,
      (p) => threeLayerForward(X, p),
      meanCrossEntropy(Y),
      (cache) => threeLayerBackward(X, Y, cache),
      i % 1000 === 0,
    );
    parameters = step.parameters;
    if (i % 1000 === 0) {
      costs.push(step.cost);
      report(printCost, i, step.cost);
    }
  }
  return { parameters, costs };
}
