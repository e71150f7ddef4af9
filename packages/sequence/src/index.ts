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
// gru (C5 W1 · Gated recurrent units): the production GRU, Keras' layout and defaults.
export {
  gruSequence,
  gruFusedAvailable,
  type GruSequenceOptions,
  type GruSequenceResult,
} from './gru/gru-sequence.js';
export { GRU, gru, type GruLayerArgs } from './gru/gru-layer.js';
export type { GruActivation } from './gru/gru-activations.js';
