import { assertNumber } from '@dlkit/core';
import { asStep, resolveGreedyOptions, type BeamSearchOptions } from './decoding-options.js';
import { scoreRows, type Hypothesis, type StepFunction } from './step-function.js';

/** The widest beam accepted: wider is a mistake (the course uses 3 to 10, production ~100). */
export const MAX_BEAM_WIDTH = 10_000;

interface Candidate {
  tokens: number[];
  logProbability: number;
}

/** The `k` best extensions of the live prefixes by summed log-probability (ties: earlier beam, lower token). */
function bestExtensions(
  live: readonly Candidate[],
  rows: readonly ArrayLike<number>[],
  k: number,
): Candidate[] {
  const all: { beam: number; token: number; logProbability: number }[] = [];
  rows.forEach((row, beam) => {
    const base = (live[beam] as Candidate).logProbability;
    for (let token = 0; token < row.length; token++) {
      const lp = base + (row[token] as number);
      if (lp > -Infinity) all.push({ beam, token, logProbability: lp });
    }
  });
  all.sort((a, b) => b.logProbability - a.logProbability || a.beam - b.beam || a.token - b.token);
  return all.slice(0, k).map(({ beam, token, logProbability }) => ({
    tokens: [...(live[beam] as Candidate).tokens, token],
    logProbability,
  }));
}

/** The course's normalised objective `log P / Ty^α`. */
function normalised(c: Candidate, alpha: number): number {
  return c.tokens.length === 0 ? c.logProbability : c.logProbability / c.tokens.length ** alpha;
}

/**
 * Beam search: keeps the `B = beamWidth` most likely prefixes at each step, extends each by every
 * token, and keeps the `B` best of those; a prefix that picks the end token is finished and
 * takes its slot, so the beam narrows until every hypothesis has finished or `maxLength` tokens
 * are decoded. The hypotheses are then ranked by the course's length-normalised objective
 * `(1 / Ty^α) Σ log P(y⟨t⟩ | x, y⟨<t⟩)`, so short sentences are not favoured just for having
 * fewer factors below 1. Width 1 is greedy search.
 *
 * @param step - The decoder: prefixes → a row of log-probabilities per prefix (called with up to `B` prefixes at once).
 * @param options - `beamWidth`, `maxLength`, and the optional `startToken`, `endToken` and `lengthNormalization` (α, default 0.7).
 * @returns Up to `B` hypotheses, best `score` first.
 *
 * @example
 * ```ts
 * import { beamSearch, greedySearch } from '@dlkit/sequence';
 * // Token 0 is likelier first, but token 1 is far likelier to end well (token 2 ends).
 * const step = (prefixes: readonly (readonly number[])[]) =>
 *   prefixes.map((p) =>
 *     (p.length === 0 ? [0.5, 0.4, 0.1] : p[0] === 0 ? [0.3, 0.3, 0.4] : [0.05, 0.05, 0.9]).map(Math.log),
 *   );
 * console.log(greedySearch(step, { maxLength: 2, endToken: 2 }).tokens); // [0, 2]: P = 0.2
 * const [best] = beamSearch(step, { beamWidth: 2, maxLength: 2, endToken: 2 });
 * console.log(best?.tokens, Math.exp(best?.logProbability ?? 0).toFixed(2)); // [1, 2] 0.36
 * ```
 *
 * @see The guide `docs/sequence/decoding.md`.
 *
 * @category C5 W3 · Beam search
 */
export function beamSearch(step: StepFunction, options: BeamSearchOptions): Hypothesis[] {
  const fn = 'beamSearch';
  const o = resolveGreedyOptions(fn, step, options, ['beamWidth', 'lengthNormalization']);
  const width = assertNumber(fn, 'options.beamWidth', options.beamWidth, {
    integer: true,
    min: 1,
    max: MAX_BEAM_WIDTH,
  });
  const alpha =
    options.lengthNormalization === undefined
      ? 0.7
      : assertNumber(fn, 'options.lengthNormalization', options.lengthNormalization, {
          min: 0,
          max: 1,
        });
  const special = [o.startToken, o.endToken].filter((t) => t !== undefined);
  const start = o.startToken === undefined ? [] : [o.startToken];
  const finished: Candidate[] = [];
  let live: Candidate[] = [{ tokens: [], logProbability: 0 }];
  for (let t = 0; t < o.maxLength && live.length > 0; t++) {
    const rows = scoreRows(
      fn,
      asStep(step),
      live.map((c) => [...start, ...c.tokens]),
      special,
    );
    const next = bestExtensions(live, rows, width - finished.length);
    live = [];
    for (const c of next) (c.tokens[c.tokens.length - 1] === o.endToken ? finished : live).push(c);
  }
  const result = [
    ...finished.map((c) => ({ ...c, finished: true })),
    ...live.map((c) => ({ ...c, finished: false })),
  ].map((c) => ({ ...c, score: normalised(c, alpha) }));
  return result.sort((a, b) => b.score - a.score);
}
