import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

/** The folder holding the committed JSON fixtures and the Python scripts that write them. */
export const fixturesDir = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/**
 * A tensor as fixture scripts write it (`tests/fixtures/common.py`'s `encode`): the values
 * flattened in row-major order with their shape.
 */
export interface FixtureTensor {
  /** The dimensions, e.g. `[m, nH, nW, nC]`; `[]` for a scalar. */
  shape: number[];
  /** The values in row-major order. */
  data: number[];
  /** The tfjs dtype; `float32` when absent. */
  dtype?: 'float32' | 'int32' | 'bool';
}

/**
 * Reads `tests/fixtures/<name>.json`. Tests never run Python: the generator script named in the
 * file's `generator` field writes it, and its output is committed.
 *
 * @param name - The fixture's file name without `.json`.
 * @returns The parsed JSON.
 *
 * @example
 * ```ts
 * import { loadFixture } from '@dlkit/test-harness';
 * const fx = loadFixture<{ generator: string }>('core_random_state');
 * console.log(fx.generator);
 * ```
 */
export function loadFixture<T = Record<string, unknown>>(name: string): T {
  const file = `${fixturesDir}${name}.json`;
  if (!existsSync(file)) {
    throw new Error(
      `loadFixture: no fixture ${file}; run the generator under tests/fixtures/ (see tests/README.md)`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * Turns a {@link FixtureTensor} into a tfjs tensor (the caller owns it).
 *
 * @param t - The encoded tensor.
 * @returns A new tensor of shape `t.shape`.
 *
 * @example
 * ```ts
 * import { fixtureTensor } from '@dlkit/test-harness';
 * const t = fixtureTensor({ shape: [2], data: [1, 2] });
 * t.print();
 * t.dispose();
 * ```
 */
export function fixtureTensor(t: FixtureTensor): tf.Tensor {
  // JSON has no NaN or Infinity: the scripts write them as strings.
  const data = t.data.map((v) => (typeof v === 'string' ? Number(v) : v));
  return tf.tensor(data, t.shape, t.dtype ?? 'float32');
}
