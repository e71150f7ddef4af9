/**
 * The integer seed in the environment variable `name`, or `fallback` when it is unset or empty.
 * Throws when it is set to something other than a safe integer, so a typo does not silently
 * run with the default.
 *
 * @param name - The variable, e.g. `'DLKIT_FC_SEED'`.
 * @param fallback - The seed when the variable is unset (default 1).
 * @returns The seed.
 *
 * @example
 * ```ts
 * import { seedFromEnv } from '@dlkit/test-harness';
 * const seed = seedFromEnv('DLKIT_SOME_UNSET_VARIABLE', 7); // 7
 * ```
 */
export function seedFromEnv(name: string, fallback = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`${name} must be an integer, got '${raw}'`);
  return seed;
}

/**
 * A drop-in for `Math.random` that returns the same sequence for the same seed (mulberry32:
 * 32-bit state, uniform on [0, 1) in steps of 2⁻³²).
 *
 * @param seed - Any integer; only its low 32 bits are used.
 * @returns A function returning the next number in [0, 1).
 *
 * @example
 * ```ts
 * import { seededMathRandom } from '@dlkit/test-harness';
 * const a = seededMathRandom(1);
 * const b = seededMathRandom(1);
 * const same = a() === b(); // true
 * ```
 */
export function seededMathRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
