import type { RandomState } from '@dlkit/core';
import { DlkitError, assertOptions } from '@dlkit/core';
import { readLabels, type Labels } from '../metrics/labels.js';
import { permutation, toRandomState } from './permutation.js';
import { resolveSizes, type SplitSizes } from './split-sizes.js';

/**
 * Options of {@link splitIndices} and {@link trainDevTestSplit}.
 *
 * @category C3 W1 · Train/dev/test distributions
 */
export interface SplitOptions {
  /** A seed or a `RandomState` (default seed 0): the same seed gives the same split. */
  seed?: number | RandomState;
  /**
   * Class labels, `[m]`: keep each class's share the same in every split (stratified). Each split
   * then holds exactly its size, and each class's count in a split is within 1 of proportional.
   */
  stratify?: Labels;
  /**
   * A group per example, `[m]` (a patient, a speaker, a user): all examples of a group land in the
   * same split, so nothing about a group leaks from train into dev or test. Sizes are then met as
   * closely as whole groups allow.
   */
  groups?: ArrayLike<string | number>;
}

/**
 * Splits example indices `0 … m - 1` into named sets by fractions or counts, at random (the
 * slices of NumPy's `RandomState(seed).permutation(m)`, in that order), stratified by class, or
 * grouped so that no group spans two sets.
 *
 * @param m - The number of examples.
 * @param sizes - Fractions summing to 1 or counts summing to `m`, per split.
 * @param options - `seed`, and `stratify` or `groups`.
 * @returns The indices of each split. Stratified and grouped splits list indices in ascending order.
 *
 * @example
 * ```ts
 * import { splitIndices } from '@dlkit/strategy';
 * const s = splitIndices(10, { train: 0.6, dev: 0.2, test: 0.2 }, { seed: 0 });
 * console.log(s.train, s.dev, s.test); // [2, 8, 4, 9, 1, 6] [7, 3] [0, 5]
 * ```
 *
 * @see The guide `docs/strategy/splits.md`.
 *
 * @category C3 W1 · Train/dev/test distributions
 */
export function splitIndices(
  m: number,
  sizes: SplitSizes,
  options: SplitOptions = {},
): Record<string, number[]> {
  assertOptions('splitIndices', 'options', options, ['seed', 'stratify', 'groups']);
  return splitWith('splitIndices', m, sizes, options);
}

/** {@link splitIndices} with the caller's name in messages. @internal */
export function splitWith(
  fn: string,
  m: number,
  sizes: SplitSizes,
  options: SplitOptions,
): Record<string, number[]> {
  const counts = resolveSizes(fn, m, sizes);
  const names = Object.keys(counts);
  const rng = toRandomState(fn, 'options.seed', options.seed);
  if (options.stratify !== undefined && options.groups !== undefined) {
    throw new DlkitError('value', fn, 'give stratify or groups, not both', {
      argument: 'options',
    });
  }
  if (options.stratify !== undefined) {
    const y = readLabels(fn, 'stratify', options.stratify);
    checkLength(fn, 'stratify', y.length, m);
    return stratified(names, counts, y, rng);
  }
  if (options.groups !== undefined) {
    checkLength(fn, 'groups', options.groups.length, m);
    return grouped(fn, names, counts, options.groups, rng);
  }
  const perm = permutation(m, rng);
  const out: Record<string, number[]> = {};
  let at = 0;
  for (const name of names) {
    const n = counts[name] as number;
    out[name] = perm.slice(at, at + n);
    at += n;
  }
  return out;
}

function checkLength(fn: string, argument: string, n: number, m: number): void {
  if (n !== m) {
    throw new DlkitError(
      'shape',
      fn,
      `${argument} must have one entry per example: expected [${m}], got [${n}]`,
      {
        argument,
      },
    );
  }
}

