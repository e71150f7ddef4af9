import { ShapeChecker, asCaller, assertNumber, assertOneOf, assertOptions } from '@dlkit/core';
import { clipGradientsByGlobalNorm, clipGradientsByValue } from '@dlkit/optimizers';
import { checkGradients, pickGradients, type CharGradients } from './parameters.js';

/**
 * Options of {@link clip}.
 *
 * @category C5 W1 · Character-level language model
 */
export interface ClipOptions {
  /**
   * `'value'` (default, the notebook's `np.clip`): every entry into `[-maxValue, maxValue]`;
   * `'globalNorm'`: all five gradients scaled together so that `√(Σ ‖g‖²) ≤ maxValue`, which
   * keeps the update's direction.
   */
  method?: 'value' | 'globalNorm';
}

/**
 * The notebook's `clip`: clips the gradients against exploding gradients before the update,
 * element-wise to `[-maxValue, maxValue]` (or, with `method: 'globalNorm'`, by their global norm).
 * The notebook clips in place; tensors are immutable, so this returns new ones.
 *
 * @param gradients - `{ dWaa, dWax, dWya, db, dby }` (float32, any shapes; other keys such as
 *   `da_next` are dropped).
 * @param maxValue - The bound, a finite number above 0 (the notebook's `optimize` uses 5).
 * @param options - `method`: `'value'` (default) or `'globalNorm'`.
 * @returns The clipped `{ dWaa, dWax, dWya, db, dby }`, new tensors the caller disposes (the
 *   inputs are left alone).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { clip } from '@dlkit/sequence';
 * const g = {
 *   dWax: tf.tensor2d([[12, -3]]), dWaa: tf.tensor2d([[-20]]), dWya: tf.tensor2d([[0.5]]),
 *   db: tf.tensor2d([[6]]), dby: tf.tensor2d([[-1]]),
 * };
 * const clipped = clip(g, 5);
 * clipped.dWax.print(); // [[5, -3]]
 * tf.dispose([...Object.values(g), ...Object.values(clipped)]);
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function clip(
  gradients: CharGradients,
  maxValue: number,
  options: ClipOptions = {},
): CharGradients {
  const fn = 'clip';
  const five = pickGradients(checkGradients(new ShapeChecker(fn), 'gradients', gradients));
  assertNumber(fn, 'maxValue', maxValue, { min: 0, minExclusive: true });
  const { method = 'value' } = assertOptions(fn, 'options', options, ['method']);
  assertOneOf(fn, 'options.method', method, ['value', 'globalNorm']);
  return asCaller(fn, () => {
    if (method === 'value') {
      return clipGradientsByValue({ ...five }, maxValue) as unknown as CharGradients;
    }
    const { gradients: clipped, globalNorm } = clipGradientsByGlobalNorm({ ...five }, maxValue);
    globalNorm.dispose();
    return clipped as unknown as CharGradients;
  });
}
