// Describing a value for an error message. This module imports nothing from tfjs, so the small
// pieces that only raise errors (DlkitError, nodeImport) bundle without tfjs: backend's kill test
// bundles its file-writing child with esbuild and asserts tfjs stays out of it.

/** A tfjs tensor, recognised by its fields (an `instanceof` would need tfjs itself). */
function isTensorLike(value: unknown): value is { dtype: string; rank: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'dataId' in value &&
    'dtype' in value &&
    'rank' in value &&
    'shape' in value
  );
}

/**
 * Writes any value for an error message, without reading a tensor's data (so a disposed tensor
 * is fine): `null`, `number 3`, `string abc`, `[1,2]`, `an array of length 20`,
 * `a float32 tensor of rank 2`, `an object (Map)`.
 *
 * @param value - Anything.
 * @returns A short description.
 *
 * @example
 * ```ts
 * import { describeValue } from '@dlkit/core';
 * console.log(describeValue(undefined), describeValue([1, 2]), describeValue('x')); // undefined [1,2] string x
 * ```
 *
 * @category Tensor basics
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (isTensorLike(value)) return `a ${value.dtype} tensor of rank ${value.rank}`;
  if (Array.isArray(value)) {
    const small =
      value.length <= 10 && value.every((v) => typeof v === 'number' || typeof v === 'string');
    return small ? JSON.stringify(value) : `an array of length ${value.length}`;
  }
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  if (typeof value === 'string') return `string ${value.slice(0, 40)}`;
  return `${typeof value} ${String(value)}`;
}
