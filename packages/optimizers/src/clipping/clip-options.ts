import type * as tf from '@tensorflow/tfjs';
import { assertNumber, assertOptions } from '@dlkit/core';
import { clipTensorsByGlobalNorm, clipTensorsByValue } from './clip-gradients.js';

/**
 * Gradient clipping that dlkit's optimizers apply before each update: first element-wise to
 * `[-clipValue, clipValue]`, then all gradients of the step together to a global norm of at most
 * `clipNorm` (Keras' `clipvalue` and `global_clipnorm`). Leave both out for no clipping.
 *
 * @category C2 W2 · Gradient clipping
 */
export interface ClipOptions {
  /** Element-wise bound, above 0. */
  clipValue?: number;
  /** Largest global norm of the step's gradients, above 0. */
  clipNorm?: number;
}

/** The fields of {@link ClipOptions}, as optimisers' configs hold them. */
export const CLIP_FIELDS: readonly string[] = ['clipValue', 'clipNorm'];

/** Checks the clipping options of an optimizer and returns the ones set. */
export function checkClipOptions(fn: string, options: ClipOptions): ClipOptions {
  const out: ClipOptions = {};
  for (const key of ['clipValue', 'clipNorm'] as const) {
    const value: unknown = options[key];
    if (value === undefined || value === null) continue;
    out[key] = assertNumber(fn, key, value, { min: 0, minExclusive: true });
  }
  return out;
}

/**
 * Checks a constructor's trailing options object: absent (or null), or a plain object whose
 * fields are all among `known` (the clipping fields unless told).
 */
export function checkOptionsObject<T extends object>(
  fn: string,
  options: unknown,
  known: readonly string[] = CLIP_FIELDS,
): Partial<T> {
  if (options === undefined || options === null) return {};
  return assertOptions(fn, 'options', options as T, known as (keyof T & string)[]);
}

/**
 * The step's gradients after clipping (new tensors where clipped, the given ones otherwise; a
 * missing gradient stays missing). Call it inside a `tf.tidy`.
 */
export function clipGradients(
  list: readonly [string, tf.Tensor | null][],
  clipping: ClipOptions,
): (tf.Tensor | null)[] {
  const present = list.map(([, g]) => g).filter((g): g is tf.Tensor => g != null);
  let clipped = present;
  if (clipping.clipValue !== undefined) clipped = clipTensorsByValue(clipped, clipping.clipValue);
  if (clipping.clipNorm !== undefined)
    clipped = clipTensorsByGlobalNorm(clipped, clipping.clipNorm).clipped;
  let next = 0;
  return list.map(([, g]) => (g == null ? null : clipped[next++]!));
}
