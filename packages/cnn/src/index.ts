/**
 * Course 4 of the Deep Learning Specialization (Convolutional Neural Networks), weeks 1–2: convolution
 * and pooling from scratch (the notebook's loops and a vectorised im2col form), a Keras-style
 * model summary, the week-1 lab models and ResNets. PNG/JPEG files: the Node-only entry
 * `@dlkit/cnn/images`.
 *
 * @packageDocumentation
 */
// Week 1: convolution from scratch.
export { zeroPad } from './conv/zero-pad.js';
export {
  type ConvHparameters,
  type PoolHparameters,
  type PoolMode,
  type ScratchImpl,
  type ScratchOptions,
} from './conv/hparameters.js';
export { convSingleStep } from './conv/conv-single-step.js';
export { convForward, type ConvCache, type ConvForwardResult } from './conv/conv-forward.js';
export { convBackward, type ConvGradients } from './conv/conv-backward.js';

// Week 1: pooling from scratch.
export { poolForward, type PoolCache, type PoolForwardResult } from './conv/pool-forward.js';
export { poolBackward } from './conv/pool-backward.js';
export { createMaskFromWindow } from './conv/create-mask-from-window.js';
export { distributeValue } from './conv/distribute-value.js';

// Week 1: the convolutional model's summary.
export { modelSummary, type LayerSummary, type ModelSummary } from './models/model-summary.js';

// Weeks 1–2: the lab models and ResNets (issue 14).
export { type BuilderOptions, type InitializerName } from './models/builder-options.js';
export { happyModel } from './models/happy-model.js';
export { convolutionalModel } from './models/convolutional-model.js';
export { identityBlock, type BlockOptions } from './resnet/identity-block.js';
export { convolutionalBlock } from './resnet/convolutional-block.js';
export { resNet50 } from './resnet/resnet50.js';
export { resNet18, resNet34 } from './resnet/resnet18.js';
export { type BasicResNetOptions } from './resnet/basic-resnet.js';
