import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  asCaller,
  assertOptions,
  assertSize,
  assertString,
  describeValue,
} from '@dlkit/core';

/** Options for building a {@link Vocabulary}. */
export interface VocabularyOptions {
  /** Tokens placed after the sorted data tokens, e.g. `['<unk>', '<pad>']` (the course's date lab). */
  specials?: string[];
  /** The token unknown inputs map to; must be one of the tokens (usually a special). */
  unknown?: string;
}

/**
 * A token ↔ index table: the course's `char_to_ix` / `ix_to_char` (dinosaur names, Shakespeare)
 * and `human_vocab` / `inv_machine_vocab` (dates). Indices follow sorted token order, as
 * `sorted(set(data))` does in the labs, followed by any special tokens.
 *
 * @example
 * ```ts
 * import { Vocabulary } from '@dlkit/datasets';
 * const vocab = Vocabulary.fromChars(['abc\n', 'cab\n']);
 * console.log(vocab.size, vocab.encode('cab'), vocab.decode([1, 2, 3])); // 4 [3, 1, 2] abc
 * ```
 *
 * @category C5 W1 · Character-level language model
 */
export class Vocabulary {
  /** `indexToToken[i]` is the token of index `i` (the course's `ix_to_char`). */
  readonly indexToToken: readonly string[];
  /** The index of every token (the course's `char_to_ix`). */
  readonly tokenToIndex: ReadonlyMap<string, number>;
  /** The token unknown inputs map to, if any. */
  readonly unknown: string | undefined;

  /**
   * @param tokens - The tokens in index order; no duplicates.
   * @param unknown - The token unknown inputs map to; must be among `tokens`.
   */
  constructor(tokens: readonly string[], unknown?: string) {
    const fn = 'Vocabulary';
    stringsOf(fn, 'tokens', tokens);
    if (unknown !== undefined) assertString(fn, 'unknown', unknown);
    const map = new Map<string, number>();
    tokens.forEach((t, i) => {
      if (map.has(t)) {
        throw new DlkitError('value', fn, `tokens must be unique, got ${JSON.stringify(t)} twice`, {
          argument: 'tokens',
        });
      }
      map.set(t, i);
    });
    if (unknown !== undefined && !map.has(unknown)) {
      throw new DlkitError(
        'value',
        fn,
        `unknown token ${JSON.stringify(unknown)} is not among the tokens`,
        {
          argument: 'unknown',
        },
      );
    }
    this.indexToToken = [...tokens];
    this.tokenToIndex = map;
    this.unknown = unknown;
  }

  /**
   * The sorted set of characters in `texts` (code-point order), then `specials`.
   *
   * @param texts - The corpus, e.g. names each ending in `'\n'`.
   * @param options - Special tokens and the unknown token.
   * @returns A new vocabulary.
   */
  static fromChars(texts: Iterable<string>, options: VocabularyOptions = {}): Vocabulary {
    const fn = 'Vocabulary.fromChars';
    const set = new Set<string>();
    for (const t of stringsOf(fn, 'texts', texts)) for (const ch of t) set.add(ch);
    return Vocabulary.fromSet(set, options);
  }

  /**
   * The sorted set of whitespace-separated words in `texts`, then `specials`.
   *
   * @param texts - Sentences.
   * @param options - Special tokens and the unknown token.
   * @returns A new vocabulary.
   */
  static fromWords(texts: Iterable<string>, options: VocabularyOptions = {}): Vocabulary {
    const fn = 'Vocabulary.fromWords';
    const set = new Set<string>();
    for (const t of stringsOf(fn, 'texts', texts))
      for (const w of t.split(/\s+/)) if (w !== '') set.add(w);
    return asCaller(fn, () => Vocabulary.fromSet(set, checkVocabularyOptions(fn, options)));
  }

  private static fromSet(set: Set<string>, options: VocabularyOptions): Vocabulary {
    const specials = options.specials ?? [];
    for (const s of specials) set.delete(s);
    const sorted = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return new Vocabulary([...sorted, ...specials], options.unknown);
  }

  /** Number of tokens. */
  get size(): number {
    return this.indexToToken.length;
  }

