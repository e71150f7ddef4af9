/**
 * Course 3 of the Deep Learning Specialization (Structuring Machine Learning Projects) as working tools: metrics, splits, diagnosis, error analysis.
 *
 * @packageDocumentation
 */
export { accuracy } from './metrics/accuracy.js';
export type { Labels } from './metrics/labels.js';
