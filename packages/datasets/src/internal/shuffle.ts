import type { RandomState } from '@dlkit/core';

/**
 * NumPy's legacy `random_interval(max)`: a uniform integer in `[0, max]` by masked rejection on
 * 32-bit draws, so shuffles match `np.random.RandomState(seed).shuffle` exactly.
 * (Internal: core is getting its own permutation helpers; this one stays private to datasets.)
 */
function randomInterval(rng: RandomState, max: number): number {
  if (max === 0) return 0;
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  mask >>>= 0;
  let value: number;
  do value = (rng.nextUint32() & mask) >>> 0;
  while (value > max);
  return value;
}

/** Fisher–Yates in place, the same draws and swaps as NumPy's legacy `shuffle` (for lengths up to 2^32). */
export function shuffleInPlace<T>(
  rng: RandomState,
  items: { [i: number]: T; length: number },
): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInterval(rng, i);
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
}

/** `np.random.RandomState(seed).permutation(n)` as an `Int32Array`. */
export function permutation(rng: RandomState, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  shuffleInPlace(rng, out);
  return out;
}
