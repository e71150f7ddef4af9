import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber } from '@dlkit/core';

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
    const set = new Set<string>();
    for (const t of texts) for (const ch of t) set.add(ch);
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
    const set = new Set<string>();
    for (const t of texts) for (const w of t.split(/\s+/)) if (w !== '') set.add(w);
    return Vocabulary.fromSet(set, options);
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
    return Array.from(tokens, (t) => this.indexOf(t));
  }

  /**
   * Tokens of a sequence of indices, joined.
   *
   * @param indices - Indices in `[0, size)`.
   * @param separator - Placed between tokens: `''` for characters, `' '` for words.
   * @returns The text.
   */
  decode(indices: Iterable<number>, separator = ''): string {
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
    assertNumber('Vocabulary.encodeBatch', 'length', length, { integer: true, min: 1 });
    const pad = this.tokenToIndex.get(padToken);
    if (pad === undefined) {
      throw new DlkitError(
        'value',
        'Vocabulary.encodeBatch',
        `padToken ${JSON.stringify(padToken)} is not in the vocabulary`,
        { argument: 'padToken' },
      );
    }
    const out = new Int32Array(sequences.length * length).fill(pad);
    sequences.forEach((s, r) => {
      const ids = this.encode(s);
      for (let c = 0; c < Math.min(length, ids.length); c++) out[r * length + c] = ids[c] as number;
    });
    return tf.tensor2d(out, [sequences.length, length], 'int32');
  }
}
