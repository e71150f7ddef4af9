import { DlkitError, assertNumber } from '@dlkit/core';

/**
 * How big each split is: either fractions that sum to 1 (`{ train: 0.98, dev: 0.01, test: 0.01 }`)
 * or whole counts that sum to the number of examples (`{ train: 9800, dev: 100, test: 100 }`).
 *
 * @category C3 W1 · Size of the dev and test sets
 */
export type SplitSizes = Record<string, number>;

/**
 * Turns split fractions or counts into whole counts that add up to `m`. Fractions are rounded by
 * largest remainder (ties to the earlier split), so `98/1/1` of 1,000,000 examples is exactly
 * 980,000 / 10,000 / 10,000, the course's big-data split.
 *
 * @param m - The number of examples.
 * @param sizes - Fractions summing to 1, or counts summing to `m`.
 * @returns A count per split, in the order of `sizes`, summing to `m`.
 *
 * @example
 * ```ts
 * import { splitSizes } from '@dlkit/strategy';
 * console.log(splitSizes(1_000_000, { train: 0.98, dev: 0.01, test: 0.01 }));
 * // { train: 980000, dev: 10000, test: 10000 }
 * ```
 *
 * @see The guide `docs/strategy/splits.md`.
 *
 * @category C3 W1 · Size of the dev and test sets
 */
export function splitSizes(m: number, sizes: SplitSizes): Record<string, number> {
  return resolveSizes('splitSizes', m, sizes);
}

/** {@link splitSizes} with the caller's name in messages. @internal */
export function resolveSizes(fn: string, m: number, sizes: SplitSizes): Record<string, number> {
  assertNumber(fn, 'm', m, { integer: true, min: 1 });
  const entries = Object.entries(sizes ?? {});
  if (entries.length === 0) {
    throw new DlkitError('value', fn, 'sizes must name at least one split', { argument: 'sizes' });
  }
  for (const [name, v] of entries) assertNumber(fn, `sizes.${name}`, v, { min: 0 });
  const sum = entries.reduce((s, [, v]) => s + v, 0);
  const allWhole = entries.every(([, v]) => Number.isInteger(v));
  const fractions = entries.every(([, v]) => v <= 1) && Math.abs(sum - 1) <= 1e-9;
  const show = entries.map(([k, v]) => `${k} ${v}`).join(', ');
  if (fractions) {
    const exact = entries.map(([, v]) => v * m);
    const counts = exact.map(Math.floor);
    let left = m - counts.reduce((s, v) => s + v, 0);
    const order = exact
      .map((v, i) => ({ i, r: v - Math.floor(v) }))
      .sort((a, b) => b.r - a.r || a.i - b.i);
    for (const { i } of order) {
      if (left <= 0) break;
      counts[i] = (counts[i] as number) + 1;
      left--;
    }
    return Object.fromEntries(entries.map(([k], i) => [k, counts[i] as number]));
  }
  if (allWhole) {
    if (sum !== m) {
      throw new DlkitError(
        'value',
        fn,
        `split counts must sum to the ${m} examples, got ${sum} (${show})`,
        { argument: 'sizes' },
      );
    }
    return Object.fromEntries(entries);
  }
  throw new DlkitError(
    'value',
    fn,
    `split fractions must sum to 1, got ${Number(sum.toPrecision(12))} (${show})`,
    { argument: 'sizes' },
  );
}
