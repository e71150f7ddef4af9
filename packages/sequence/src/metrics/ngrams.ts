import type { Sentence, Token } from './tokens.js';

/** One n-gram as a map key: each token with its type, so `7` and `'7'` differ. */
function key(tokens: readonly Token[]): string {
  return JSON.stringify(tokens.map((t) => (typeof t === 'number' ? [t] : t)));
}

/** How often each n-gram of order `n` occurs in a sentence (NLTK's `Counter(ngrams(s, n))`). */
export function ngramCounts(sentence: Sentence, n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= sentence.length; i++) {
    const k = key(sentence.slice(i, i + n));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/**
 * BLEU's modified (clipped) n-gram precision of one hypothesis as the unreduced fraction NLTK's
 * `modified_precision` returns: the numerator counts each hypothesis n-gram at most as often as
 * the reference that holds it most often; the denominator is the hypothesis' n-gram count (at
 * least 1).
 */
export interface Precision {
  /** Clipped matches. */
  numerator: number;
  /** Hypothesis n-grams, at least 1. */
  denominator: number;
}

/** NLTK's `modified_precision(references, hypothesis, n)`. */
export function modifiedPrecision(
  references: readonly Sentence[],
  hypothesis: Sentence,
  n: number,
): Precision {
  const counts = ngramCounts(hypothesis, n);
  const maxCounts = new Map<string, number>();
  for (const reference of references) {
    const referenceCounts = ngramCounts(reference, n);
    for (const gram of counts.keys()) {
      maxCounts.set(gram, Math.max(maxCounts.get(gram) ?? 0, referenceCounts.get(gram) ?? 0));
    }
  }
  let numerator = 0;
  let total = 0;
  for (const [gram, count] of counts) {
    numerator += Math.min(count, maxCounts.get(gram) ?? 0);
    total += count;
  }
  return { numerator, denominator: Math.max(1, total) };
}

/** How many n-grams of order `n` a sentence has. */
export function ngramTotal(sentence: Sentence, n: number): number {
  return Math.max(0, sentence.length - n + 1);
}
