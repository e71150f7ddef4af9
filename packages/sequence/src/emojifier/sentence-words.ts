import { DlkitError, describeValue } from '@dlkit/core';

/**
 * A sentence's words as the notebook splits them, `sentence.lower().split()`: lower-cased,
 * split on runs of white space.
 *
 * @internal
 */
export function sentenceWords(sentence: string): string[] {
  return sentence
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
}

/**
 * Checks a list of sentences (the notebook's `X`): an array of strings, at least one.
 *
 * @internal
 */
export function checkSentences(fn: string, argument: string, X: unknown): string[] {
  if (!Array.isArray(X) || X.length === 0) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a non-empty array of sentences, got ${describeValue(X)}`,
      { argument },
    );
  }
  X.forEach((s, i) => {
    if (typeof s !== 'string') {
      throw new DlkitError(
        'value',
        fn,
        `${argument}[${i}] must be a sentence (a string), got ${describeValue(s)}`,
        { argument },
      );
    }
  });
  return X as string[];
}
