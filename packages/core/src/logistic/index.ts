/**
 * Course 1, week 2: logistic regression as a one-neuron network, under the course's names.
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export {
  initializeWithZeros,
  propagate,
  optimize,
  predict,
  model,
  type LogisticParameters,
  type LogisticGradients,
  type LogisticModelResult,
  type PropagateResult,
  type OptimizeResult,
} from './logistic-regression.js';
export type { PrintCost } from './progress.js';
