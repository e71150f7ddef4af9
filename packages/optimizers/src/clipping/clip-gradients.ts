import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertDtype, assertNumber } from '@dlkit/core';

/**
 * What {@link clipGradientsByGlobalNorm} returns.
 *
 * @category C2 W2 · Gradient clipping
 */
export interface GlobalNormClipResult {
  /** The clipped gradients, under the same keys (new tensors: the caller disposes them). */
  gradients: Record<string, tf.Tensor>;
  /** The global norm before clipping, `√(Σ ‖g‖²)` over every gradient (a new scalar). */
  globalNorm: tf.Scalar;
}

function checkGradients(fn: string, gradients: unknown): [string, tf.Tensor][] {
  if (gradients === null || typeof gradients !== 'object' || Array.isArray(gradients)) {
    throw new DlkitError(
      'value',
      fn,
      `gradients must be an object of tensors by name, got ${gradients === null ? 'null' : typeof gradients}`,
      { argument: 'gradients' },
    );
  }
  const entries = Object.entries(gradients as Record<string, unknown>);
  for (const [key, g] of entries) assertDtype(fn, `gradients.${key}`, g as tf.Tensor, ['float32']);
  return entries as [string, tf.Tensor][];
}

/** Every tensor clipped to `[-clipValue, clipValue]` (new tensors). */
export function clipTensorsByValue(tensors: readonly tf.Tensor[], clipValue: number): tf.Tensor[] {
  return tensors.map((g) => tf.clipByValue(g, -clipValue, clipValue));
}

/**
 * The tensors scaled by `clipNorm / max(globalNorm, clipNorm)` (tf.clip_by_global_norm's rule:
 * unchanged when the global norm is at most `clipNorm`), and the global norm (new tensors).
 */
export function clipTensorsByGlobalNorm(
  tensors: readonly tf.Tensor[],
  clipNorm: number,
): { clipped: tf.Tensor[]; globalNorm: tf.Scalar } {
  return tf.tidy(() => {
    const squares = tensors.map((g) => tf.sum(tf.square(g)));
    const globalNorm = tf.sqrt(squares.length === 0 ? tf.scalar(0) : tf.addN(squares)) as tf.Scalar;
    const scale = tf.div(clipNorm, tf.maximum(globalNorm, clipNorm));
    return { clipped: tensors.map((g) => tf.mul(g, scale)), globalNorm };
  });
}

/**
 * Clips every gradient element-wise to `[-clipValue, clipValue]` (Keras' `clipvalue`, PyTorch's
 * `clip_grad_value_`). Use it against exploding gradients when single entries spike.
 *
 * @param gradients - Gradients by name (a course dictionary `dW1, db1, …` or a tfjs
 *   `NamedTensorMap`), float32, any shapes.
 * @param clipValue - The bound, a finite number above 0.
 * @returns New tensors under the same keys (the caller disposes them; the inputs are untouched).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { clipGradientsByValue } from '@dlkit/optimizers';
 * const grads = { dW1: tf.tensor2d([[3, -0.5], [-7, 1]]) };
 * const clipped = clipGradientsByValue(grads, 2);
 * clipped.dW1!.print(); // [[2, -0.5], [-2, 1]]
 * tf.dispose([grads.dW1, clipped.dW1!]);
 * ```
 *
 * @see the guide page `docs/optimizers/clipping.md`
 * @category C2 W2 · Gradient clipping
 */
export function clipGradientsByValue(
  gradients: Record<string, tf.Tensor>,
  clipValue: number,
): Record<string, tf.Tensor> {
  const fn = 'clipGradientsByValue';
  const entries = checkGradients(fn, gradients);
  assertNumber(fn, 'clipValue', clipValue, { min: 0, minExclusive: true });
  const clipped = clipTensorsByValue(
    entries.map(([, g]) => g),
    clipValue,
  );
  return Object.fromEntries(entries.map(([k], i) => [k, clipped[i]!]));
}

/**
 * Rescales all gradients together so that their global norm `√(Σ ‖g‖²)` is at most `clipNorm`
 * (`tf.clip_by_global_norm`, PyTorch's `clip_grad_norm_`): the direction of the whole update is
 * kept, only its length is capped. Gradients whose global norm is already at most `clipNorm` are
 * returned unchanged (as copies).
 *
 * @param gradients - Gradients by name (a course dictionary `dW1, db1, …` or a tfjs
 *   `NamedTensorMap`), float32, any shapes.
 * @param clipNorm - The largest global norm, a finite number above 0.
 * @returns The clipped gradients under the same keys and the global norm before clipping (all new
 *   tensors: the caller disposes them).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { clipGradientsByGlobalNorm } from '@dlkit/optimizers';
 * const grads = { dW1: tf.tensor1d([3, 0]), db1: tf.tensor1d([4]) }; // global norm 5
 * const { gradients, globalNorm } = clipGradientsByGlobalNorm(grads, 1);
 * console.log(globalNorm.dataSync()[0]); // 5
 * gradients.dW1!.print(); // [0.6, 0]
 * tf.dispose([grads.dW1, grads.db1, globalNorm, ...Object.values(gradients)]);
 * ```
 *
 * @see the guide page `docs/optimizers/clipping.md`
 * @category C2 W2 · Gradient clipping
 */
export function clipGradientsByGlobalNorm(
  gradients: Record<string, tf.Tensor>,
  clipNorm: number,
): GlobalNormClipResult {
  const fn = 'clipGradientsByGlobalNorm';
  const entries = checkGradients(fn, gradients);
  assertNumber(fn, 'clipNorm', clipNorm, { min: 0, minExclusive: true });
  const { clipped, globalNorm } = clipTensorsByGlobalNorm(
    entries.map(([, g]) => g),
    clipNorm,
  );
  return { gradients: Object.fromEntries(entries.map(([k], i) => [k, clipped[i]!])), globalNorm };
}
