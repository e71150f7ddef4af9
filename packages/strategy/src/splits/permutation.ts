import { RandomState, assertNumber, assertSize } from '@dlkit/core';

/**
 * A random permutation of `0 … m - 1`, equal to NumPy's `np.random.RandomState(seed).permutation(m)`
 * (the Fisher-Yates shuffle with NumPy's bounded integers drawn from MT19937), so a split made here
 * and one made in Python with the same seed hold the same examples.
 *
 * @param m - How many indices.
 * @param rng - A `RandomState` (its state advances) or a seed (default 0).
 * @returns The shuffled indices.
 *
 * @example
 * ```ts
 * import { permutation } from '@dlkit/strategy';
 * console.log(permutation(10, 0)); // [2, 8, 4, 9, 1, 6, 7, 3, 0, 5], as NumPy
 * ```
 *
 * @see The guide `docs/strategy/splits.md`.
 *
 * @category C3 W1 · Train/dev/test distributions
 */
export function permutation(m: number, rng: RandomState | number = 0): number[] {
  assertSize('permutation', 'm', m);
  return Array.from(toRandomState('permutation', 'rng', rng).permutation(m));
}

/** The seed option shared by the split functions: a seed or a `RandomState`. @internal */
export function toRandomState(
  fn: string,
  argument: string,
  seed: RandomState | number | undefined,
): RandomState {
  if (seed instanceof RandomState) return seed;
  const n = assertNumber(fn, argument, seed === undefined ? 0 : seed, {
    integer: true,
    min: 0,
    max: 2 ** 32 - 1,
  });
  return new RandomState(n);
}
