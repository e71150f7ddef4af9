import { DlkitError, assertNumber, describeValue } from '@dlkit/core';

/**
 * One misclassified example, tagged by hand with every category that applies.
 *
 * @category C3 W2 · Carrying out error analysis
 */
export interface TaggedError {
  /** The example's id (an index, a file name). */
  id: string | number;
  /** The categories that apply, e.g. `['great cat', 'blurry']`; may be empty. */
  tags: readonly string[];
  /** A free comment, e.g. `pitbull` or `rainy day at zoo`. */
  comment?: string;
}

/**
 * Options of {@link errorAnalysis}.
 *
 * @category C3 W2 · Carrying out error analysis
 */
export interface ErrorAnalysisOptions {
  /** The overall dev error the examined examples come from (fraction, or percent with `unit`). */
  devError: number;
  /** Whether `devError` is a fraction (default) or a percentage. */
  unit?: 'fraction' | 'percent';
  /** The categories, in column order; unused ones are listed with 0. Default: order of first use. */
  categories?: readonly string[];
  /** The tag that marks an incorrectly labelled example. Default `incorrectly labeled`. */
  mislabeledTag?: string;
  /** Share of errors from which fixing labels is recommended. Default 0.1 (10%). */
  mislabeledThreshold?: number;
}

/**
 * One category's line in an {@link ErrorAnalysis}.
 *
 * @category C3 W2 · Carrying out error analysis
 */
export interface CategoryRow {
  /** The category. */
  name: string;
  /** How many examined errors carry it. */
  count: number;
  /** `count / examined`: its share of the errors (shares may sum past 1: tags overlap). */
  share: number;
  /** `devError · share`: the most dev error that fixing this category can remove (its ceiling). */
  ceiling: number;
  /** `devError - ceiling`: dev error if every error of this category were fixed. */
  devErrorIfFixed: number;
}

/**
 * The effect of incorrectly labelled dev examples on dev error.
 *
 * @category C3 W2 · Cleaning up incorrectly labeled data
 */
export interface MislabeledEffect {
  /** How many examined errors are labelling mistakes. */
  count: number;
  /** Their share of the errors. */
  share: number;
  /** Dev error due to incorrect labels, `devError · share`. */
  errorDueToLabels: number;
  /** Dev error due to other causes. */
  errorDueToOther: number;
  /** Whether fixing labels is worth it (share at least `mislabeledThreshold`). */
  worthFixing: boolean;
  /** The course's advice for this case. */
  advice: string;
}

/**
 * An error analysis: the spreadsheet of tagged errors and the ceiling of each category.
 *
 * @category C3 W2 · Carrying out error analysis
 */
export interface ErrorAnalysis {
  /** The unit of `devError`, `ceiling` and `devErrorIfFixed`. */
  unit: 'fraction' | 'percent';
  /** The overall dev error. */
  devError: number;
  /** How many errors were examined. */
  examined: number;
  /** One row per category, in column order. */
  categories: CategoryRow[];
  /** Category names by decreasing count: the order in which to work on them. */
  priorities: string[];
  /** How many examined errors carry no tag. */
  untagged: number;
  /** The incorrectly-labelled category's effect, or null when no example carries its tag. */
  mislabeled: MislabeledEffect | null;
  /** The examined errors. */
  examples: TaggedError[];
}

const tidy = (v: number) => Math.round(v * 1e10) / 1e10;

/**
 * Error analysis as the course runs it (C3 W2): tag each misclassified dev example you look at
 * with the categories that apply (several per example), count them, and bound what fixing each
 * category can gain. With 10% dev error and 5 dogs among 100 errors, fixing dogs can at best take
 * dev error to 9.5%: the ceiling. The `incorrectly labeled` category tells whether relabelling
 * the dev set is worth it: 0.6% of 10% is not, 0.6% of 2% is.
 *
 * @param examples - The examined errors with their tags.
 * @param options - The overall dev error and the category settings.
 * @returns Counts, shares, ceilings, priorities and the mislabelled-data effect.
 *
 * @example
 * ```ts
 * import { errorAnalysis, formatErrorAnalysis } from '@dlkit/strategy';
 * const a = errorAnalysis(
 *   [
 *     { id: 1, tags: ['dog'], comment: 'pitbull' },
 *     { id: 2, tags: ['blurry'] },
 *     { id: 3, tags: ['great cat', 'blurry'], comment: 'rainy day at zoo' },
 *     { id: 4, tags: ['great cat'] },
 *   ],
 *   { devError: 10, unit: 'percent' },
 * );
 * console.log(a.priorities); // ['blurry', 'great cat', 'dog']
 * console.log(formatErrorAnalysis(a, 'text'));
 * ```
 *
 * @see The guide `docs/strategy/error-analysis.md`.
 *
 * @category C3 W2 · Carrying out error analysis
 */
