/**
 * Course 2 of the Deep Learning Specialization (Improving Deep Neural Networks): initialisation, regularisation, mini-batches, optimisers, batch norm, tuning.
 *
 * @packageDocumentation
 */
export { updateParametersWithGd } from './gradient-descent/update-parameters-with-gd.js';
export { initializeAdam, type AdamState } from './adam/initialize-adam.js';
export { updateParametersWithAdam, type AdamUpdate } from './adam/update-parameters-with-adam.js';
export { AdamOptimizer, adam, type NamedTensor } from './adam/adam-optimizer.js';

// --- Course 2 from scratch (b13-scratch): the notebooks' graded functions, and each notebook
// under its own namespace (`initialization.model`, `regularization.model`, …) so every notebook
// name exists unqualified inside it.

// C2 W1 · Initialization.
export {
  initializeParametersZeros,
  initializeParametersRandom,
  initializeParametersHe,
} from './init/initialize-parameters.js';
export * as initialization from './init/index.js';
export type { Initialization, InitializationModelResult } from './init/model.js';
export type { ThreeLayerCache, ThreeLayerForward } from './three-layer/three-layer.js';
export type { PredictResult } from './three-layer/network.js';

// C2 W1 · Regularization.
export {
  computeCostWithRegularization,
  backwardPropagationWithRegularization,
} from './regularization/l2.js';
export {
  forwardPropagationWithDropout,
  backwardPropagationWithDropout,
  type DropoutCache,
  type DropoutForward,
  type DropoutOptions,
} from './regularization/dropout.js';
export * as regularization from './regularization/index.js';
export type {
  RegularizationModelOptions,
  RegularizationModelResult,
} from './regularization/model.js';

// C2 W1 · Gradient checking.
export { gradientCheckN } from './gradient-checking/gradient-check-n.js';
export * as gradientChecking from './gradient-checking/index.js';
export type {
  BackwardPropagationNOptions,
  ForwardPropagationNResult,
} from './gradient-checking/gradient-check-n.js';

// C2 W2 · Mini-batches, momentum, RMSprop, AdamW, learning-rate decay.
export { randomMiniBatches, type MiniBatch } from './minibatch/random-mini-batches.js';
export { initializeVelocity } from './momentum/initialize-velocity.js';
export {
  updateParametersWithMomentum,
  type MomentumUpdate,
} from './momentum/update-parameters-with-momentum.js';
export { initializeRmsprop } from './rmsprop/initialize-rmsprop.js';
export {
  updateParametersWithRmsprop,
  type RmspropUpdate,
} from './rmsprop/update-parameters-with-rmsprop.js';
export { updateParametersWithAdamw } from './adamw/update-parameters-with-adamw.js';
export { updateLr, scheduleLrDecay } from './lr-decay/lr-decay.js';
export * as optimization from './optimization/index.js';
export type {
  OptimizerName,
  LrDecay,
  OptimizationModelOptions,
  OptimizationModelResult,
} from './optimization/model.js';

// C2 W3 · Batch normalization (from scratch, columns layout).
export {
  BATCHNORM_EPSILON,
  BATCHNORM_MOMENTUM,
  batchnormForward,
  batchnormBackward,
  batchnormInference,
  updateRunningAverages,
  type BatchnormCache,
  type BatchnormForwardResult,
  type BatchnormGradients,
  type BatchnormOptions,
  type RunningAverages,
} from './batchnorm/batchnorm.js';

// C2 W3 · TensorFlow introduction.
export * as framework from './framework/index.js';
export type { VariableParameters, FrameworkInitOptions } from './framework/network.js';
export type { FrameworkModelOptions, FrameworkModelResult } from './framework/model.js';
