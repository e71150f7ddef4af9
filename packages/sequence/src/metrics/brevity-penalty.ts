import type { Sentence } from './tokens.js';

/**
 * The length of the reference closest to the hypothesis' length, the shorter on a tie (NLTK's
 * `closest_ref_length`): BLEU's `r`.
 */
export function closestRefLength(references: readonly Sentence[], hypLength: number): number {
  let best = Infinity;
  for (const { length } of references) {
    const d = Math.abs(length - hypLength);
    const bestD = Math.abs(best - hypLength);
    if (d < bestD || (d === bestD && length < best)) best = length;
  }
  return best;
}

/**
 * BLEU's brevity penalty `BP = 1` if `c > r`, else `exp(1 - r / c)` (0 for an empty hypothesis),
 * with `c` the hypothesis length and `r` the closest reference length (summed over a corpus).
 */
export function brevityPenalty(closestRefLen: number, hypLen: number): number {
  if (hypLen > closestRefLen) return 1;
  if (hypLen === 0) return 0;
  return Math.exp(1 - closestRefLen / hypLen);
}