  /**
   * The index of one token.
   *
   * @param token - A token.
   * @returns Its index, or the unknown token's index when it is not in the vocabulary.
   * @throws DlkitError `value` when the token is unknown and there is no unknown token.
   */
  indexOf(token: string): number {
    if (typeof token !== 'string') {
      throw new DlkitError(
        'value',
        'Vocabulary.indexOf',
        `token must be a string, got ${describeValue(token)}`,
        {
          argument: 'token',
        },
      );
    }
    const i = this.tokenToIndex.get(token);
    if (i !== undefined) return i;
    if (this.unknown !== undefined) return this.tokenToIndex.get(this.unknown) as number;
    throw new DlkitError(
      'value',
      'Vocabulary.indexOf',
      `token ${JSON.stringify(token)} is not in the vocabulary`,
      {
        argument: 'token',
      },
    );
  }

  /**
   * Indices of a sequence of tokens; a string is read as its characters.
   *
   * @param tokens - A string (characters) or an array of tokens.
   * @returns One index per token.
   */
  encode(tokens: string | Iterable<string>): number[] {
    const fn = 'Vocabulary.encode';
    const list = typeof tokens === 'string' ? Array.from(tokens) : stringsOf(fn, 'tokens', tokens);
    return asCaller(fn, () => list.map((t) => this.indexOf(t)));
  }

  /**
   * Tokens of a sequence of indices, joined.
   *
   * @param indices - Indices in `[0, size)`.
   * @param separator - Placed between tokens: `''` for characters, `' '` for words.
   * @returns The text.
   */
  decode(indices: Iterable<number>, separator = ''): string {
    if (typeof separator !== 'string') {
      throw new DlkitError(
        'value',
        'Vocabulary.decode',
        `separator must be a string, got ${describeValue(separator)}`,
        {
          argument: 'separator',
        },
      );
    }
    if (
      indices === null ||
      typeof (indices as Partial<Iterable<number>>)?.[Symbol.iterator] !== 'function'
    ) {
      throw new DlkitError(
        'value',
        'Vocabulary.decode',
        `indices must be an iterable of indices, got ${describeValue(indices)}`,
        {
          argument: 'indices',
        },
      );
    }
    const out: string[] = [];
    for (const i of indices) {
      const t = this.indexToToken[i];
      if (t === undefined || !Number.isInteger(i)) {
        throw new DlkitError(
          'value',
          'Vocabulary.decode',
          `index ${i} is outside [0, ${this.size})`,
          {
            argument: 'indices',
          },
        );
      }
      out.push(t);
    }
    return out.join(separator);
  }

  /**
   * Encodes sequences into one int32 matrix, truncating long ones and padding short ones at the end.
   *
   * @param sequences - Strings (characters) or token arrays.
   * @param length - Columns of the result (`Tx` in the course).
   * @param padToken - The token that fills the rest; must be in the vocabulary.
   * @returns int32 `[m, length]`; the caller owns it.
   */
  encodeBatch(
    sequences: readonly (string | readonly string[])[],
    length: number,
    padToken: string,
  ): tf.Tensor2D {
    const fn = 'Vocabulary.encodeBatch';
    if (!Array.isArray(sequences)) {
      throw new DlkitError(
        'value',
        fn,
        `sequences must be an array, got ${describeValue(sequences)}`,
        {
          argument: 'sequences',
        },
      );
    }
    assertSize(fn, 'length', length, 1);
    assertSize(fn, 'sequences.length × length', sequences.length * length);
    const pad = typeof padToken === 'string' ? this.tokenToIndex.get(padToken) : undefined;
    if (pad === undefined) {
      throw new DlkitError(
        'value',
        'Vocabulary.encodeBatch',
        `padToken ${typeof padToken === 'string' ? JSON.stringify(padToken) : describeValue(padToken)} is not in the vocabulary`,
        { argument: 'padToken' },
      );
    }
    const out = new Int32Array(sequences.length * length).fill(pad);
    sequences.forEach((s, r) => {
      const ids = asCaller(fn, () => this.encode(s));
      for (let c = 0; c < Math.min(length, ids.length); c++) out[r * length + c] = ids[c] as number;
    });
    return tf.tensor2d(out, [sequences.length, length], 'int32');
  }
}

/** Reads an iterable of strings (not a string itself), or throws naming `fn` and `argument`. */
function stringsOf(fn: string, argument: string, value: unknown): string[] {
  const iterable =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
  const list = iterable ? Array.from(value as Iterable<unknown>) : [];
  if (!iterable || !list.every((t) => typeof t === 'string')) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array of strings, got ${describeValue(value)}`,
      {
        argument,
      },
    );
  }
  return list as string[];
}

function checkVocabularyOptions(fn: string, options: VocabularyOptions): VocabularyOptions {
  const checked = assertOptions(fn, 'options', options, ['specials', 'unknown']);
  if (checked.specials !== undefined) stringsOf(fn, 'options.specials', checked.specials);
  return checked;
}
