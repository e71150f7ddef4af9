/**
 * Course 3 of the Deep Learning Specialization (Structuring Machine Learning Projects) as working tools: metrics, splits, diagnosis, error analysis.
 *
 * @packageDocumentation
 */
export { accuracy } from './metrics/accuracy.js';
export type { Labels, Scores, ScoreMatrix } from './metrics/labels.js';
export type { MetricWarning, WarningOptions, ZeroDivision } from './metrics/warnings.js';
export {
  confusionMatrix,
  type ConfusionMatrix,
  type ConfusionMatrixOptions,
} from './metrics/confusion-matrix.js';
export {
  precisionScore,
  recallScore,
  f1Score,
  fbetaScore,
  precisionRecallFscoreSupport,
  type Average,
  type AveragedOptions,
  type ClassificationOptions,
  type PerClassScores,
} from './metrics/precision-recall-f.js';
export { fScoreFromPrecisionRecall } from './metrics/f-from-precision-recall.js';
export {
  classificationReport,
  type ClassificationReport,
  type ClassificationReportOptions,
  type ReportRow,
  type ClassReportRow,
} from './metrics/classification-report.js';
export { auc } from './metrics/auc.js';
export {
  rocCurve,
  rocAucScore,
  type RocCurve,
  type CurveOptions,
  type RocAucOptions,
} from './metrics/roc.js';
export {
  precisionRecallCurve,
  averagePrecisionScore,
  type PrecisionRecallCurve,
} from './metrics/precision-recall-curve.js';
export { topKAccuracy } from './metrics/top-k.js';
export { logLoss, type LogLossOptions } from './metrics/log-loss.js';
export { weightedError } from './metrics/weighted-error.js';
export {
  selectModel,
  type CandidateRow,
  type CandidateVerdict,
  type ModelSelection,
  type OptimizingMetric,
  type SatisficingConstraint,
} from './selection/select-model.js';
export { permutation } from './splits/permutation.js';
export { splitSizes, type SplitSizes } from './splits/split-sizes.js';
export { splitIndices, type SplitOptions } from './splits/split-indices.js';
export { trainDevTestSplit, type TrainDevTestSplit } from './splits/train-dev-test.js';
export { trainDevSplit, type TrainDevSplit } from './splits/train-dev.js';
export {
  mismatchedSplit,
  type MismatchedSplit,
  type MismatchedSplitOptions,
  type SampleRef,
  type SourceCounts,
} from './splits/mismatched.js';
export { checkDevTestSources, type SourceCheck } from './splits/check-sources.js';
export { REMEDIES, type Problem } from './diagnosis/remedies.js';
export {
  diagnose,
  formatDiagnosis,
  type Diagnosis,
  type BayesProxy,
  type ErrorValues,
  type RankedProblem,
  type DiagnoseOptions,
  type ErrorLevels,
} from './diagnosis/diagnose.js';
export { misclassified } from './error-analysis/misclassified.js';
export { tagExamples } from './error-analysis/tag-examples.js';
export {
  errorAnalysis,
  formatErrorAnalysis,
  type CategoryRow,
  type ErrorAnalysis,
  type ErrorAnalysisOptions,
  type MislabeledEffect,
  type TaggedError,
} from './error-analysis/error-analysis.js';
export {
  learningCurve,
  type LearningCurve,
  type LearningCurveOptions,
  type LearningCurvePoint,
  type LearningCurveProgress,
  type TrainAtSize,
  type TrainResult,
} from './learning-curves/learning-curve.js';
export {
  learningCurveSpec,
  type LearningCurveSpecOptions,
} from './learning-curves/learning-curve-spec.js';
export {
  multiTaskLoss,
  multiTaskLossBackward,
  multiTaskLossFn,
  type MultiTaskLossOptions,
} from './multitask/multi-task-loss.js';
export {
  freezeLayers,
  unfreezeLayers,
  replaceHead,
  type ReplaceHeadOptions,
} from './transfer/transfer.js';
