/**
 * Course 4 of the Deep Learning Specialization (Convolutional Neural Networks), weeks 1–2: convolution
 * and pooling from scratch (the notebook's loops and a vectorised im2col form), a Keras-style
 * model summary, the week-1 lab models and ResNets; week 3's object detection (YOLO). PNG/JPEG files: the Node-only entry
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

// Week 2: MobileNetV2 (issue 14, branch b14-transfer).
export { BatchNormalization } from './mobilenet/batch-normalization.js';
export {
  invertedResidualBlock,
  type InvertedResidualBlockOptions,
} from './mobilenet/inverted-residual-block.js';
export { mobileNetV2, type MobileNetV2Options } from './mobilenet/mobilenet-v2.js';
export {
  loadPretrainedMobileNetV2,
  type PretrainedMobileNetV2Options,
} from './mobilenet/pretrained.js';

// Week 2: data augmentation layers (issue 14, branch b14-transfer).
export {
  type RandomLayerArgs,
  type FillMode,
  type Interpolation,
} from './augmentation/random-image-layer.js';
export { RandomFlip, type RandomFlipArgs, type FlipMode } from './augmentation/random-flip.js';
export {
  RandomRotation,
  rotationMatrix,
  type RandomRotationArgs,
} from './augmentation/random-rotation.js';
export { RandomZoom, zoomMatrix, type RandomZoomArgs } from './augmentation/random-zoom.js';
export {
  RandomTranslation,
  type RandomTranslationArgs,
} from './augmentation/random-translation.js';
export { RandomContrast, type RandomContrastArgs } from './augmentation/random-contrast.js';

// Week 2: transfer learning (issue 14, branch b14-transfer).
export { dataAugmenter, type DataAugmenterOptions } from './transfer/data-augmenter.js';
export { freezeLayers, type FreezeResult } from './transfer/freeze-layers.js';
export { alpacaModel, type AlpacaModelOptions } from './transfer/alpaca-model.js';
// Weeks 1–2: the lab models and ResNets (issue 14).
export { type BuilderOptions, type InitializerName } from './models/builder-options.js';
export { happyModel } from './models/happy-model.js';
export { convolutionalModel } from './models/convolutional-model.js';
export { identityBlock, type BlockOptions } from './resnet/identity-block.js';
export { convolutionalBlock } from './resnet/convolutional-block.js';
export { resNet50 } from './resnet/resnet50.js';
export { resNet18, resNet34 } from './resnet/resnet18.js';
export { type BasicResNetOptions } from './resnet/basic-resnet.js';

// Week 4: face verification and recognition (issue 16, branch b16-faces).
export { tripletLoss, type TripletEncodings } from './faces/triplet-loss.js';
export { type FaceModel } from './faces/face-model.js';
export { imgToEncoding } from './faces/img-to-encoding.js';
export {
  buildFaceDatabase,
  faceDatabaseToJson,
  faceDatabaseFromJson,
  type FaceDatabase,
} from './faces/face-database.js';
export { type FaceMatchOptions } from './faces/threshold.js';
export { verify, type VerifyResult } from './faces/verify.js';
export { whoIsIt, type WhoIsItResult } from './faces/who-is-it.js';
export {
  loadFaceRecognizer,
  type FaceRecognizer,
  type FaceRecognizerOptions,
} from './faces/load-face-recognizer.js';
// Week 3: object detection, YOLO (issue 16, branch b16-detect).
export { boxConvert, type BoxFormat } from './detection/box-convert.js';
export { type CornerFormat } from './detection/box-checks.js';
export { iou, boxIou } from './detection/iou.js';
export { yoloBoxesToCorners } from './detection/yolo-boxes-to-corners.js';
export { scaleBoxes } from './detection/scale-boxes.js';
export { yoloFilterBoxes, type Detections } from './detection/yolo-filter-boxes.js';
export { yoloNonMaxSuppression, type NmsOptions } from './detection/yolo-non-max-suppression.js';
export { yoloHead, type YoloOutputs } from './detection/yolo-head.js';
export { yoloEval } from './detection/yolo-eval.js';
export {
  kmeansAnchors,
  type KmeansAnchorsOptions,
  type KmeansAnchorsResult,
} from './detection/kmeans-anchors.js';
export {
  meanAveragePrecision,
  type ImageDetections,
  type ImageGroundTruth,
  type AveragePrecisionOptions,
  type AveragePrecisionResult,
} from './detection/average-precision.js';
export { drawBoxes, type DrawBoxesOptions } from './detection/draw-boxes.js';
export { yoloTargets } from './detection/yolo-targets.js';
export { yoloLoss, type YoloLossOptions } from './detection/yolo-loss.js';
export { yoloDetector, type YoloDetectorOptions } from './detection/yolo-detector.js';
export { yoloDetect, type YoloDetectOptions } from './detection/yolo-detect.js';
// Week 3: U-Net semantic segmentation (issue 16, branch b16-unet).
export { type UnetOptions } from './unet/unet-parts.js';
export { convBlock, type ConvBlockResult } from './unet/conv-block.js';
export { upsamplingBlock } from './unet/upsampling-block.js';
export { unetModel } from './unet/unet-model.js';
export { createMask, type CreateMaskOptions } from './unet/create-mask.js';
export { predictMasks, type PredictMasksOptions } from './unet/predict-masks.js';
export { meanIou, type MeanIouResult } from './segmentation/mean-iou.js';
export { colorMask } from './segmentation/color-mask.js';
// Week 4: neural style transfer (issue 16, branch b16-style).
export { computeContentCost } from './style/content-cost.js';
export { gramMatrix } from './style/gram-matrix.js';
export { computeLayerStyleCost } from './style/layer-style-cost.js';
export { computeStyleCost } from './style/style-cost.js';
export { totalCost } from './style/total-cost.js';
export { totalVariationLoss } from './style/total-variation.js';
export { clip01 } from './style/clip-0-1.js';
export {
  MOBILENET_STYLE_LAYERS,
  MOBILENET_CONTENT_LAYER,
  type StyleLayer,
} from './style/style-layers.js';
export { styleModel } from './style/style-model.js';
export { trainStep, type TrainStepContext } from './style/train-step.js';
export {
  generateArt,
  type ArtStep,
  type GenerateArtOptions,
  type GenerateArtResult,
} from './style/generate-art.js';
