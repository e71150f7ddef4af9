import { DlkitError, describeValue } from '@dlkit/core';

/**
 * A token of a sentence BLEU compares: a word (`'cat'`) or a vocabulary index (`7`). `'7'` and
 * `7` are different tokens.
 *
 * @category C5 W3 · Bleu score
 */
export type Token = string | number;

/** A sentence as BLEU reads it: its tokens in order. */
export type Sentence = readonly Token[];

/** Checks a sentence: an array of strings or finite numbers (it may be empty). */
export function assertSentence(fn: string, argument: string, value: unknown): Sentence {
  if (!Array.isArray(value)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array of tokens (strings or numbers), got ${describeValue(value)}`,
      { argument },
    );
  }
  value.forEach((token: unknown, i) => {
    const ok = typeof token === 'string' || (typeof token === 'number' && Number.isFinite(token));
    if (!ok) {
      throw new DlkitError(
        'value',
        fn,
        `${argument}[${i}] must be a token (a string or a finite number), got ${describeValue(token)}`,
        { argument },
      );
    }
  });
  return value as Sentence;
}

/** Checks the references of one hypothesis: a non-empty array of sentences. */
export function assertReferences(fn: string, argument: string, value: unknown): Sentence[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a non-empty array of reference sentences, got ${describeValue(value)}`,
      { argument },
    );
  }
  return value.map((s: unknown, i) => assertSentence(fn, `${argument}[${i}]`, s));
}
