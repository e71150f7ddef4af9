/**
 * Course 2, week 2, the optimisation notebook under its own names: `optimization.model`,
 * `optimization.initializeParameters` (He, seed 3), `optimization.computeCost` (summed over the
 * batch), `optimization.forwardPropagation`, … next to the graded `randomMiniBatches`,
 * `initializeVelocity`, `updateParametersWithMomentum`, `updateLr` and `scheduleLrDecay`.
 *
 * @category C2 W2 · Optimization algorithms
 */
export {
  model,
  type OptimizerName,
  type LrDecay,
  type OptimizationModelOptions,
  type OptimizationModelResult,
} from './model.js';
export { computeCost } from './compute-cost.js';
export { initializeParametersHe as initializeParameters } from '../init/initialize-parameters.js';
export { forwardPropagation, backwardPropagation, predict } from '../three-layer/network.js';
export { updateParametersWithGd } from '../gradient-descent/update-parameters-with-gd.js';
export { randomMiniBatches } from '../minibatch/random-mini-batches.js';
export { initializeVelocity } from '../momentum/initialize-velocity.js';
export { updateParametersWithMomentum } from '../momentum/update-parameters-with-momentum.js';
export { initializeAdam } from '../adam/initialize-adam.js';
export { updateParametersWithAdam } from '../adam/update-parameters-with-adam.js';
export { updateLr, scheduleLrDecay } from '../lr-decay/lr-decay.js';
