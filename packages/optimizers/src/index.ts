/**
 * Course 2 of the Deep Learning Specialization (Improving Deep Neural Networks): initialisation, regularisation, mini-batches, optimisers, batch norm, tuning.
 *
 * @packageDocumentation
 */
export { updateParametersWithGd } from './gradient-descent/update-parameters-with-gd.js';
export { initializeAdam, type AdamState } from './adam/initialize-adam.js';
export { updateParametersWithAdam, type AdamUpdate } from './adam/update-parameters-with-adam.js';
export { AdamOptimizer, adam } from './adam/adam-optimizer.js';

// Week 2, production: tfjs optimizers (momentum, RMSprop, AdamW on the shared slot machinery),
// gradient clipping, learning-rate schedules and the callback that applies them.
export {
  SlotOptimizer,
  type NamedTensor,
  type SlotUpdate,
  type SlotOptimizerInit,
} from './slots/slot-optimizer.js';
export {
  MomentumOptimizer,
  type MomentumForm,
  type MomentumOptions,
} from './momentum/momentum-optimizer.js';
export { RmspropOptimizer } from './rmsprop/rmsprop-optimizer.js';
export { AdamWOptimizer } from './adamw/adamw-optimizer.js';
export type { ClipOptions } from './clipping/clip-options.js';
export {
  clipGradientsByValue,
  clipGradientsByGlobalNorm,
  type GlobalNormClipResult,
} from './clipping/clip-gradients.js';
export type { LearningRateSchedule, StaircaseOptions } from './schedules/learning-rate-schedule.js';
export { exponentialDecay } from './schedules/exponential-decay.js';
export { inverseTimeDecay } from './schedules/inverse-time-decay.js';
export { stepDecay } from './schedules/step-decay.js';
export { cosineDecayWithWarmup, type CosineDecayOptions } from './schedules/cosine-decay.js';
export { applySchedule, type SchedulableOptimizer } from './schedules/set-learning-rate.js';
export {
  LearningRateScheduler,
  learningRateScheduler,
  type LearningRateSchedulerOptions,
} from './schedules/learning-rate-scheduler.js';

// Week 3, hyperparameter tuning: search spaces on the right scales, random search, coarse to fine,
// a seeded resumable trial runner, results sorted by a metric.
export {
  uniform,
  logUniform,
  oneMinusLogUniform,
  intUniform,
  choice,
  type Hyperparameter,
  type RangeHyperparameter,
  type ChoiceHyperparameter,
  type SearchSpace,
  type TrialConfig,
} from './tuning/search-space.js';
export { sampleSearchSpace } from './tuning/sample-search-space.js';
export { refineSearchSpace, type RefineOptions } from './tuning/refine-search-space.js';
export type { TrialRecord, RankOptions } from './tuning/trial-record.js';
export {
  runTrials,
  type Objective,
  type TrialContext,
  type RunTrialsOptions,
} from './tuning/run-trials.js';
export {
  randomSearch,
  coarseToFine,
  type RandomSearchOptions,
  type CoarseToFineOptions,
  type CoarseToFineResult,
} from './tuning/searches.js';
export { resultsTable, resultsJson } from './tuning/results-table.js';

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
