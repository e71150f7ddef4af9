import { DlkitError, describeValue } from '@dlkit/core';

/**
 * One row of a results table: a candidate model's name and its measured metrics.
 *
 * @category C3 W1 · Satisficing and optimizing metrics
 */
export interface CandidateRow {
  /** The candidate's name, unique in the table. */
  name: string;
  /** Metric values, e.g. `accuracy: 0.92, runningTimeMs: 95`. */
  [metric: string]: number | string;
}

/**
 * The optimizing metric: the one number to make as good as possible.
 *
 * @category C3 W1 · Satisficing and optimizing metrics
 */
export interface OptimizingMetric {
  /** A column of the table, or a function of the row (e.g. an average of several columns). */
  metric: string | ((row: CandidateRow) => number);
  /** How the metric is named in explanations. Default: the column name, or `score`. */
  name?: string;
  /** Whether higher (`max`, default) or lower (`min`, e.g. an error) is better. */
  goal?: 'max' | 'min';
}

/**
 * A satisficing metric: good enough once it meets its threshold, e.g. `runningTimeMs <= 100`.
 *
 * @category C3 W1 · Satisficing and optimizing metrics
 */
export interface SatisficingConstraint {
  /** A column of the table. */
  metric: string;
  /** The largest acceptable value (inclusive). */
  max?: number;
  /** The smallest acceptable value (inclusive). */
  min?: number;
}

/**
 * What {@link selectModel} decides for one candidate.
 *
 * @category C3 W1 · Satisficing and optimizing metrics
 */
export interface CandidateVerdict {
  /** The candidate's name. */
  name: string;
  /** Its optimizing metric. */
  score: number;
  /** Whether it meets every satisficing constraint. */
  kept: boolean;
  /** Its rank among the kept candidates (1 is chosen), or null when dropped. */
  rank: number | null;
  /** One line per constraint: met or failed, with the values. */
  checks: string[];
  /** Why it was chosen, ranked lower or dropped, in one sentence. */
  explanation: string;
}

/**
 * The outcome of {@link selectModel}.
 *
 * @category C3 W1 · Satisficing and optimizing metrics
 */
export interface ModelSelection {
  /** The chosen candidate's name, or null when no candidate meets every constraint. */
  best: string | null;
  /** Every candidate: the kept ones by rank, then the dropped ones in table order. */
  verdicts: CandidateVerdict[];
  /** The verdicts as a readable report. */
  text: string;
}

const fmt = (v: number): string => String(Number(v.toPrecision(6)));

const bound = (c: SatisficingConstraint): string =>
  `${c.min !== undefined ? `${fmt(c.min)} <= ` : ''}${c.metric}${c.max !== undefined ? ` <= ${fmt(c.max)}` : ''}`;

/**
 * Picks a model the way the course recommends with N metrics: one optimizing metric (maximize
 * accuracy) and N - 1 satisficing metrics that only need to meet a threshold (running time at most
 * 100 ms, size at most 10 MB). Candidates that fail a constraint are dropped; the rest are ranked
 * by the optimizing metric. Every candidate gets an explanation.
 *
 * @param candidates - The results table, one row per candidate.
 * @param criteria - The optimizing metric and the satisficing constraints.
 * @returns The chosen candidate's name and a verdict per candidate.
 *
 * @example
 * ```ts
 * import { selectModel } from '@dlkit/strategy';
 * const choice = selectModel(
 *   [
 *     { name: 'A', accuracy: 0.9, runningTimeMs: 80 },
 *     { name: 'B', accuracy: 0.92, runningTimeMs: 95 },
 *     { name: 'C', accuracy: 0.95, runningTimeMs: 1500 },
 *   ],
 *   { optimizing: { metric: 'accuracy' }, satisficing: [{ metric: 'runningTimeMs', max: 100 }] },
 * );
 * console.log(choice.best); // 'B'
 * console.log(choice.text);
 * ```
 *
 * @see The guide `docs/strategy/selection.md`.
 *
 * @category C3 W1 · Satisficing and optimizing metrics
 */
