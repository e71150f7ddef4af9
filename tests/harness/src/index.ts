/**
 * dlkit's shared test harness. See `tests/README.md`.
 *
 * @packageDocumentation
 */
export { expectTensorsClose, type TensorLike, type CloseOptions } from './close.ts';
export { expectNoLeaks, type NoLeakOptions } from './leaks.ts';
export { expectBackwardMatchesAutodiff, type GradientCase } from './gradients.ts';
export {
  loadFixture,
  fixtureTensor,
  fixtureDict,
  expectFixtureDictClose,
  fixturesDir,
  type FixtureTensor,
} from './fixtures.ts';
export { seedFromEnv, seededMathRandom } from './seeds.ts';
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
export { expectDlkitError } from './errors.ts';
export {
  launchChromium,
  chromiumPath,
  chromiumSkipReason,
  collectPageErrors,
  CHROMIUM_FLAGS,
  type LaunchedChromium,
  type LaunchChromiumOptions,
} from './chromium.ts';
