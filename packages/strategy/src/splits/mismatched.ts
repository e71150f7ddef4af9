import type { RandomState } from '@dlkit/core';
import { DlkitError, assertNumber, assertOptions, assertSize } from '@dlkit/core';
import { permutation, toRandomState } from './permutation.js';

/**
 * Where an example comes from in a {@link mismatchedSplit}: the data you care about (`target`,
 * e.g. photos uploaded from the mobile app) or other data (`other`, e.g. photos crawled from the
 * web), with its index in that source.
 *
 * @category C3 W2 · Training and testing on different distributions
 */
export interface SampleRef {
  /** The source. */
  source: 'target' | 'other';
  /** The example's index within its source. */
  index: number;
}

/**
 * Options of {@link mismatchedSplit}. Sizes are counts, or fractions of the target data
 * (`dev`, `test`) or of the training set (`trainDev`).
 *
 * @category C3 W2 · Training and testing on different distributions
 */
export interface MismatchedSplitOptions {
  /** How many examples of the data you care about (e.g. 10,000 mobile-app photos). */
  targetSize: number;
  /** How many examples of other data (e.g. 200,000 web photos). */
  otherSize: number;
  /** Dev set size, from the target data only: a count, or a fraction of `targetSize`. */
  dev: number;
  /** Test set size, from the target data only: a count, or a fraction of `targetSize`. */
  test: number;
  /**
   * Training-dev set size, carved out of the training mix (same distribution as training, not
   * trained on): a count, or a fraction of the training set. Default 0.
   */
  trainDev?: number;
  /** A seed or a `RandomState` (default seed 0). */
  seed?: number | RandomState;
}

/**
 * How many examples of each source a set holds.
 *
 * @category C3 W2 · Training and testing on different distributions
 */
export interface SourceCounts {
  /** Examples of the data you care about. */
  target: number;
  /** Examples of other data. */
  other: number;
}

/**
 * The four sets of the mismatched-distribution recipe, with per-source counts.
 *
 * @category C3 W2 · Training and testing on different distributions
 */
export interface MismatchedSplit {
  /** Training set: all other data plus the target data not held out. */
  train: SampleRef[];
  /** Training-dev set: same mix as training, held out to measure variance. */
  trainDev: SampleRef[];
  /** Dev set: target data only. */
  dev: SampleRef[];
  /** Test set: target data only. */
  test: SampleRef[];
  /** How many examples of each source each set holds. */
  counts: Record<'train' | 'trainDev' | 'dev' | 'test', SourceCounts>;
}

function count(fn: string, name: string, v: number, of: number): number {
  assertNumber(fn, name, v, { min: 0 });
  if (v < 1 && !Number.isInteger(v)) return Math.round(v * of);
  if (!Number.isInteger(v)) {
    throw new DlkitError(
      'value',
      fn,
      `${name} must be a fraction below 1 or a whole count, got ${v}`,
      {
        argument: name,
      },
    );
  }
  return v;
}

/**
 * The course's recipe when the data you care about is scarce (C3 W2): put all the other data and
 * part of the target data in training, and build dev and test from the target data only, so the
 * team aims at the distribution it must do well on. A training-dev set, carved out of the
 * training mix, separates variance from data mismatch. For 200,000 web photos and 10,000 app photos:
 * train 205,000 (200,000 web + 5,000 app), dev 2,500 app, test 2,500 app.
 *
 * @param options - Source sizes, dev/test/train-dev sizes and the seed.
 * @returns The sets as `(source, index)` references and their per-source counts.
 *
 * @example
 * ```ts
 * import { mismatchedSplit } from '@dlkit/strategy';
 * const s = mismatchedSplit({ otherSize: 200_000, targetSize: 10_000, dev: 2_500, test: 2_500, seed: 0 });
 * console.log(s.counts.train, s.counts.dev); // { target: 5000, other: 200000 } { target: 2500, other: 0 }
 * ```
 *
 * @see The guide `docs/strategy/splits.md`.
 *
 * @category C3 W2 · Training and testing on different distributions
 */
export function mismatchedSplit(options: MismatchedSplitOptions): MismatchedSplit {
  const fn = 'mismatchedSplit';
  if (options === undefined) {
    throw new DlkitError('value', fn, 'options must give targetSize, otherSize, dev and test', {
      argument: 'options',
    });
  }
  assertOptions(fn, 'options', options, [
    'targetSize',
    'otherSize',
    'dev',
    'test',
    'trainDev',
    'seed',
  ]);
  const targetSize = assertSize(fn, 'targetSize', options.targetSize, 1);
  const otherSize = assertSize(fn, 'otherSize', options.otherSize);
  const nDev = count(fn, 'dev', options.dev, targetSize);
  const nTest = count(fn, 'test', options.test, targetSize);
  if (nDev + nTest > targetSize) {
    throw new DlkitError(
      'value',
      fn,
      `dev (${nDev}) and test (${nTest}) need ${nDev + nTest} target examples, but there are ${targetSize}`,
      { argument: 'dev' },
    );
  }
  if (nDev === 0 || nTest === 0) {
    throw new DlkitError(
      'value',
      fn,
      `dev and test must not be empty, got dev ${nDev} and test ${nTest}`,
      {
        argument: nDev === 0 ? 'dev' : 'test',
      },
    );
  }
  const rng = toRandomState(fn, 'options.seed', options.seed);
  const target = permutation(targetSize, rng).map((index): SampleRef => ({
    source: 'target',
    index,
  }));
  const dev = target.slice(0, nDev);
  const test = target.slice(nDev, nDev + nTest);
  const pool = [
    ...target.slice(nDev + nTest),
    ...Array.from({ length: otherSize }, (_, index): SampleRef => ({ source: 'other', index })),
  ];
  const mixed = permutation(pool.length, rng).map((k) => pool[k] as SampleRef);
  const nTrainDev = count(fn, 'trainDev', options.trainDev ?? 0, mixed.length);
  if (nTrainDev >= mixed.length && mixed.length > 0) {
    throw new DlkitError(
      'value',
      fn,
      `trainDev (${nTrainDev}) must leave training examples: the training mix has ${mixed.length}`,
      { argument: 'trainDev' },
    );
  }
  const trainDev = mixed.slice(0, nTrainDev);
  const train = mixed.slice(nTrainDev);
  if (train.length === 0) {
    throw new DlkitError(
      'value',
      fn,
      'the training set is empty: lower dev and test or add other data',
      {
        argument: 'otherSize',
      },
    );
  }
  const tally = (refs: SampleRef[]): SourceCounts => ({
    target: refs.filter((r) => r.source === 'target').length,
    other: refs.filter((r) => r.source === 'other').length,
  });
  return {
    train,
    trainDev,
    dev,
    test,
    counts: { train: tally(train), trainDev: tally(trainDev), dev: tally(dev), test: tally(test) },
  };
}
