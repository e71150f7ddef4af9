import type { RandomState } from '@dlkit/core';
import { DlkitError, assertNumber, assertOptions } from '@dlkit/core';
import { permutation, toRandomState } from './permutation.js';

/**
 * The result of {@link trainDevSplit}.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export interface TrainDevSplit<T> {
  /** The remaining training items. */
  train: T[];
  /** The training-dev items: training distribution, not trained on. */
  trainDev: T[];
}

/**
 * Carves a training-dev set out of a training set (C3 W2): examples from the training
 * distribution that the model does not train on. The gap from training error to training-dev
 * error is variance; from training-dev to dev error, data mismatch.
 *
 * @param train - The training set's indices (or any items).
 * @param size - The training-dev size: a fraction in `(0, 1)` or a whole count.
 * @param options - `seed` (a seed or a `RandomState`, default 0).
 * @returns The remaining training items and the training-dev items.
 *
 * @example
 * ```ts
 * import { trainDevSplit } from '@dlkit/strategy';
 * const { train, trainDev } = trainDevSplit([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0.2, { seed: 0 });
 * console.log(train.length, trainDev.length); // 8 2
 * ```
 *
 * @see The guide `docs/strategy/splits.md`.
 *
 * @category C3 W2 · Bias and variance with mismatched data distributions
 */
export function trainDevSplit<T>(
  train: readonly T[],
  size: number,
  options: { seed?: number | RandomState } = {},
): TrainDevSplit<T> {
  const fn = 'trainDevSplit';
  assertOptions(fn, 'options', options, ['seed']);
  if (!Array.isArray(train) || train.length === 0) {
    throw new DlkitError('value', fn, 'train is empty', { argument: 'train' });
  }
  assertNumber(fn, 'size', size, { min: 0, minExclusive: true });
  const n = size < 1 ? Math.round(size * train.length) : size;
  if (!Number.isInteger(n) || n < 1 || n >= train.length) {
    throw new DlkitError(
      'value',
      fn,
      `size must give between 1 and ${train.length - 1} training-dev examples, got ${size} (${n} of ${train.length})`,
      { argument: 'size' },
    );
  }
  const perm = permutation(train.length, toRandomState(fn, 'options.seed', options.seed));
  return {
    trainDev: perm.slice(0, n).map((i) => train[i] as T),
    train: perm.slice(n).map((i) => train[i] as T),
  };
}
