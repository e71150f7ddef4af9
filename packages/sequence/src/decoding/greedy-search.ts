import { resolveGreedyOptions, asStep, type GreedySearchOptions } from './decoding-options.js';
import { scoreRows, type Hypothesis, type StepFunction } from './step-function.js';

/** The index of a row's largest score, the lowest index on a tie. */
export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if ((row[j] as number) > (row[best] as number)) best = j;
  return best;
}

/**
 * Greedy decoding: at each step, the single most likely next token (`argmax P(y⟨t⟩ | x, y⟨<t⟩)`),
 * until the end token or `maxLength` tokens. Fast, but the best token now can lead to a worse
 * whole sentence than beam search finds (the lecture's "Jane is going" against "Jane is
 * visiting").
 *
 * @param step - The decoder: prefixes → a row of log-probabilities per prefix (called with one prefix).
 * @param options - `maxLength`, and the optional `startToken` and `endToken`.
 * @returns The decoded sequence with its log-probability (its `score` is the same number).
 *
 * @example
 * ```ts
 * import { greedySearch } from '@dlkit/sequence';
 * // A toy decoder over tokens 0, 1 and 2 (the end token): 0 first, then the end.
 * const step = (prefixes: readonly (readonly number[])[]) =>
 *   prefixes.map((p) => (p.length === 0 ? [0.6, 0.3, 0.1] : [0.1, 0.1, 0.8]).map(Math.log));
 * const { tokens, logProbability } = greedySearch(step, { maxLength: 5, endToken: 2 });
 * console.log(tokens, Math.exp(logProbability).toFixed(2)); // [0, 2] 0.48
 * ```
 *
 * @see The guide `docs/sequence/decoding.md`.
 *
 * @category C5 W3 · Beam search
 */
export function greedySearch(step: StepFunction, options: GreedySearchOptions): Hypothesis {
  const o = resolveGreedyOptions('greedySearch', step, options);
  const special = [o.startToken, o.endToken].filter((t) => t !== undefined);
  const prefix = o.startToken === undefined ? [] : [o.startToken];
  const tokens: number[] = [];
  let logProbability = 0;
  while (tokens.length < o.maxLength) {
    const row = scoreRows('greedySearch', asStep(step), [[...prefix, ...tokens]], special)[0]!;
    const next = argmax(row);
    tokens.push(next);
    logProbability += row[next] as number;
    if (next === o.endToken) break;
  }
  const finished = tokens[tokens.length - 1] === o.endToken;
  return { tokens, logProbability, score: logProbability, finished };
}
