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

// C5 W1 · Jazz improvisation with an LSTM (module music).
export { MELODY_VALUES, type MelodyTokenType } from './music/melody-values.js';
export { renderMelody, type MelodyEvent, type RenderMelodyOptions } from './music/render-melody.js';
export { checkMelodyGrammar, type MelodyGrammarReport } from './music/melody-grammar.js';
export {
  makeMelodyCorpus,
  type MelodyCorpus,
  type MelodyCorpusOptions,
} from './music/melody-corpus.js';
export { melodyToMidi, writeMidi, type MidiOptions } from './music/midi.js';
export { OneHotArgmax } from './music/one-hot-argmax.js';
export { SliceTimestep, type SliceTimestepArgs } from './music/slice-timestep.js';
export { createJazzLayers, type JazzLayers, type JazzLayersOptions } from './music/jazz-layers.js';
export { djmodel } from './music/djmodel.js';
export { musicInferenceModel } from './music/music-inference-model.js';
export { predictAndSample, type PredictAndSampleResult } from './music/predict-and-sample.js';