function stratified(
  names: string[],
  counts: Record<string, number>,
  y: ArrayLike<number>,
  rng: RandomState,
): Record<string, number[]> {
  const m = y.length;
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < m; i++) {
    const c = y[i] as number;
    const list = byClass.get(c);
    if (list) list.push(i);
    else byClass.set(c, [i]);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const target = names.map((n) => counts[n] as number);
  // Class × split counts: floors of the proportional shares, then the remainders, largest first,
  // wherever both the class and the split still miss examples.
  const cells = classes.map((c) => {
    const size = (byClass.get(c) as number[]).length;
    return target.map((t) => (size * t) / m);
  });
  const alloc = cells.map((row) => row.map(Math.floor));
  const rowLeft = classes.map(
    (c, r) =>
      (byClass.get(c) as number[]).length - (alloc[r] as number[]).reduce((s, v) => s + v, 0),
  );
  const colLeft = target.map((t, s) => t - alloc.reduce((acc, row) => acc + (row[s] as number), 0));
  const order = cells
    .flatMap((row, r) => row.map((v, s) => ({ r, s, frac: v - Math.floor(v) })))
    .sort((a, b) => b.frac - a.frac || a.r - b.r || a.s - b.s);
  const give = (r: number, s: number) => {
    (alloc[r] as number[])[s] = ((alloc[r] as number[])[s] as number) + 1;
    rowLeft[r] = (rowLeft[r] as number) - 1;
    colLeft[s] = (colLeft[s] as number) - 1;
  };
  for (const { r, s, frac } of order) {
    if (frac > 0 && (rowLeft[r] as number) > 0 && (colLeft[s] as number) > 0) give(r, s);
  }
  for (let r = 0; r < classes.length; r++) {
    for (let s = 0; s < names.length; s++) {
      while ((rowLeft[r] as number) > 0 && (colLeft[s] as number) > 0) give(r, s);
    }
  }
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  classes.forEach((c, r) => {
    const members = byClass.get(c) as number[];
    const perm = permutation(members.length, rng);
    let at = 0;
    names.forEach((name, s) => {
      const n = (alloc[r] as number[])[s] as number;
      for (const k of perm.slice(at, at + n)) (out[name] as number[]).push(members[k] as number);
      at += n;
    });
  });
  for (const name of names) (out[name] as number[]).sort((a, b) => a - b);
  return out;
}

function grouped(
  fn: string,
  names: string[],
  counts: Record<string, number>,
  groups: ArrayLike<string | number>,
  rng: RandomState,
): Record<string, number[]> {
  const members = new Map<string | number, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as string | number;
    if (typeof g !== 'string' && typeof g !== 'number') {
      throw new DlkitError(
        'value',
        fn,
        `groups must hold strings or numbers, got ${String(g)} at index ${i}`,
        {
          argument: 'groups',
        },
      );
    }
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  }
  const keys = [...members.keys()];
  const wanted = names.filter((n) => (counts[n] as number) > 0);
  if (keys.length < wanted.length) {
    throw new DlkitError(
      'value',
      fn,
      `${keys.length} group(s) cannot fill ${wanted.length} non-empty splits: every split needs whole groups`,
      { argument: 'groups' },
    );
  }
  const order = permutation(keys.length, rng).map((k) => keys[k] as string | number);
  const filled: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  // First one group for every non-empty split, then each group to the split furthest below its size.
  order.forEach((g, k) => {
    const list = members.get(g) as number[];
    let pick: string;
    if (k < wanted.length) pick = wanted[k] as string;
    else {
      pick = wanted.reduce((best, n) => {
        const gap = (counts[n] as number) - (filled[n] as number);
        const bestGap = (counts[best] as number) - (filled[best] as number);
        return gap > bestGap ? n : best;
      }, wanted[0] as string);
    }
    (out[pick] as number[]).push(...list);
    filled[pick] = (filled[pick] as number) + list.length;
  });
  for (const name of names) (out[name] as number[]).sort((a, b) => a - b);
  return out;
}
