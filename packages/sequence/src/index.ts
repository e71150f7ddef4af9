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
