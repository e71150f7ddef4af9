import type * as tf from '@tensorflow/tfjs';
import type { ShapeChecker } from '@dlkit/core';
import { DlkitError, assertTensorRecord, describeValue, type Dim } from '@dlkit/core';

/**
 * Reads a cache (or a cache's field) the forward pass returned, rejecting anything that is not
 * an object with a {@link DlkitError} naming `fn` and `argument`.
 */
export function readCache(fn: string, argument: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be the cache of the forward pass, got ${describeValue(value)}`,
      { argument },
    );
  }
  return value as Record<string, unknown>;
}

/** Reads a list of per-step caches (the first element of a sequence's `caches`). */
export function readCacheList(fn: string, argument: string, value: unknown): unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be the non-empty list of step caches of the forward pass, got ${describeValue(value)}`,
      { argument },
    );
  }
  return value as unknown[];
}

/**
 * Checks a parameter dictionary's tensors against their shapes, binding the named dimensions in
 * `shapes` (so `aPrev` checked afterwards reads "with nA = 5 (from parameters.Waa)").
 *
 * @param shapes - The checker of the public function.
 * @param argument - How the caller knows the dictionary: `parameters` or `cache.parameters`.
 * @param value - The dictionary.
 * @param layout - Each key's expected shape.
 * @returns The dictionary, typed.
 */
export function checkParameters<K extends string>(
  shapes: ShapeChecker,
  argument: string,
  value: unknown,
  layout: Record<K, readonly Dim[]>,
): Record<K, tf.Tensor> {
  const record = assertTensorRecord(shapes.fn, argument, value);
  for (const [key, pattern] of Object.entries(layout) as [K, readonly Dim[]][]) {
    shapes.checkFloat(`${argument}.${key}`, record[key] as tf.Tensor, pattern);
  }
  return record as Record<K, tf.Tensor>;
}

/** Throws when a sequence has no time step. */
export function assertSteps(fn: string, argument: string, Tx: number): void {
  if (Tx < 1) {
    throw new DlkitError(
      'shape',
      fn,
      `${argument} must have at least one time step (Tx >= 1), got Tx = 0`,
      {
        argument,
      },
    );
  }
}
