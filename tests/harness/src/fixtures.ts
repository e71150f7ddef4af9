import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { expectTensorsClose, type CloseOptions } from './close.ts';

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

/**
 * Turns a dictionary of {@link FixtureTensor}s (a parameter, gradient or cache dictionary as the
 * scripts write it) into tensors the caller owns.
 *
 * @param d - `{ W1: {shape, data}, … }`.
 * @returns `{ W1: tensor, … }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { fixtureDict } from '@dlkit/test-harness';
 * const p = fixtureDict({ W1: { shape: [1, 2], data: [1, 2] } });
 * p['W1']!.print();
 * tf.dispose(p);
 * ```
 */
export function fixtureDict(d: Record<string, FixtureTensor>): Record<string, tf.Tensor> {
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, fixtureTensor(v)]));
}

/**
 * Checks a dictionary of tensors against a fixture's dictionary: the same keys (those of
 * `expected`, all present in `actual`) and every tensor close (see `expectTensorsClose`).
 *
 * @param actual - `{ W1: tensor, … }` (may hold more keys than `expected`).
 * @param expected - `{ W1: {shape, data}, … }` as the scripts write it.
 * @param options - Tolerances; `label` prefixes each key's label.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { expectFixtureDictClose } from '@dlkit/test-harness';
 * const W1 = tf.tensor2d([[1, 2]]);
 * expectFixtureDictClose({ W1 }, { W1: { shape: [1, 2], data: [1, 2] } });
 * W1.dispose();
 * ```
 */
export function expectFixtureDictClose(
  actual: Record<string, tf.Tensor>,
  expected: Record<string, FixtureTensor>,
  options: CloseOptions = {},
): void {
  const label = options.label ?? 'dict';
  for (const [k, v] of Object.entries(expected)) {
    const a = actual[k];
    if (a === undefined) throw new Error(`${label}: no ${k}`);
    const e = fixtureTensor(v);
    try {
      expectTensorsClose(a, e, { ...options, label: `${label}.${k}` });
    } finally {
      e.dispose();
    }
  }
}
