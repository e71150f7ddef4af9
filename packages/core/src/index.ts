/**
 * `@dlkit/core`: course 1 of the Deep Learning Specialization (Neural Networks and Deep Learning)
 * and the tensor basics every dlkit package shares: one error type, shape and value checks, and a
 * NumPy-compatible seeded random generator.
 *
 * @packageDocumentation
 */
export { DlkitError, type DlkitErrorKind } from './tensor/errors.js';
export {
  ShapeChecker,
  assertShape,
  assertDtype,
  assertFinite,
  formatShape,
  type Dim,
} from './tensor/shapes.js';
export { assertNumber, type NumberBounds } from './tensor/values.js';
export { RandomState } from './tensor/random-state.js';
export { sigmoid, sigmoidBackward, type ActivationResult } from './activations/sigmoid.js';
export { relu, reluBackward } from './activations/relu.js';
export type { Parameters, Gradients } from './tensor/parameters.js';
