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
export { rnnForward, type RnnForwardResult } from './rnn/rnn-forward.js';
export { rnnBackward, type RnnGradients } from './rnn/rnn-backward.js';
export { disposeCaches, type SequenceCaches } from './rnn/sequence-caches.js';
// lstm (C5 W1, from scratch): the course's LSTM cell and sequence, forward and backward.
export { type LstmParameters } from './lstm/lstm-parameters.js';
export {
  lstmCellForward,
  type LstmCellCache,
  type LstmCellForwardResult,
} from './lstm/lstm-cell-forward.js';
export {
  lstmCellBackward,
  type LstmCellGradients,
  type LstmParameterGradients,
} from './lstm/lstm-cell-backward.js';
export { lstmForward, type LstmForwardResult } from './lstm/lstm-forward.js';
export { lstmBackward, type LstmGradients } from './lstm/lstm-backward.js';
// gru-scratch (C5 W1, from scratch): a GRU cell and sequence, forward and backward, both variants.
export { type GruParameters, type GruOptions } from './gru-scratch/gru-parameters.js';
export {
  gruCellForward,
  type GruCellCache,
  type GruCellForwardResult,
} from './gru-scratch/gru-cell-forward.js';
export {
  gruCellBackward,
  type GruCellGradients,
  type GruParameterGradients,
} from './gru-scratch/gru-cell-backward.js';
export { gruForward, type GruForwardResult } from './gru-scratch/gru-forward.js';
export { gruBackward, type GruGradients } from './gru-scratch/gru-backward.js';
// gru (C5 W1 · Gated recurrent units): the production GRU, Keras' layout and defaults.
export {
  gruSequence,
  gruFusedAvailable,
  type GruSequenceOptions,
  type GruSequenceResult,
} from './gru/gru-sequence.js';
export { GRU, gru, type GruLayerArgs } from './gru/gru-layer.js';
export type { GruActivation } from './gru/gru-activations.js';
// C5 W2 · Operations on word vectors (module word-vectors).
export type { WordVectors } from './word-vectors/word-vectors.js';
export { cosineSimilarity } from './word-vectors/cosine-similarity.js';
export { completeAnalogy } from './word-vectors/complete-analogy.js';
export {
  nearestNeighbours,
  type Neighbour,
  type NearestNeighboursOptions,
} from './word-vectors/nearest-neighbours.js';
export { neutralize } from './word-vectors/neutralize.js';
export { equalize, type EqualizeResult } from './word-vectors/equalize.js';
// C5 W2 · Emojifier (module emojifier).
export { sentenceToAvg } from './emojifier/sentence-to-avg.js';
export * as emojifierV1 from './emojifier/v1/index.js';
export type {
  EmojifierV1Options,
  EmojifierV1Progress,
  EmojifierV1Result,
} from './emojifier/v1/model.js';
export { sentencesToIndices } from './emojifier/sentences-to-indices.js';
export { pretrainedEmbeddingLayer } from './emojifier/pretrained-embedding-layer.js';
export { emojifyV2, type EmojifyV2Options } from './emojifier/emojify-v2.js';

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

// transformer (C5 W4 · Transformers): angles, masks, scaled dot-product attention, Keras'
// MultiHeadAttention, and the course's encoder/decoder layers, Encoder, Decoder and Transformer.
export { getAngles } from './transformer/get-angles.js';
export { createPaddingMask, createLookAheadMask } from './transformer/masks.js';
export {
  scaledDotProductAttention,
  type ScaledDotProductAttentionResult,
} from './transformer/scaled-dot-product-attention.js';
export {
  MultiHeadAttention,
  type MultiHeadAttentionArgs,
  type MultiHeadAttentionKwargs,
  type MultiHeadAttentionResult,
} from './transformer/multi-head-attention.js';
export type { TransformerLayerOptions } from './transformer/layer-args.js';
export { EncoderLayer, type EncoderKwargs } from './transformer/encoder-layer.js';
export { Encoder } from './transformer/encoder.js';
export { DecoderLayer, type DecoderKwargs } from './transformer/decoder-layer.js';
export type { DecoderLayerResult } from './transformer/decoder-block.js';
export { Decoder } from './transformer/decoder.js';
export type { DecoderResult } from './transformer/stacks.js';
export {
  Transformer,
  type TransformerKwargs,
  type TransformerResult,
} from './transformer/transformer.js';

// metrics (C5 W3 · Bleu score): sentence and corpus BLEU equal to NLTK's, smoothing methods 0-7.
export { sentenceBleu, corpusBleu } from './metrics/bleu.js';
export type { BleuOptions } from './metrics/bleu-options.js';
export type { SmoothingMethod } from './metrics/smoothing.js';
export type { Token, Sentence } from './metrics/tokens.js';

// decoding (C5 W3 · Beam search): greedy and beam search over any step function.
export { greedySearch } from './decoding/greedy-search.js';
export { beamSearch } from './decoding/beam-search.js';
export type { StepFunction, Hypothesis } from './decoding/step-function.js';
export type { GreedySearchOptions, BeamSearchOptions } from './decoding/decoding-options.js';
// audio and trigger-word (C5 W3 · Trigger word detection): WAV files, the notebook's
// spectrogram, synthetic training examples (its graded functions) and its detector model.
export type { AudioClip } from './audio/audio-clip.js';
export {
  decodeWav,
  encodeWav,
  type DecodeWavOptions,
  type EncodeWavOptions,
  type WavBitDepth,
} from './audio/wav.js';
export { readWav, writeWav } from './audio/wav-file.js';
export { graphSpectrogram, type SpectrogramOptions } from './audio/graph-spectrogram.js';
export type { SpectrumMethod } from './audio/spectral-power.js';
export { matchTargetAmplitude } from './audio/mix.js';
export type { SegmentTime } from './trigger-word/segment-time.js';
export {
  getRandomTimeSegment,
  type RandomSegmentOptions,
} from './trigger-word/get-random-time-segment.js';
export { isOverlapping } from './trigger-word/is-overlapping.js';
export {
  insertAudioClip,
  type InsertAudioClipOptions,
  type InsertAudioClipResult,
} from './trigger-word/insert-audio-clip.js';
export { insertOnes, type InsertOnesOptions } from './trigger-word/insert-ones.js';
export {
  createTrainingExample,
  type CreateTrainingExampleOptions,
  type TrainingExample,
} from './trigger-word/create-training-example.js';
export * as triggerWord from './trigger-word/trigger-word.js';

// attention (C5 W3 · Neural machine translation with attention): the notebook's date translator.
export {
  createAttentionLayers,
  type AttentionLayers,
  type AttentionLayersOptions,
} from './attention/attention-layers.js';
export { oneStepAttention } from './attention/one-step-attention.js';
export * as nmt from './attention/nmt.js';
export { stringToInt, type CharIndex } from './attention/string-to-int.js';
export { attentionMap, type AttentionMap } from './attention/attention-map.js';
