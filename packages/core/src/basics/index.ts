/**
 * Course 1, week 2: the Python-basics notebook ("Python Basics with NumPy") under its own
 * names, `sigmoid` and `softmax` included (they differ from core's activations of those names).
 *
 * @category C1 W2 · Python basics with NumPy
 */
export { basicSigmoid } from './basic-sigmoid.js';
export { sigmoid, sigmoidDerivative } from './sigmoid-derivative.js';
export { image2vector } from './image2vector.js';
export { normalizeRows } from './normalize-rows.js';
export { softmax } from './softmax-rows.js';
export { L1, L2 } from './l1-l2.js';
