import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  assertNumber,
  type Gradients,
  type Parameters,
  type PrintCost,
} from '@dlkit/core';
import { updateParametersWithAdam } from '../adam/update-parameters-with-adam.js';
import { initializeAdam } from '../adam/initialize-adam.js';
import { updateParametersWithGd } from '../gradient-descent/update-parameters-with-gd.js';
import { initializeParametersHe } from '../init/initialize-parameters.js';
import { checkBeta, checkLayersDims, checkLearningRate, checkOptions } from '../internal/checks.js';
import { isPrintCost, report } from '../internal/progress.js';
import { randomMiniBatches } from '../minibatch/random-mini-batches.js';
import { initializeVelocity } from '../momentum/initialize-velocity.js';
import { updateParametersWithMomentum } from '../momentum/update-parameters-with-momentum.js';
import { initializeRmsprop } from '../rmsprop/initialize-rmsprop.js';
import { updateParametersWithRmsprop } from '../rmsprop/update-parameters-with-rmsprop.js';
import { checkData, threeLayerBackward, threeLayerForward } from '../three-layer/three-layer.js';
import { summedCost } from './compute-cost.js';

/**
 * The update rules the optimisation notebook's {@link model} can train with (`'rmsprop'` is
 * dlkit's addition; its `β` is the `beta2` argument).
 *
 * @category C2 W2 · Optimization algorithms
 */
export type OptimizerName = 'gd' | 'momentum' | 'rmsprop' | 'adam';

/**
 * A learning-rate decay as the notebook passes it: `updateLr` or `scheduleLrDecay`
 * (`(learningRate0, epochNum, decayRate) => learningRate`).
 *
 * @category C2 W2 · Learning rate decay
 */
export type LrDecay = (learningRate0: number, epochNum: number, decayRate: number) => number;

/**
 * Options of the optimisation notebook's {@link model} beyond the notebook's arguments.
 *
 * @category C2 W2 · Optimization algorithms
 */
export interface OptimizationModelOptions {
  /** The first shuffling seed minus 1 (default 10, the notebook's: epoch `i` shuffles with `seed + i + 1`). */
  seed?: number;
}

/**
 * What the optimisation notebook's {@link model} returns.
 *
 * @category C2 W2 · Optimization algorithms
 */
export interface OptimizationModelResult {
  /** `{ W1, b1, W2, b2, W3, b3 }` (new tensors the caller owns). */
  parameters: Parameters;
  /** The epoch's average cost every 100 epochs (epochs 0, 100, …), as the notebook plots it. */
  costs: number[];
  /** The learning rate each epoch used (constant without `decay`). */
  learningRates: number[];
}

type State = { v: Gradients; s: Gradients };

function step(
  optimizer: OptimizerName,
  parameters: Parameters,
  grads: Gradients,
  state: State,
  t: number,
  hp: { learningRate: number; beta: number; beta1: number; beta2: number; epsilon: number },
): { parameters: Parameters; state: State } {
  switch (optimizer) {
    case 'gd':
      return { parameters: updateParametersWithGd(parameters, grads, hp.learningRate), state };
    case 'momentum': {
      const r = updateParametersWithMomentum(parameters, grads, state.v, hp.beta, hp.learningRate);
      return { parameters: r.parameters, state: { v: r.v, s: state.s } };
    }
    case 'rmsprop': {
      const r = updateParametersWithRmsprop(
        parameters,
        grads,
        state.s,
        hp.beta2,
        hp.learningRate,
        hp.epsilon,
      );
      return { parameters: r.parameters, state: { v: state.v, s: r.s } };
    }
    case 'adam': {
      const r = updateParametersWithAdam(
        parameters,
        grads,
        state.v,
        state.s,
        t,
        hp.learningRate,
        hp.beta1,
        hp.beta2,
        hp.epsilon,
      );
      tf.dispose([r.vCorrected, r.sCorrected]);
      return { parameters: r.parameters, state: { v: r.v, s: r.s } };
    }
  }
}

function initialState(optimizer: OptimizerName, parameters: Parameters): State {
  if (optimizer === 'momentum') return { v: initializeVelocity(parameters), s: {} };
  if (optimizer === 'rmsprop') return { v: {}, s: initializeRmsprop(parameters) };
  if (optimizer === 'adam') return initializeAdam(parameters);
  return { v: {}, s: {} };
}

function checkModelArguments(
  fn: string,
  layersDims: unknown,
  optimizer: unknown,
  numbers: Record<string, unknown>,
  printCost: unknown,
  decay: unknown,
): void {
  const dims = checkLayersDims(fn, layersDims);
  if (dims.length !== 4 || dims[3] !== 1) {
    throw new DlkitError(
      'value',
      fn,
      `layersDims must be [nX, n1, n2, 1] (three layers), got [${dims.join(', ')}]`,
      {
        argument: 'layersDims',
      },
    );
  }
  if (!['gd', 'momentum', 'rmsprop', 'adam'].includes(optimizer as string)) {
    throw new DlkitError(
      'value',
      fn,
      `optimizer must be 'gd', 'momentum', 'rmsprop' or 'adam', got ${String(optimizer)}`,
      { argument: 'optimizer' },
    );
  }
  checkLearningRate(fn, numbers['learningRate']);
  assertNumber(fn, 'miniBatchSize', numbers['miniBatchSize'], { integer: true, min: 1, max: 1e9 });
  for (const b of ['beta', 'beta1', 'beta2']) checkBeta(fn, b, numbers[b]);
  assertNumber(fn, 'epsilon', numbers['epsilon'], { min: 0 });
  assertNumber(fn, 'numEpochs', numbers['numEpochs'], { integer: true, min: 0, max: 1e8 });
  assertNumber(fn, 'decayRate', numbers['decayRate'], { min: 0 });
  if (!isPrintCost(printCost)) {
    throw new DlkitError('value', fn, 'printCost must be a boolean or a function', {
      argument: 'printCost',
    });
  }
  if (decay !== undefined && decay !== null && typeof decay !== 'function') {
    throw new DlkitError('value', fn, 'decay must be a function such as updateLr, or undefined', {
      argument: 'decay',
    });
  }
}

