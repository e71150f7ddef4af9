import type * as tf from '@tensorflow/tfjs';
import { assertTensor } from '../tensor/arguments.js';
import { ShapeChecker, type Dim } from '../tensor/shapes.js';

/** Checks an activation's input: a live float32 tensor (of `pattern`'s shape, if given). @internal */
export function checkActivationInput(fn: string, Z: unknown, pattern?: readonly Dim[]): void {
  const z = assertTensor(fn, 'Z', Z);
  if (pattern !== undefined) new ShapeChecker(fn).check('Z', z, pattern);
}

/**
 * Checks an activation's backward inputs: `dA` and `cache` live float32 tensors of one shape
 * (`cache` of `pattern`'s shape, if given). @internal
 */
export function checkActivationBackward(
  fn: string,
  dA: unknown,
  cache: unknown,
  pattern?: readonly Dim[],
): void {
  const d = assertTensor(fn, 'dA', dA);
  const c = assertTensor(fn, 'cache', cache);
  const shapes = new ShapeChecker(fn);
  if (pattern !== undefined) shapes.check('cache', c, pattern);
  shapes.check('dA', d, (c as tf.Tensor).shape);
}
