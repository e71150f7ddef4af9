/**
 * Course 2, week 1, the initialisation notebook under its own names: `initialization.model`,
 * `initialization.forwardPropagation`, `initialization.computeLoss`, … next to the graded
 * initialisers.
 *
 * @category C2 W1 · Initialization
 */
export {
  initializeParametersZeros,
  initializeParametersRandom,
  initializeParametersHe,
} from './initialize-parameters.js';
export { model, type Initialization, type InitializationModelResult } from './model.js';
export {
  forwardPropagation,
  backwardPropagation,
  computeLoss,
  predict,
} from '../three-layer/network.js';