/**
 * The optimisation notebook's `model`: the three-layer network `layersDims` (He initialisation,
 * seed 3) trained by mini-batch gradient descent, momentum, RMSprop or Adam, optionally with a
 * learning-rate decay applied once per epoch. Epoch `i` shuffles with seed `11 + i`
 * ({@link randomMiniBatches}), and Adam's `t` counts mini-batch steps, as in the notebook.
 *
 * @param X - Inputs, `[nX, m]`, float32.
 * @param Y - Labels 0/1, `[1, m]`, float32.
 * @param layersDims - `[nX, n1, n2, 1]` (the notebook uses `[2, 5, 2, 1]`).
 * @param optimizer - `'gd'`, `'momentum'`, `'rmsprop'` or `'adam'`.
 * @param learningRate - `α0` (default 0.0007).
 * @param miniBatchSize - Default 64.
 * @param beta - Momentum's `β` (default 0.9).
 * @param beta1 - Adam's `β1` (default 0.9).
 * @param beta2 - Adam's (and RMSprop's) `β2` (default 0.999).
 * @param epsilon - Adam's and RMSprop's `ε` (default `1e-8`).
 * @param numEpochs - Default 5000.
 * @param printCost - `true` prints every 1000 epochs (as the notebook), a function receives
 *   `(epoch, cost)` every 100, `false` (default) is silent.
 * @param decay - `updateLr`, `scheduleLrDecay` or any `(α0, epoch, decayRate) => α`; none by default.
 * @param decayRate - Passed to `decay` (default 1).
 * @param options - `seed` (see {@link OptimizationModelOptions}).
 * @returns `{ parameters, costs, learningRates }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { optimization, updateLr } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1, 0.5, -0.5], [0.5, 2, -1, 0]]);
 * const Y = tf.tensor2d([[1, 0, 1, 0]]);
 * const r = optimization.model(X, Y, [2, 5, 2, 1], 'adam', 0.01, 2, 0.9, 0.9, 0.999, 1e-8, 3, false, updateLr, 1);
 * console.log(r.learningRates); // [0.01, 0.005, 0.00333…]
 * tf.dispose([X, Y, r.parameters]);
 * ```
 *
 * @see the guide page `docs/optimizers/minibatch.md`
 * @category C2 W2 · Optimization algorithms
 */
export function model(
  X: tf.Tensor,
  Y: tf.Tensor,
  layersDims: readonly number[],
  optimizer: OptimizerName,
  learningRate = 0.0007,
  miniBatchSize = 64,
  beta = 0.9,
  beta1 = 0.9,
  beta2 = 0.999,
  epsilon = 1e-8,
  numEpochs = 5000,
  printCost: PrintCost = false,
  decay?: LrDecay,
  decayRate = 1,
  options: OptimizationModelOptions = {},
): OptimizationModelResult {
  const fn = 'model';
  checkModelArguments(
    fn,
    layersDims,
    optimizer,
    { learningRate, miniBatchSize, beta, beta1, beta2, epsilon, numEpochs, decayRate },
    printCost,
    decay,
  );
  const { seed: seed0 = 10 } = checkOptions<OptimizationModelOptions>(fn, options, ['seed']);
  assertNumber(fn, 'options.seed', seed0, { integer: true, min: 0, max: 2 ** 32 - 1 - 1e8 });
  const nX = checkData(fn, X, Y);
  if (layersDims[0] !== nX) {
    throw new DlkitError(
      'value',
      fn,
      `layersDims[0] must equal nX = ${nX} (from X), got ${layersDims[0]}`,
      {
        argument: 'layersDims',
      },
    );
  }
  let parameters = initializeParametersHe(layersDims);
  let state = initialState(optimizer, parameters);
  const m = X.shape[1] as number;
  const costs: number[] = [];
  const learningRates: number[] = [];
  let t = 0;
  let lr = learningRate;
  let seed = seed0;
  for (let i = 0; i < numEpochs; i++) {
    seed += 1;
    learningRates.push(lr);
    const batches = randomMiniBatches(X, Y, miniBatchSize, seed);
    let total = tf.scalar(0);
    for (const { miniBatchX, miniBatchY } of batches) {
      t += 1;
      const current = parameters;
      const old = state;
      const out = tf.tidy(() => {
        const { A3, cache } = threeLayerForward(miniBatchX, current);
        const cost = tf.add(total, summedCost(A3, miniBatchY)) as tf.Scalar;
        const grads = threeLayerBackward(miniBatchX, miniBatchY, cache);
        const hp = { learningRate: lr, beta, beta1, beta2, epsilon };
        return { ...step(optimizer, current, grads, old, t, hp), cost };
      });
      tf.dispose([total, current, old.v, old.s, miniBatchX, miniBatchY]);
      ({ parameters, state } = out);
      total = out.cost;
    }
    if (i % 100 === 0) {
      const costAvg = (total.dataSync()[0] as number) / m;
      costs.push(costAvg);
      if (typeof printCost === 'function' || i % 1000 === 0) report(printCost, i, costAvg, 'epoch');
    }
    total.dispose();
    if (typeof decay === 'function') {
      lr = decay(learningRate, i, decayRate);
      checkLearningRate(fn, lr, 'the decayed learning rate');
    }
  }
  tf.dispose([state.v, state.s]);
  return { parameters, costs, learningRates };
}
