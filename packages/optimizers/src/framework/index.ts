/**
 * Course 2, week 3, the TensorFlow-introduction notebook under its own names:
 * `framework.linearFunction`, `framework.sigmoid`, `framework.oneHotMatrix`,
 * `framework.initializeParameters`, `framework.forwardPropagation`, `framework.computeTotalLoss`
 * and `framework.model`.
 *
 * @category C2 W3 · TensorFlow introduction
 */
export { linearFunction, sigmoid, oneHotMatrix } from './basics.js';
export {
  initializeParameters,
  forwardPropagation,
  computeTotalLoss,
  type VariableParameters,
  type FrameworkInitOptions,
} from './network.js';
export { model, type FrameworkModelOptions, type FrameworkModelResult } from './model.js';
