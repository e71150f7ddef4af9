/**
 * Course 2, week 1, the regularisation notebook under its own names: `regularization.model`,
 * `regularization.initializeParameters`, `regularization.forwardPropagation`, … next to the graded
 * `computeCostWithRegularization`, `backwardPropagationWithRegularization`,
 * `forwardPropagationWithDropout` and `backwardPropagationWithDropout`.
 *
 * @category C2 W1 · Regularization
 */
export { computeCostWithRegularization, backwardPropagationWithRegularization } from './l2.js';
export {
  forwardPropagationWithDropout,
  backwardPropagationWithDropout,
  type DropoutCache,
  type DropoutOptions,
} from './dropout.js';
export { model, type RegularizationModelOptions, type RegularizationModelResult } from './model.js';
export { initializeParameters } from './initialize-parameters.js';
export {
  forwardPropagation,
  backwardPropagation,
  computeLoss as computeCost,
  predict,
} from '../three-layer/network.js';
