/**
 * Course 2 of the Deep Learning Specialization (Improving Deep Neural Networks): initialisation, regularisation, mini-batches, optimisers, batch norm, tuning.
 *
 * @packageDocumentation
 */
export { updateParametersWithGd } from './gradient-descent/update-parameters-with-gd.js';
