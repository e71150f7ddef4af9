// Checks shared by the style costs: one layer's activations `[1, nH, nW, nC]` (the notebook's
// batch of one image) and a model's list of them.
import type * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, describeValue } from '@dlkit/core';

/** The shape every activation of the style costs has: one image, channels last. */
export const ACTIVATION: readonly (string | number)[] = [1, 'nH', 'nW', 'nC'];

/**
 * Checks a list of activations (a model's outputs for one image): a non-empty array of live
 * float32 tensors `[1, nH, nW, nC]`.
 */
export function checkOutputList(fn: string, argument: string, value: unknown): tf.Tensor4D[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a non-empty array of activations [1, nH, nW, nC], got ${describeValue(value)}`,
      { argument },
    );
  }
  value.forEach((a, i) => new ShapeChecker(fn).checkFloat(`${argument}[${i}]`, a, ACTIVATION));
  return value as tf.Tensor4D[];
}

/** Checks two activations of the same layer: both `[1, nH, nW, nC]` with the same sizes. */
export function checkActivationPair(
  fn: string,
  names: readonly [string, string],
  a: unknown,
  b: unknown,
): { nH: number; nW: number; nC: number } {
  const shapes = new ShapeChecker(fn)
    .checkFloat(names[0], a as tf.Tensor, ACTIVATION)
    .checkFloat(names[1], b as tf.Tensor, ACTIVATION);
  return { nH: shapes.dim('nH'), nW: shapes.dim('nW'), nC: shapes.dim('nC') };
}
