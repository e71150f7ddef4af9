/**
 * Course 2 of the Deep Learning Specialization (Improving Deep Neural Networks): initialisation, regularisation, mini-batches, optimisers, batch norm, tuning.
 *
 * @packageDocumentation
 */
export { updateParametersWithGd } from './gradient-descent/update-parameters-with-gd.js';
export { initializeAdam, type AdamState } from './adam/initialize-adam.js';
export { updateParametersWithAdam, type AdamUpdate } from './adam/update-parameters-with-adam.js';
export { AdamOptimizer, adam, type NamedTensor } from './adam/adam-optimizer.js';
