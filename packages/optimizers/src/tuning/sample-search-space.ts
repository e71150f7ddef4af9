import { RandomState, assertNumber } from '@dlkit/core';
import {
  checkSearchSpace,
  type Hyperparameter,
  type SearchSpace,
  type TrialConfig,
} from './search-space.js';

/** The largest number of trials one call samples or runs. */
export const MAX_TRIALS = 100_000;

/** One value of a hyperparameter from one uniform draw `u` in [0, 1). */
export function sampleOne(h: Hyperparameter, u: number): string | number | boolean {
  switch (h.kind) {
    case 'uniform':
      return h.low + (h.high - h.low) * u;
    case 'logUniform': {
      // r runs down from log10 high, so logUniform(1e-4, 1) is the lecture's r = -4 · rand().
      const [a, b] = [Math.log10(h.low), Math.log10(h.high)];
      return 10 ** (b - (b - a) * u);
    }
    case 'oneMinusLogUniform': {
      const [a, b] = [Math.log10(1 - h.high), Math.log10(1 - h.low)];
      return 1 - 10 ** (b - (b - a) * u);
    }
    case 'int':
      return Math.min(h.high, h.low + Math.floor((h.high - h.low + 1) * u));
    case 'choice':
      return h.values[Math.min(h.values.length - 1, Math.floor(h.values.length * u))]!;
  }
}

/**
 * Draws random settings from a search space: the lecture's "try random values, don't use a grid",
 * each hyperparameter on its own scale (see {@link Hyperparameter}). Seeded: one
 * `RandomState(seed)` draws one uniform number per hyperparameter, in the space's key order, trial
 * after trial, so the same seed gives the same settings.
 *
 * @param space - Hyperparameters by name.
 * @param numTrials - How many settings, a whole number in [1, 100000].
 * @param seed - The seed (default 1).
 * @returns The settings, one object per trial.
 *
 * @example
 * ```ts
 * import { logUniform, oneMinusLogUniform, intUniform, sampleSearchSpace } from '@dlkit/optimizers';
 * const space = {
 *   learningRate: logUniform(1e-4, 1),
 *   beta: oneMinusLogUniform(0.9, 0.999),
 *   hiddenUnits: intUniform(50, 100),
 * };
 * const configs = sampleSearchSpace(space, 3, 1);
 * console.log(configs[0]); // learningRate 10^(-4 · 0.417…) ≈ 0.0214, …
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export function sampleSearchSpace(space: SearchSpace, numTrials: number, seed = 1): TrialConfig[] {
  const fn = 'sampleSearchSpace';
  const entries = checkSearchSpace(fn, space);
  assertNumber(fn, 'numTrials', numTrials, { integer: true, min: 1, max: MAX_TRIALS });
  assertNumber(fn, 'seed', seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  const rng = new RandomState(seed);
  return Array.from({ length: numTrials }, () =>
    Object.fromEntries(entries.map(([name, h]) => [name, sampleOne(h, rng.nextDouble())])),
  );
}
