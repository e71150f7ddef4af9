/**
 * Course 1, week 4: the L-layer network step by step and its application, under the course's
 * names (`deep.predict` is the course's `predict(X, y, parameters)`).
 *
 * @category C1 W4 · Deep neural network
 */
export {
  initializeParametersDeep,
  lModelForward,
  lModelBackward,
  disposeCaches,
  type InitScheme,
  type DeepInitOptions,
  type LModelOptions,
  type LModelBackwardOptions,
  type LModelForwardResult,
} from './l-model.js';
export {
  twoLayerModel,
  lLayerModel,
  predict,
  type DeepModelResult,
  type DeepPredictResult,
} from './models.js';
export { linearForward, linearBackward } from '../dense/linear.js';
export { linearActivationForward, linearActivationBackward } from '../dense/linear-activation.js';
export { initializeParameters } from '../shallow/shallow-network.js';
export { computeCost } from '../losses/binary-cross-entropy.js';
export { updateParameters } from '../dense/update-parameters.js';
