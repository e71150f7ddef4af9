import type { TrialConfig } from './search-space.js';
import {
  checkRank,
  checkTrials,
  sortTrials,
  type RankOptions,
  type TrialRecord,
} from './trial-record.js';

const show = (v: TrialConfig[string] | number | undefined): string =>
  v === undefined
    ? ''
    : typeof v === 'number'
      ? Number.isInteger(v)
        ? String(v)
        : v.toPrecision(4)
      : String(v);

/**
 * The trials as a Markdown table, best first by the metric: rank, trial, the metric, the other
 * metrics, then every hyperparameter.
 *
 * @param trials - Trial records (from {@link runTrials}, in any order).
 * @param options - The `metric` to sort by and its `mode`.
 * @returns The table's text.
 *
 * @example
 * ```ts
 * import { resultsTable } from '@dlkit/optimizers';
 * const trials = [
 *   { trial: 0, seed: 7, config: { learningRate: 0.1 }, metrics: { devAccuracy: 0.81 } },
 *   { trial: 1, seed: 9, config: { learningRate: 0.01 }, metrics: { devAccuracy: 0.92 } },
 * ];
 * console.log(resultsTable(trials, { metric: 'devAccuracy', mode: 'max' }));
 * // | rank | trial | devAccuracy | learningRate |
 * // | 1 | 1 | 0.9200 | 0.01000 | …
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export function resultsTable(trials: readonly TrialRecord[], options: RankOptions): string {
  const fn = 'resultsTable';
  const sorted = sortTrials(checkTrials(fn, trials), checkRank(fn, options));
  const { metric } = options;
  const others = [...new Set(sorted.flatMap((t) => Object.keys(t.metrics)))].filter(
    (k) => k !== metric,
  );
  const params = [...new Set(sorted.flatMap((t) => Object.keys(t.config)))];
  const header = ['rank', 'trial', metric, ...others, ...params];
  const rows = sorted.map((t, i) => [
    String(i + 1),
    String(t.trial),
    ...[metric, ...others].map((k) => show(t.metrics[k])),
    ...params.map((k) => show(t.config[k])),
  ]);
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/**
 * The trials as JSON, best first by the metric: `{ metric, mode, trials }`.
 *
 * @param trials - Trial records.
 * @param options - The `metric` to sort by and its `mode`.
 * @returns The JSON text (two-space indented).
 *
 * @example
 * ```ts
 * import { resultsJson } from '@dlkit/optimizers';
 * const trials = [
 *   { trial: 0, seed: 7, config: { learningRate: 0.1 }, metrics: { cost: 0.5 } },
 *   { trial: 1, seed: 9, config: { learningRate: 0.01 }, metrics: { cost: 0.2 } },
 * ];
 * console.log(JSON.parse(resultsJson(trials, { metric: 'cost' })).trials[0].trial); // 1
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export function resultsJson(trials: readonly TrialRecord[], options: RankOptions): string {
  const fn = 'resultsJson';
  const rank = checkRank(fn, options);
  return JSON.stringify({ ...rank, trials: sortTrials(checkTrials(fn, trials), rank) }, null, 2);
}
