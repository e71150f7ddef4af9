import { DlkitError, assertOptions } from '@dlkit/core';
import { splitWith, type SplitOptions } from './split-indices.js';

/**
 * Train, dev and test example indices.
 *
 * @category C3 W1 · Train/dev/test distributions
 */
export interface TrainDevTestSplit {
  /** Indices of the training set. */
  train: number[];
  /** Indices of the dev (hold-out cross-validation) set. */
  dev: number[];
  /** Indices of the test set. */
  test: number[];
}

/**
 * Splits `m` examples into train, dev and test sets, by fractions (the small-data 60/20/20, the
 * big-data 98/1/1) or by counts, at random, stratified or grouped, with a seed. Dev and test come
 * from the same shuffled pool, so they share one distribution, as the course requires.
 *
 * @param m - The number of examples.
 * @param sizes - `{ train, dev, test }` as fractions summing to 1 or counts summing to `m`.
 * @param options - `seed`, and `stratify` (class labels) or `groups` (a group per example).
 * @returns The indices of each set.
 *
 * @example
 * ```ts
 * import { trainDevTestSplit } from '@dlkit/strategy';
 * const { train, dev, test } = trainDevTestSplit(1_000_000, { train: 0.98, dev: 0.01, test: 0.01 }, { seed: 1 });
 * console.log(train.length, dev.length, test.length); // 980000 10000 10000
 * ```
 *
 * @see The guide `docs/strategy/splits.md`.
 *
 * @category C3 W1 · Train/dev/test distributions
 */
export function trainDevTestSplit(
  m: number,
  sizes: { train: number; dev: number; test: number },
  options: SplitOptions = {},
): TrainDevTestSplit {
  const fn = 'trainDevTestSplit';
  assertOptions(fn, 'options', options, ['seed', 'stratify', 'groups']);
  for (const k of ['train', 'dev', 'test'] as const) {
    if (typeof sizes?.[k] !== 'number') {
      throw new DlkitError('value', fn, `sizes.${k} must be a number, got ${String(sizes?.[k])}`, {
        argument: 'sizes',
      });
    }
  }
  const s = splitWith(fn, m, sizes, options);
  return { train: s.train as number[], dev: s.dev as number[], test: s.test as number[] };
}
