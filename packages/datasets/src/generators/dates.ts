import { DlkitError, RandomState, assertOptions } from '@dlkit/core';
import { Vocabulary } from '../text/vocabulary.js';
import { checkCount, checkSeed } from '../internal/options.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The human formats {@link makeDatePairs} writes (Unicode date-pattern letters; `do` is an
 * ordinal day such as `3rd`). Only unambiguous formats: the month is a name, or the year comes
 * first; no two-digit years and no `d/m` versus `m/d` numbers.
 */
export const DATE_FORMATS = [
  'd MMMM yyyy',
  'dd MMMM yyyy',
  'd MMM yyyy',
  'dd MMM yyyy',
  'MMMM d, yyyy',
  'MMM d, yyyy',
  'MMMM do, yyyy',
  'do MMMM yyyy',
  'the do of MMMM yyyy',
  'EEEE, MMMM d, yyyy',
  'EEEE d MMMM yyyy',
  'EEE d MMM yyyy',
  'EEE, MMM d, yyyy',
  'd-MMM-yyyy',
  'yyyy/MM/dd',
  'yyyy.MM.dd',
  'yyyy MMMM d',
] as const;

/** One of {@link DATE_FORMATS}. */
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Options for {@link makeDatePairs}. */
export interface DatePairsOptions {
  /** Number of pairs. Default 10000 (the course's). */
  m?: number;
  /** Seed of the NumPy-compatible generator. Default 0. */
  seed?: number;
  /** First possible date, ISO. Default `'1900-01-01'`. */
  from?: string;
  /** Last possible date, ISO. Default `'2099-12-31'`. */
  to?: string;
  /** Formats to draw from, uniformly. Default all of {@link DATE_FORMATS}. */
  formats?: readonly DateFormat[];
  /** Lower-case and drop commas, as the course's `nmt_utils` does. Default true. */
  normalize?: boolean;
}

/** The pairs and vocabularies {@link makeDatePairs} returns. */
export interface DatePairs {
  /** `[human, machine]` pairs, e.g. `['tuesday 9 may 1978', '1978-05-09']`. */
  pairs: [string, string][];
  /** Characters of the human dates (sorted), then `'<unk>'` and `'<pad>'` (the course's `human_vocab`). */
  humanVocab: Vocabulary;
  /** The 11 characters of ISO dates, `'-'` and `'0'…'9'` (the course's `machine_vocab`). */
  machineVocab: Vocabulary;
}

/**
 * Human-readable dates and their ISO form (`YYYY-MM-DD`) for the course's neural machine
 * translation lab (attention model), generated without Faker or Babel: dates uniform between
 * `from` and `to`, each written in a format drawn uniformly from `formats`. The vocabularies
 * follow the course's `load_dataset`.
 *
 * @param options - Count, seed, date range, formats and normalisation.
 * @returns `{ pairs, humanVocab, machineVocab }` (no tensors; encode with `Vocabulary.encodeBatch`).
 *
 * @example
 * ```ts
 * import { makeDatePairs } from '@dlkit/datasets';
 * const { pairs, humanVocab, machineVocab } = makeDatePairs({ m: 3, seed: 1 });
 * console.log(pairs[0], humanVocab.size, machineVocab.size);
 * ```
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export function makeDatePairs(options: DatePairsOptions = {}): DatePairs {
  const fn = 'makeDatePairs';
  const {
    m = 10000,
    seed = 0,
    from = '1900-01-01',
    to = '2099-12-31',
    formats = DATE_FORMATS,
    normalize = true,
  } = assertOptions(fn, 'options', options, ['formats', 'from', 'm', 'normalize', 'seed', 'to']);
  checkCount(fn, 'm', m, 1, 10_000_000);
  checkSeed(fn, seed);
  const start = parseIso(fn, 'from', from);
  const end = parseIso(fn, 'to', to);
  if (end < start) {
    throw new DlkitError('value', fn, `to must not be before from, got ${from} … ${to}`, {
      argument: 'to',
    });
  }
  if (!Array.isArray(formats) || formats.length === 0) {
    throw new DlkitError('value', fn, 'formats must be a non-empty array of DATE_FORMATS', {
      argument: 'formats',
    });
  }
  for (const f of formats) {
    if (!(DATE_FORMATS as readonly string[]).includes(f)) {
      throw new DlkitError('value', fn, `unknown format ${JSON.stringify(f)}; see DATE_FORMATS`, {
        argument: 'formats',
      });
    }
  }
  const rng = new RandomState(seed);
  const days = Math.round((end - start) / 86_400_000) + 1;
  const pairs: [string, string][] = [];
  for (let i = 0; i < m; i++) {
    const date = new Date(start + Math.floor(rng.nextDouble() * days) * 86_400_000);
    const format = formats[Math.floor(rng.nextDouble() * formats.length)] as DateFormat;
    let human = formatDate(date, format);
    if (normalize) human = human.toLowerCase().replace(/,/g, '');
    pairs.push([human, date.toISOString().slice(0, 10)]);
  }
  return {
    pairs,
    humanVocab: Vocabulary.fromChars(
      pairs.map((p) => p[0]),
      { specials: ['<unk>', '<pad>'], unknown: '<unk>' },
    ),
    machineVocab: Vocabulary.fromChars(['0123456789-']),
  };
}

function parseIso(fn: string, argument: string, iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const t = match ? Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!) : NaN;
  if (!match || new Date(t).toISOString().slice(0, 10) !== iso) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an ISO date YYYY-MM-DD, got ${String(iso)}`,
      {
        argument,
      },
    );
  }
  return t;
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * Writes a date in one of the formats.
 *
 * @param date - A UTC date.
 * @param format - One of {@link DATE_FORMATS}.
 */
export function formatDate(date: Date, format: DateFormat): string {
  const d = date.getUTCDate();
  const mo = date.getUTCMonth();
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const month = MONTHS[mo] as string;
  const day = DAYS[date.getUTCDay()] as string;
  return format.replace(/yyyy|MMMM|MMM|MM|dd|do|d|EEEE|EEE/g, (token) => {
    switch (token) {
      case 'yyyy':
        return y;
      case 'MMMM':
        return month;
      case 'MMM':
        return month.slice(0, 3);
      case 'MM':
        return String(mo + 1).padStart(2, '0');
      case 'dd':
        return String(d).padStart(2, '0');
      case 'do':
        return ordinal(d);
      case 'd':
        return String(d);
      case 'EEEE':
        return day;
      default:
        return day.slice(0, 3);
    }
  });
}
