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
