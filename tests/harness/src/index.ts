/**
 * dlkit's shared test harness. See `tests/README.md`.
 *
 * @packageDocumentation
 */
export { expectTensorsClose, type TensorLike, type CloseOptions } from './close.ts';
export { expectNoLeaks } from './leaks.ts';
export { expectBackwardMatchesAutodiff, type GradientCase } from './gradients.ts';
export { loadFixture, fixtureTensor, fixturesDir, type FixtureTensor } from './fixtures.ts';
export { fc, arbShape, arbTensor, type ShapeBounds } from './properties.ts';
export { extractDocExamples, runDocExamples, type DocExample } from './doc-examples.ts';
export {
  referenceLstmForward,
  referenceLstmBackward,
  registerReferenceLstmKernels,
} from './lstm-reference.ts';
export {
  trainOn,
  expectTrainingRunsClose,
  type TrainingCase,
  type TrainingRun,
} from './training-run.ts';
export { expectWellFormedSvg, svgMarks, svgTexts } from './svg.ts';
