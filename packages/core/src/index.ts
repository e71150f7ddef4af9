/**
 * `@dlkit/core`: course 1 of the Deep Learning Specialization (Neural Networks and Deep Learning)
 * and the tensor basics every dlkit package shares: one error type, shape and value checks, and a
 * NumPy-compatible seeded random generator.
 *
 * Each notebook's functions are also grouped under its course names: `basics` and `logistic`
 * (week 2), `shallow` (week 3) and `deep` (week 4), so `logistic.predict`, `shallow.predict` and
 * `deep.predict` can keep the course's name.
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
export {
  MAX_ELEMENTS,
  MAX_ITERATIONS,
  assertTensor,
  assertTensorRecord,
  assertOneOf,
  assertOptions,
  assertSize,
  assertShapeSize,
  assertString,
  describeValue,
  type TensorRequirements,
} from './tensor/arguments.js';
export { asCaller, asCallerAsync } from './tensor/caller.js';
export { RandomState } from './tensor/random-state.js';
export type { Parameters, Gradients } from './tensor/parameters.js';

// Activations.
export { sigmoid, sigmoidBackward, type ActivationResult } from './activations/sigmoid.js';
export { relu, reluBackward } from './activations/relu.js';
export { tanh, tanhBackward } from './activations/tanh.js';
export { leakyRelu, leakyReluBackward } from './activations/leaky-relu.js';
export { softmax, softmaxBackward } from './activations/softmax.js';

// Initializers.
export {
  initializeZeros,
  initializeRandom,
  initializeXavier,
  initializeHe,
  type SeedOrRng,
  type InitializerOptions,
  type RandomInitializerOptions,
  type XavierInitializerOptions,
} from './initializers/initializers.js';

// Losses.
export {
  PROBABILITY_EPSILON,
  binaryCrossEntropy,
  binaryCrossEntropyBackward,
  binaryCrossEntropyWithLogits,
  binaryCrossEntropyWithLogitsBackward,
  computeCost,
} from './losses/binary-cross-entropy.js';
export {
  categoricalCrossEntropy,
  categoricalCrossEntropyBackward,
  categoricalCrossEntropyWithLogits,
  categoricalCrossEntropyWithLogitsBackward,
} from './losses/categorical-cross-entropy.js';

// Dense layers: linear and activation, forward and backward, and the shared update.
export {
  linearForward,
  linearBackward,
  type LinearCache,
  type LinearForwardResult,
  type LinearGradients,
} from './dense/linear.js';
export {
  linearActivationForward,
  linearActivationBackward,
  type Activation,
  type LinearActivationCache,
  type LinearActivationResult,
} from './dense/linear-activation.js';
export { updateParameters } from './dense/update-parameters.js';

// Week 2: the Python-basics notebook. `basics.sigmoid` and `basics.softmax` are the notebook's
// (an array in, an array out; softmax over rows); the top-level ones are the course's activations.
export * as basics from './basics/index.js';
export { basicSigmoid } from './basics/basic-sigmoid.js';
export { sigmoidDerivative } from './basics/sigmoid-derivative.js';
export { image2vector } from './basics/image2vector.js';
export { normalizeRows } from './basics/normalize-rows.js';
export { L1, L2 } from './basics/l1-l2.js';

// Week 2: logistic regression.
export * as logistic from './logistic/index.js';
export type {
  LogisticParameters,
  LogisticGradients,
  LogisticModelResult,
  PropagateResult,
  OptimizeResult,
} from './logistic/logistic-regression.js';
export type { PrintCost } from './logistic/progress.js';

// Week 3: shallow network.
export * as shallow from './shallow/index.js';
export {
  layerSizes,
  initializeParameters,
  forwardPropagation,
  backwardPropagation,
  nnModel,
  type ShallowCache,
  type NnModelOptions,
  type ShallowForwardResult,
  type NnModelResult,
} from './shallow/shallow-network.js';

// Week 4: deep network.
export * as deep from './deep/index.js';
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
} from './deep/l-model.js';
export {
  twoLayerModel,
  lLayerModel,
  type DeepModelResult,
  type DeepPredictResult,
} from './deep/models.js';
export {
  DeepNeuralNetwork,
  type DeepNeuralNetworkConfig,
  type FitOptions,
  type FitResult,
  type EvaluateResult,
} from './deep/deep-neural-network.js';

// Gradient checking.
export {
  GRADCHECK_EPSILON,
  GRADCHECK_THRESHOLD,
  dictionaryToVector,
  vectorToDictionary,
  gradientsToVector,
  gradientCheck,
  type VectorLayout,
  type GradientCheckOptions,
  type GradientCheckResult,
  type VectorizedParameters,
  type ParameterEntry,
} from './gradcheck/gradient-check.js';
export { nodeImport } from './runtime/node-import.js';
export {
  writeFileAtomically,
  type AtomicIo,
  type WriteFileAtomicallyOptions,
} from './runtime/write-file-atomically.js';
export {
  LSTM_FORWARD_KERNEL,
  LSTM_BACKWARD_KERNEL,
  GRU_FORWARD_KERNEL,
  GRU_BACKWARD_KERNEL,
  ADAM_UPDATE_KERNEL,
  hasKernel,
} from './kernels/fused-kernels.js';
