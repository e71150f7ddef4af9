/**
 * Course 5, week 1, the "Dinosaurus Island" character-level language model notebook under its own
 * names: the graded `clip`, `sample`, `optimize`, `model`, and its `utils.py` (`rnnForward`,
 * `rnnBackward`, `rnnStepForward`, `initializeParameters`, …), whose names would clash with the
 * "Building a recurrent neural network" notebook's.
 *
 * @category C5 W1 · Character-level language model
 */
export { clip } from './clip.js';
export { sample } from './sample.js';
export { optimize } from './optimize.js';
export { model } from './model.js';
export { initializeParameters } from './initialize-parameters.js';
export { updateParameters } from './update-parameters.js';
export { getInitialLoss, smooth } from './smooth.js';
export { getSample } from './get-sample.js';
export { rnnStepForward, rnnStepBackward } from './rnn-step.js';
export { rnnForward } from './rnn-forward.js';
export { rnnBackward } from './rnn-backward.js';
