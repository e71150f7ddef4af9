import type * as tf from '@tensorflow/tfjs';
import { assertDtype, assertFinite } from '../tensor/shapes.js';

/**
 * Checks a numeric tensor argument of a basics function: a live `float32` or `int32` tensor
 * with finite entries (the notebook's NumPy arrays of numbers).
 *
 * @internal
 */
export function checkNumeric(fn: string, argument: string, value: tf.Tensor): void {
  assertDtype(fn, argument, value, ['float32', 'int32']);
  assertFinite(fn, argument, value);
}
