import { DlkitError, assertNumber } from '@dlkit/core';
import { checkSearchSpace, type Hyperparameter, type SearchSpace } from './search-space.js';
import {
  checkRank,
  checkTrials,
  sortTrials,
  type RankOptions,
  type TrialRecord,
} from './trial-record.js';

/**
 * Options of {@link refineSearchSpace}.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export interface RefineOptions extends RankOptions {
  /** How many of the best trials the new ranges must cover (default: a quarter, at least 2). */
  keep?: number;
  /**
   * How far to widen each range beyond the kept trials, as a fraction of their range on its own
   * scale (a tenth of the old range when they all have one value; default 0.1).
   */
  margin?: number;
}

/** A value on the scale a hyperparameter is sampled on (log10 for the log scales). */
const toScale = (h: Hyperparameter, v: number): number =>
  h.kind === 'logUniform' ? Math.log10(v) : h.kind === 'oneMinusLogUniform' ? Math.log10(1 - v) : v;
const fromScale = (h: Hyperparameter, s: number): number =>
  h.kind === 'logUniform' ? 10 ** s : h.kind === 'oneMinusLogUniform' ? 1 - 10 ** s : s;

function narrow(h: Hyperparameter, values: unknown[], margin: number): Hyperparameter {
  if (h.kind === 'choice') {
    const kept = h.values.filter((v) => values.includes(v));
    return { kind: 'choice', values: kept.length > 0 ? kept : h.values };
  }
  const nums = values.filter((v): v is number => typeof v === 'number');
  if (nums.length === 0) return h;
  const scaled = nums.map((v) => toScale(h, v));
  const [lo, hi] = [Math.min(...scaled), Math.max(...scaled)];
  const [a, b] = [toScale(h, h.low), toScale(h, h.high)];
  // A single kept value has no width: it is taken as a tenth of the old range.
  const pad = (hi > lo ? hi - lo : Math.abs(b - a) / 10) * margin;
  const clamp = (s: number): number => Math.min(Math.max(a, b), Math.max(Math.min(a, b), s));
  let low = fromScale(h, clamp(lo - pad));
  let high = fromScale(h, clamp(hi + pad));
  if (low > high) [low, high] = [high, low];
  if (h.kind === 'int') [low, high] = [Math.floor(low), Math.ceil(high)];
  return { kind: h.kind, low, high };
}

/**
 * Coarse to fine: the lecture's "zoom in to a smaller region where the best points are, then
 * sample more densely there". Keeps the best trials by the metric and returns a space whose ranges
 * just cover their values (on each hyperparameter's own scale, widened by `margin`, inside the old
 * range); a choice keeps the values the best trials used.
 *
 * @param space - The space the trials were drawn from.
 * @param trials - The finished trials (e.g. from {@link runTrials}).
 * @param options - The `metric`, `mode`, `keep` and `margin`.
 * @returns The narrower space.
 *
 * @example
 * ```ts
 * import { logUniform, refineSearchSpace } from '@dlkit/optimizers';
 * const space = { learningRate: logUniform(1e-4, 1) };
 * const trials = [1e-4, 1e-3, 1e-2, 1e-1].map((lr, trial) => ({
 *   trial, seed: trial, config: { learningRate: lr }, metrics: { cost: Math.abs(Math.log10(lr) + 2.5) },
 * }));
 * const finer = refineSearchSpace(space, trials, { metric: 'cost', keep: 2, margin: 0 });
 * console.log(finer.learningRate); // { kind: 'logUniform', low: 0.001, high: 0.01 } (about)
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export function refineSearchSpace(
  space: SearchSpace,
  trials: readonly TrialRecord[],
  options: RefineOptions,
): SearchSpace {
  const fn = 'refineSearchSpace';
  const entries = checkSearchSpace(fn, space);
  const list = checkTrials(fn, trials);
  const rank = checkRank(fn, options);
  if (list.length === 0) {
    throw new DlkitError('value', fn, 'trials must hold at least one finished trial', {
      argument: 'trials',
    });
  }
  const keep = assertNumber(fn, 'keep', options.keep ?? Math.max(2, Math.ceil(list.length / 4)), {
    integer: true,
    min: 1,
  });
  const margin = assertNumber(fn, 'margin', options.margin ?? 0.1, { min: 0, max: 10 });
  const best = sortTrials(list, rank).slice(0, keep);
  return Object.fromEntries(
    entries.map(([name, h]) => [
      name,
      narrow(
        h,
        best.map((t) => t.config[name]),
        margin,
      ),
    ]),
  );
}
