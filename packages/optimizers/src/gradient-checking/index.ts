/**
 * Course 2, week 1, the gradient-checking notebook under its own names: the 1-D
 * `gradientChecking.forwardPropagation`, `backwardPropagation` and `gradientCheck`, and the
 * network's `forwardPropagationN`, `backwardPropagationN` and `gradientCheckN`.
 *
 * @category C2 W1 · Gradient checking
 */
export { forwardPropagation, backwardPropagation, gradientCheck } from './one-dimensional.js';
export {
  forwardPropagationN,
  backwardPropagationN,
  gradientCheckN,
  type BackwardPropagationNOptions,
} from './gradient-check-n.js';
