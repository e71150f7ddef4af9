import type * as tf from '@tensorflow/tfjs';
import { DlkitError, assertTensor, formatShape } from '@dlkit/core';

/**
 * Checks that a mask's shape broadcasts (NumPy rules) to the attention scores' shape, so a wrong
 * mask fails with the function's name instead of a tfjs broadcasting error.
 *
 * @param fn - The public function the user called.
 * @param argument - The mask argument's name.
 * @param mask - The mask's shape.
 * @param scores - The scores' shape `[..., seqQ, seqK]`.
 */
export function assertBroadcastsTo(
  fn: string,
  argument: string,
  mask: readonly number[],
  scores: readonly number[],
): void {
  const fits =
    mask.length <= scores.length &&
    mask.every((size, i) => {
      const target = scores[scores.length - mask.length + i];
      return size === 1 || size === target;
    });
  if (!fits) {
    throw new DlkitError(
      'shape',
      fn,
      `${argument} must broadcast to the attention scores ${formatShape(scores)}, got ${formatShape(mask)}`,
      { argument },
    );
  }
}

/**
 * Checks an attention mask given to a multi-head layer: a live float32 tensor of rank 2 to 4 that,
 * after axes are inserted before its last two for the heads (Keras' rule: `[batch, T, S]` becomes
 * `[batch, 1, T, S]`, the course's padding mask `[batch, 1, S]` becomes `[batch, 1, 1, S]`),
 * broadcasts to the scores `[batch, numHeads, T, S]`.
 *
 * @param fn - The public function or method the user called.
 * @param argument - The mask argument's name.
 * @param mask - What was given (undefined and null mean no mask).
 * @param scores - The scores' shape `[batch, numHeads, T, S]`.
 * @param finite - Also reject NaN and infinities (reads the mask back: for notebook-style calls).
 * @returns The mask, or null.
 */
export function checkAttentionMask(
  fn: string,
  argument: string,
  mask: unknown,
  scores: readonly number[],
  finite = false,
): tf.Tensor | null {
  if (mask === undefined || mask === null) return null;
  const t = assertTensor(fn, argument, mask, { finite });
  if (t.rank < 2 || t.rank > 4) {
    throw new DlkitError(
      'shape',
      fn,
      `${argument} must have rank 2, 3 or 4 and broadcast to the attention scores ${formatShape(scores)}, got ${formatShape(t.shape)}`,
      { argument },
    );
  }
  assertBroadcastsTo(fn, argument, expandMaskShape(t.shape), scores);
  return t;
}

/**
 * The shape of a mask with head axes inserted before its last two axes, up to rank 4.
 *
 * @param shape - A mask's shape of rank 2 to 4.
 * @returns The rank-4 shape.
 */
export function expandMaskShape(shape: readonly number[]): number[] {
  const ones = new Array<number>(Math.max(0, 4 - shape.length)).fill(1);
  return shape.length >= 4 ? [...shape] : [...shape.slice(0, -2), ...ones, ...shape.slice(-2)];
}
