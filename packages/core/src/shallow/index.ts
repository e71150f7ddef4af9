/**
 * Course 1, week 3: a network with one tanh hidden layer, under the course's names.
 *
 * @category C1 W3 · Shallow neural network
 */
export {
  layerSizes,
  initializeParameters,
  forwardPropagation,
  backwardPropagation,
  nnModel,
  predict,
  type ShallowCache,
  type NnModelOptions,
  type ShallowForwardResult,
  type NnModelResult,
} from './shallow-network.js';
export { computeCost } from '../losses/binary-cross-entropy.js';
export { updateParameters } from '../dense/update-parameters.js';
