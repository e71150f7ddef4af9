import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber } from '@dlkit/core';

/** Largest window accepted, in entries. */
const MAX_ENTRIES = 1 << 24;

/**
 * Spreads one gradient evenly over a window, the course's `distribute_value`: every entry of the
 * `[nH, nW]` result is `dz / (nH * nW)`. Average pooling's backward pass does this for each
 * window.
 *
 * @param dz - The gradient to spread (a number).
 * @param shape - The window's `[nH, nW]`.
 * @returns A new tensor `[nH, nW]`.
 * @see docs/cnn/pooling.md
 *
 * @example
 * ```ts
 * import { distributeValue } from '@dlkit/cnn';
 * const a = distributeValue(2, [2, 2]);
 * a.print(); // [[0.5, 0.5], [0.5, 0.5]]
 * a.dispose();
 * ```
 *
 * @category C4 W1 · Pooling
 */
export function distributeValue(dz: number, shape: readonly [number, number]): tf.Tensor2D {
  const fn = 'distributeValue';
  assertNumber(fn, 'dz', dz);
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new DlkitError('value', fn, `shape must be [nH, nW], got ${String(shape)}`, {
      argument: 'shape',
    });
  }
  const nH = assertNumber(fn, 'shape[0]', shape[0], { integer: true, min: 1 });
  const nW = assertNumber(fn, 'shape[1]', shape[1], { integer: true, min: 1 });
  if (nH * nW > MAX_ENTRIES) {
    throw new DlkitError('value', fn, `shape [${nH}, ${nW}] has more than 2^24 entries`, {
      argument: 'shape',
    });
  }
  return tf.fill([nH, nW], dz / (nH * nW));
}
