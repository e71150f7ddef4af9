/**
 * Course 5 of the Deep Learning Specialization (Sequence Models): RNN, LSTM, GRU, language models, embeddings, attention, Transformers.
 *
 * @packageDocumentation
 */
export { positionalEncoding } from './transformer/positional-encoding.js';
export {
  lstmSequence,
  lstmFusedAvailable,
  type LstmSequenceOptions,
  type LstmSequenceResult,
} from './lstm/lstm-sequence.js';
export {
  LSTM,
  lstm,
  type LstmLayerArgs,
  type LstmInitializer,
  type LstmInitializerSpec,
} from './lstm/lstm-layer.js';
// rnn (C5 W1, from scratch): the basic RNN cell and sequence, forward and backward.
export { type RnnParameters } from './rnn/rnn-parameters.js';
export {
  rnnCellForward,
  type RnnCellCache,
  type RnnCellForwardResult,
} from './rnn/rnn-cell-forward.js';
export { rnnCellBackward, type RnnCellGradients } from './rnn/rnn-cell-backward.js';

// char-model (C5 W1, from scratch): the "Dinosaurus Island" character-level language model; the
// graded functions, and the whole notebook (with its utils) as the `characterModel` namespace.
export { clip, type ClipOptions } from './char-model/clip.js';
export { sample, type SampleOptions } from './char-model/sample.js';
export { optimize, type OptimizeResult } from './char-model/optimize.js';
export * as characterModel from './char-model/index.js';
export type { CharParameters, CharGradients, CharToIx, IxToChar } from './char-model/parameters.js';
export type { CharStepGradients, CharStepForward } from './char-model/rnn-step.js';
export type { CharForwardCache, CharForwardResult } from './char-model/rnn-forward.js';
export type { CharBackwardResult } from './char-model/rnn-backward.js';
export type {
  CharModelSamples,
  CharModelTrainingOptions,
  CharModelResult,
} from './char-model/model.js';

// text-generation (C5 W1, production): a character-level language model on dlkit's LSTM layer
// that trains on a text (Shakespeare's sonnets) and writes from a seed phrase.
export type { CharVocabulary } from './text-generation/char-vocabulary.js';
export { buildCharModel, type CharModelOptions } from './text-generation/build-char-model.js';
export {
  trainCharModel,
  type TrainCharModelOptions,
  type CharTrainingProgress,
  type CharTrainingResult,
} from './text-generation/train-char-model.js';
export { generateText, type GenerateTextOptions } from './text-generation/generate-text.js';