export function errorAnalysis(
  examples: readonly TaggedError[],
  options: ErrorAnalysisOptions,
): ErrorAnalysis {
  const fn = 'errorAnalysis';
  if (!Array.isArray(examples) || examples.length === 0) {
    throw new DlkitError('value', fn, 'examples is empty: tag at least one misclassified example', {
      argument: 'examples',
    });
  }
  const unit = options?.unit ?? 'fraction';
  if (unit !== 'fraction' && unit !== 'percent') {
    throw new DlkitError('value', fn, `unit must be 'fraction' or 'percent', got ${String(unit)}`, {
      argument: 'unit',
    });
  }
  const devError = assertNumber(fn, 'devError', options?.devError, {
    min: 0,
    max: unit === 'percent' ? 100 : 1,
  });
  const mislabeledTag = options.mislabeledTag ?? 'incorrectly labeled';
  const threshold = assertNumber(fn, 'mislabeledThreshold', options.mislabeledThreshold ?? 0.1, {
    min: 0,
    max: 1,
  });
  const order: string[] = options.categories ? [...options.categories] : [];
  const known = new Set(order);
  if (known.size !== order.length) {
    throw new DlkitError('value', fn, 'categories must be distinct', { argument: 'categories' });
  }
  const counts = new Map<string, number>(order.map((c) => [c, 0]));
  const ids = new Set<string | number>();
  let untagged = 0;
  examples.forEach((e, i) => {
    if (e === null || typeof e !== 'object' || !Array.isArray(e.tags)) {
      throw new DlkitError('value', fn, `examples[${i}] must be { id, tags: string[] }`, {
        argument: 'examples',
      });
    }
    if (ids.has(e.id)) {
      throw new DlkitError(
        'value',
        fn,
        `example ids must be unique, got ${JSON.stringify(e.id)} twice`,
        {
          argument: 'examples',
        },
      );
    }
    ids.add(e.id);
    if (e.tags.length === 0) untagged++;
    for (const tag of new Set(e.tags)) {
      if (typeof tag !== 'string' || tag === '') {
        throw new DlkitError(
          'value',
          fn,
          `examples[${i}] has a tag that is not a non-empty string`,
          {
            argument: 'examples',
          },
        );
      }
      if (!counts.has(tag)) {
        if (options.categories) {
          throw new DlkitError(
            'value',
            fn,
            `examples[${i}] has tag ${JSON.stringify(tag)}, which is not in categories [${order.join(', ')}]`,
            { argument: 'examples' },
          );
        }
        order.push(tag);
        counts.set(tag, 0);
      }
      counts.set(tag, (counts.get(tag) as number) + 1);
    }
  });
  const m = examples.length;
  const categories = order.map((name): CategoryRow => {
    const count = counts.get(name) as number;
    const share = count / m;
    const ceiling = tidy(devError * share);
    return { name, count, share, ceiling, devErrorIfFixed: tidy(devError - ceiling) };
  });
  const priorities = categories
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.count - a.c.count || a.i - b.i)
    .map(({ c }) => c.name);
  let mislabeled: MislabeledEffect | null = null;
  const row = categories.find((c) => c.name === mislabeledTag);
  if (row !== undefined && row.count > 0) {
    const worthFixing = row.share >= threshold;
    const show = (v: number) => (unit === 'percent' ? `${v}%` : String(v));
    const other = tidy(devError - row.ceiling);
    mislabeled = {
      count: row.count,
      share: row.share,
      errorDueToLabels: row.ceiling,
      errorDueToOther: other,
      worthFixing,
      advice: worthFixing
        ? `incorrect labels cause ${show(row.ceiling)} of the ${show(devError)} dev error (${Math.round(row.share * 1000) / 10}% of errors): fix them, apply the same fixes to dev and test so they keep one distribution, and consider examining examples the algorithm got right as well`
        : `incorrect labels cause only ${show(row.ceiling)} of the ${show(devError)} dev error (${Math.round(row.share * 1000) / 10}% of errors); the other ${show(other)} matters more: fixing labels is not the priority`,
    };
  }
  return {
    unit,
    devError,
    examined: m,
    categories,
    priorities,
    untagged,
    mislabeled,
    examples: examples.map((e) => ({ ...e, tags: [...e.tags] })),
  };
}

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function pctOf(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/**
 * An error analysis as a table: the course's `spreadsheet` (one row per examined error, a column
 * per category with a check mark, comments, and a `% of total` row) or the `summary` (count,
 * share, ceiling and dev error if fixed per category), as aligned text, CSV or JSON.
 *
 * @param a - An analysis from {@link errorAnalysis}.
 * @param format - `text`, `csv` or `json`.
 * @param table - `spreadsheet` (default) or `summary`.
 * @returns The table.
 *
 * @example
 * ```ts
 * import { errorAnalysis, formatErrorAnalysis } from '@dlkit/strategy';
 * const a = errorAnalysis([{ id: 'img1', tags: ['dog'] }, { id: 'img2', tags: ['blurry'] }], { devError: 0.1 });
 * console.log(formatErrorAnalysis(a, 'csv', 'summary'));
 * ```
 *
 * @see The guide `docs/strategy/error-analysis.md`.
 *
 * @category C3 W2 · Carrying out error analysis
 */
export function formatErrorAnalysis(
  a: ErrorAnalysis,
  format: 'text' | 'csv' | 'json',
  table: 'spreadsheet' | 'summary' = 'spreadsheet',
): string {
  const fn = 'formatErrorAnalysis';
  if (!['text', 'csv', 'json'].includes(format)) {
    throw new DlkitError(
      'value',
      fn,
      `format must be 'text', 'csv' or 'json', got ${describeValue(format)}`,
      {
        argument: 'format',
      },
    );
  }
  if (table !== 'spreadsheet' && table !== 'summary') {
    throw new DlkitError(
      'value',
      fn,
      `table must be 'spreadsheet' or 'summary', got ${describeValue(table)}`,
      {
        argument: 'table',
      },
    );
  }
  const names = a.categories.map((c) => c.name);
  const unitSuffix = a.unit === 'percent' ? '%' : '';
  let header: string[];
  let rows: string[][];
  if (table === 'spreadsheet') {
    if (format === 'json') {
      return JSON.stringify(
        {
          rows: a.examples.map((e) => ({
            id: e.id,
            ...Object.fromEntries(names.map((n) => [n, e.tags.includes(n)])),
            comment: e.comment ?? '',
          })),
          percentOfTotal: Object.fromEntries(a.categories.map((c) => [c.name, c.share])),
        },
        null,
        2,
      );
    }
    const mark = format === 'csv' ? '1' : '✓';
    header = ['example', ...names, 'comments'];
    rows = a.examples.map((e) => [
      String(e.id),
      ...names.map((n) => (e.tags.includes(n) ? mark : '')),
      e.comment ?? '',
    ]);
    rows.push(['% of total', ...a.categories.map((c) => pctOf(c.share)), '']);
  } else {
    if (format === 'json') return JSON.stringify(a.categories, null, 2);
    header = [
      'category',
      'count',
      '% of errors',
      `ceiling${unitSuffix ? ' (%)' : ''}`,
      `dev error if fixed${unitSuffix ? ' (%)' : ''}`,
    ];
    rows = a.categories.map((c) => [
      c.name,
      String(c.count),
      pctOf(c.share),
      String(c.ceiling),
      String(c.devErrorIfFixed),
    ]);
  }
  if (format === 'csv') {
    return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
  }
  const widths = header.map((h, j) =>
    Math.max(h.length, ...rows.map((r) => (r[j] as string).length)),
  );
  const line = (r: string[]) =>
    r
      .map((v, j) => v.padEnd(widths[j] as number))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  const body = rows.map(line);
  if (table === 'spreadsheet') body.splice(body.length - 1, 0, rule);
  return [line(header), rule, ...body].join('\n') + '\n';
}
