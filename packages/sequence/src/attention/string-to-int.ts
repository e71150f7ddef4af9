import { DlkitError, asCaller, assertNumber, assertString, describeValue } from '@dlkit/core';

/**
 * What `stringToInt` needs of a vocabulary: `@dlkit/datasets`' `Vocabulary` (e.g.
 * `makeDatePairs().humanVocab`) fits, and so does any object with these two members.
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export interface CharIndex {
  /** The number of tokens. */
  readonly size: number;
  /** A token's index (the unknown token's for a character it lacks). */
  indexOf(token: string): number;
}

function checkVocab(fn: string, vocab: unknown): CharIndex {
  const v = vocab as Partial<CharIndex> | null;
  if (
    v === null ||
    typeof v !== 'object' ||
    typeof v.indexOf !== 'function' ||
    typeof v.size !== 'number'
  ) {
    throw new DlkitError(
      'value',
      fn,
      `humanVocab must be a vocabulary with size and indexOf (makeDatePairs().humanVocab), got ${describeValue(vocab)}`,
      { argument: 'humanVocab' },
    );
  }
  return v as CharIndex;
}

/** The characters the model reads: lower-cased, commas dropped, cut to `length`, then `'<pad>'`s. */
export function modelCharacters(string: string, length: number): string[] {
  const chars = Array.from(string.toLowerCase().replace(/,/g, '')).slice(0, length);
  return [...chars, ...Array<string>(length - chars.length).fill('<pad>')];
}

/**
 * The notebook's `string_to_int`: a human-readable date as `length` character indices, lower-cased
 * and without commas, cut to `length` characters and padded with `'<pad>'`; characters the
 * vocabulary lacks become `'<unk>'` (as `makeDatePairs().humanVocab` maps them).
 *
 * @param string - The text, e.g. `'3 May 1979'`.
 * @param length - `Tx`, the model's input length (1 … 1000).
 * @param humanVocab - The input vocabulary (`makeDatePairs().humanVocab`; holds `'<pad>'`).
 * @returns `length` indices into `humanVocab`.
 *
 * @example
 * ```ts
 * import { stringToInt } from '@dlkit/sequence';
 * import { makeDatePairs } from '@dlkit/datasets';
 * const { humanVocab } = makeDatePairs({ m: 100 });
 * console.log(stringToInt('3 May, 1979', 12, humanVocab).length); // 12
 * ```
 *
 * @see The guide `docs/sequence/attention.md`.
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export function stringToInt(string: string, length: number, humanVocab: CharIndex): number[] {
  const fn = 'stringToInt';
  assertString(fn, 'string', string);
  assertNumber(fn, 'length', length, { integer: true, min: 1, max: 1000 });
  const vocab = checkVocab(fn, humanVocab);
  return asCaller(fn, () => modelCharacters(string, length).map((c) => vocab.indexOf(c)));
}
