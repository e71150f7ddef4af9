import { DlkitError } from '@dlkit/core';
import type { TrialConfig } from './search-space.js';

/**
 * One finished trial: its number, its seed, its setting and the metrics its objective returned.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export interface TrialRecord {
  /** The trial's index in the search, from 0. */
  trial: number;
  /** The seed the objective was given for this trial (fixed by the search's seed). */
  seed: number;
  /** The setting tried. */
  config: TrialConfig;
  /** What the objective measured, e.g. `{ devAccuracy: 0.91, cost: 0.2 }`. */
  metrics: Record<string, number>;
}

/**
 * Which metric ranks the trials and whether lower (`'min'`, a cost) or higher (`'max'`, an
 * accuracy) is better.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export interface RankOptions {
  /** The metric's name in each trial's `metrics`. */
  metric: string;
  /** `'min'` or `'max'` (default `'min'`). */
  mode?: 'min' | 'max';
}

/** Checks rank options and returns them complete. */
export function checkRank(fn: string, options: unknown): Required<RankOptions> {
  if (options === null || typeof options !== 'object') {
    throw new DlkitError(
      'value',
      fn,
      `options must be an object with a metric, got ${options === null ? 'null' : typeof options}`,
      {
        argument: 'options',
      },
    );
  }
  const { metric, mode = 'min' } = options as RankOptions;
  if (typeof metric !== 'string' || metric.length === 0) {
    throw new DlkitError('value', fn, `metric must be a metric's name, got ${String(metric)}`, {
      argument: 'options.metric',
    });
  }
  if (mode !== 'min' && mode !== 'max') {
    throw new DlkitError('value', fn, `mode must be 'min' or 'max', got ${String(mode)}`, {
      argument: 'options.mode',
    });
  }
  return { metric, mode };
}

/** The trials best first by the metric (ties by trial number); trials without it come last. */
export function sortTrials(
  trials: readonly TrialRecord[],
  rank: Required<RankOptions>,
): TrialRecord[] {
  const sign = rank.mode === 'min' ? 1 : -1;
  const key = (t: TrialRecord): number => {
    const v = t.metrics[rank.metric];
    return typeof v === 'number' && Number.isFinite(v) ? sign * v : Number.POSITIVE_INFINITY;
  };
  return [...trials].sort((a, b) => key(a) - key(b) || a.trial - b.trial);
}

/** Checks a list of trial records given by a caller. */
export function checkTrials(fn: string, trials: unknown): TrialRecord[] {
  if (!Array.isArray(trials)) {
    throw new DlkitError(
      'value',
      fn,
      `trials must be an array of trial records, got ${trials === null ? 'null' : typeof trials}`,
      {
        argument: 'trials',
      },
    );
  }
  trials.forEach((t, i) => {
    const r = t as Partial<TrialRecord> | null;
    if (
      r === null ||
      typeof r !== 'object' ||
      typeof r.trial !== 'number' ||
      typeof r.config !== 'object' ||
      r.config === null ||
      typeof r.metrics !== 'object' ||
      r.metrics === null
    ) {
      throw new DlkitError(
        'value',
        fn,
        `trials[${i}] must be a trial record { trial, seed, config, metrics }`,
        {
          argument: 'trials',
        },
      );
    }
  });
  return trials as TrialRecord[];
}