export function selectModel(
  candidates: readonly CandidateRow[],
  criteria: { optimizing: OptimizingMetric; satisficing?: readonly SatisficingConstraint[] },
): ModelSelection {
  const fn = 'selectModel';
  if (!Array.isArray(candidates) || candidates.length === 0) {
    throw new DlkitError('value', fn, 'candidates is empty: give at least one row', {
      argument: 'candidates',
    });
  }
  const given = criteria as { optimizing?: unknown } | null | undefined;
  if (
    given === null ||
    typeof given !== 'object' ||
    given.optimizing === null ||
    typeof given.optimizing !== 'object'
  ) {
    throw new DlkitError(
      'value',
      fn,
      `criteria must be { optimizing, satisficing? } with an optimizing metric, got ${describeValue(criteria)}`,
      { argument: 'criteria' },
    );
  }
  const { optimizing, satisficing = [] } = criteria;
  const goal = optimizing.goal ?? 'max';
  if (goal !== 'max' && goal !== 'min') {
    throw new DlkitError(
      'value',
      fn,
      `optimizing.goal must be 'max' or 'min', got ${String(goal)}`,
      {
        argument: 'criteria',
      },
    );
  }
  const metricName =
    optimizing.name ?? (typeof optimizing.metric === 'string' ? optimizing.metric : 'score');
  const names = new Set<string>();
  const number = (row: CandidateRow, metric: string, i: number): number => {
    const v = row[metric];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DlkitError(
        'value',
        fn,
        `candidate ${JSON.stringify(row.name)} (row ${i}) must have a finite number ${metric}, got ${v === undefined ? 'nothing' : String(v)}`,
        { argument: 'candidates' },
      );
    }
    return v;
  };
  satisficing.forEach((c, j) => {
    if (c.max === undefined && c.min === undefined) {
      throw new DlkitError(
        'value',
        fn,
        `satisficing[${j}] (${c.metric}) needs a max, a min or both`,
        { argument: 'criteria' },
      );
    }
  });
  const rows = candidates.map((row, i) => {
    if (typeof row.name !== 'string' || row.name === '') {
      throw new DlkitError('value', fn, `row ${i} needs a name`, { argument: 'candidates' });
    }
    if (names.has(row.name)) {
      throw new DlkitError(
        'value',
        fn,
        `candidate names must be unique, got ${JSON.stringify(row.name)} twice`,
        {
          argument: 'candidates',
        },
      );
    }
    names.add(row.name);
    let score: number;
    if (typeof optimizing.metric === 'string') score = number(row, optimizing.metric, i);
    else {
      score = optimizing.metric(row);
      if (!Number.isFinite(score)) {
        throw new DlkitError(
          'value',
          fn,
          `the optimizing metric ${metricName} of candidate ${JSON.stringify(row.name)} is ${score}, not a finite number`,
          { argument: 'criteria' },
        );
      }
    }
    const failed: string[] = [];
    const checks = satisficing.map((c) => {
      const v = number(row, c.metric, i);
      const ok = !(c.min !== undefined && v < c.min) && !(c.max !== undefined && v > c.max);
      const line = `${c.metric} ${fmt(v)} ${ok ? 'meets' : 'fails'} ${bound(c)}`;
      if (!ok) failed.push(line);
      return line;
    });
    return { name: row.name, score, checks, failed };
  });
  const kept = rows.filter((r) => r.failed.length === 0);
  const better = (a: number, b: number) => (goal === 'max' ? b - a : a - b);
  kept.sort((a, b) => better(a.score, b.score));
  const best = kept[0];
  const verdicts: CandidateVerdict[] = [];
  const word = goal === 'max' ? 'highest' : 'lowest';
  kept.forEach((r, k) => {
    const rank = kept.findIndex((o) => o.score === r.score) + 1;
    const b = best as (typeof kept)[number];
    const constraintText = satisficing.length > 0 ? ' and meets every satisficing constraint' : '';
    let explanation: string;
    if (k === 0) {
      explanation = `chosen: ${metricName} ${fmt(r.score)} is the ${word} of the ${kept.length} candidate(s)${satisficing.length > 0 ? ' that meet every constraint' : ''}`;
    } else if (r.score === b.score) {
      explanation = `kept, rank ${rank}: ${metricName} ${fmt(r.score)} ties with ${b.name}, listed first${constraintText}`;
    } else {
      explanation = `kept, rank ${rank}: ${metricName} ${fmt(r.score)} is ${fmt(Math.abs(r.score - b.score))} ${goal === 'max' ? 'below' : 'above'} ${b.name}'s ${fmt(b.score)}${constraintText}`;
    }
    verdicts.push({
      name: r.name,
      score: r.score,
      kept: true,
      rank,
      checks: r.checks,
      explanation,
    });
  });
  for (const r of rows) {
    if (r.failed.length === 0) continue;
    verdicts.push({
      name: r.name,
      score: r.score,
      kept: false,
      rank: null,
      checks: r.checks,
      explanation: `dropped: ${r.failed.join('; ')} (its ${metricName} ${fmt(r.score)} does not matter)`,
    });
  }
  const head =
    best === undefined
      ? `No candidate meets every satisficing constraint.`
      : `Chosen: ${best.name} (${goal === 'max' ? 'maximize' : 'minimize'} ${metricName}${satisficing.length > 0 ? ` subject to ${satisficing.map(bound).join(', ')}` : ''}).`;
  const text = [head, ...verdicts.map((v) => `- ${v.name}: ${v.explanation}`)].join('\n') + '\n';
  return { best: best?.name ?? null, verdicts, text };
}
