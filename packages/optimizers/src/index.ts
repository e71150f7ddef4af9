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
