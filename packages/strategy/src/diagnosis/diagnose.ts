import { DlkitError, assertNumber, assertOptions, describeValue } from '@dlkit/core';
import { PROBLEM_NAMES, REMEDIES, type Problem } from './remedies.js';

/**
 * The error levels {@link diagnose} reads, all in the same unit (see `unit`).
 *
 * @category C3 W1 · Avoidable bias
 */
export interface ErrorLevels {
  /**
   * Human-level error, the proxy for Bayes error: one number, or several levels by who labels
   * (`{ 'typical human': 3, 'typical doctor': 1, 'team of experienced doctors': 0.5 }`), of which
   * the course takes the lowest.
   */
  humanLevel?: number | Record<string, number>;
  /** Training error. */
  train: number;
  /** Training-dev error: same distribution as training, not trained on. */
  trainDev?: number;
  /** Dev error. */
  dev: number;
  /** Test error. */
  test?: number;
  /**
   * Human-level error on the dev/test distribution, when it differs from the training one (the
   * course's rear-view mirror speech data: 6% against 4% on general speech).
   */
  targetHumanLevel?: number;
}

/**
 * Options of {@link diagnose}.
 *
 * @category C3 W1 · Avoidable bias
 */
export interface DiagnoseOptions {
  /** Whether errors are fractions in `[0, 1]` (default) or percentages in `[0, 100]`. */
  unit?: 'fraction' | 'percent';
  /**
   * Whether the system does well in the real world once it does well on the test set. When
   * false, the course says to change the dev/test set or the cost function.
   */
  performsInRealWorld?: boolean;
}

/**
 * The Bayes-error proxy of a {@link Diagnosis}.
 *
 * @category C3 W1 · Avoidable bias
 */
export interface BayesProxy {
  /** The error level used as Bayes error. */
  value: number;
  /** Which human level it is (the lowest given), e.g. `team of experienced doctors`. */
  source: string;
}

/**
 * The error levels of a {@link Diagnosis}; null when not given.
 *
 * @category C3 W1 · Avoidable bias
 */
export interface ErrorValues {
  /** Training error. */
  train: number;
  /** Training-dev error. */
  trainDev: number | null;
  /** Dev error. */
  dev: number;
  /** Test error. */
  test: number | null;
}

/**
 * A problem of a {@link Diagnosis} with its gap.
 *
 * @category C3 W1 · Avoidable bias
 */
export interface RankedProblem {
  /** The problem. */
  problem: Problem;
  /** Its gap (positive). */
  gap: number;
}

/**
 * A diagnosis: the gaps between error levels, the dominant problem and what to do about it.
 * Plain data, so `JSON.stringify` gives its JSON report; {@link formatDiagnosis} gives the text.
 *
 * @category C3 W1 · Avoidable bias
 */
export interface Diagnosis {
  /** The unit of every number. */
  unit: 'fraction' | 'percent';
  /** The Bayes proxy and which human level it is, or null without human-level error. */
  bayesProxy: BayesProxy | null;
  /** The error levels given. */
  errors: ErrorValues;
  /** The gaps; null when the levels to compute one are missing. */
  gaps: {
    /** Training error minus the Bayes proxy. */
    avoidableBias: number | null;
    /** Training-dev minus training error (dev minus training without a training-dev error). */
    variance: number | null;
    /** Dev minus training-dev error. */
    dataMismatch: number | null;
    /** Test minus dev error. */
    devOverfitting: number | null;
  };
  /** The problems with a positive gap, largest first. */
  ranking: RankedProblem[];
  /** The largest problem, or null when no gap is positive. */
  dominant: Problem | null;
  /** The course's remedies for the dominant problem. */
  remedies: string[];
  /** Caveats: surpassed human level, a gap that mixes two problems, a negative mismatch. */
  notes: string[];
}

const tidy = (v: number) => Math.round(v * 1e10) / 1e10;

/**
 * Diagnoses a model from human-level, training, training-dev, dev and test error as the course
 * does: avoidable bias = training - human-level (Bayes proxy), variance = training-dev - training,
 * data mismatch = dev - training-dev, overfitting to dev = test - dev. The largest gap is the
 * problem to work on, with its orthogonal remedies. Human 1%, training 8%, dev 10%: avoidable bias
 * (7%) dominates; human 7.5%, same errors: variance (2%) does.
 *
 * @param levels - The error levels.
 * @param options - `unit` (fraction or percent), `performsInRealWorld`.
 * @returns The diagnosis as plain data.
 *
 * @example
 * ```ts
 * import { diagnose, formatDiagnosis } from '@dlkit/strategy';
 * const d = diagnose({ humanLevel: 1, train: 8, dev: 10 }, { unit: 'percent' });
 * console.log(d.dominant); // 'avoidable-bias'
 * console.log(formatDiagnosis(d));
 * ```
 *
 * @see The guide `docs/strategy/diagnosis.md`.
 *
 * @category C3 W1 · Avoidable bias
 */
export function diagnose(levels: ErrorLevels, options: DiagnoseOptions = {}): Diagnosis {
  const fn = 'diagnose';
  assertOptions(fn, 'options', options, ['unit', 'performsInRealWorld']);
  const unit = options.unit ?? 'fraction';
  if (unit !== 'fraction' && unit !== 'percent') {
    throw new DlkitError('value', fn, `unit must be 'fraction' or 'percent', got ${String(unit)}`, {
      argument: 'unit',
    });
  }
  const max = unit === 'percent' ? 100 : 1;
  const check = (name: string, v: unknown) => {
    if (v === undefined) {
      throw new DlkitError('value', fn, `${name} error is missing`, { argument: name });
    }
    if (typeof v === 'number' && unit === 'fraction' && v > 1 && v <= 100) {
      throw new DlkitError(
        'value',
        fn,
        `${name} must be a fraction in [0, 1], got ${v}; pass unit: 'percent' for percentages`,
        { argument: name },
      );
    }
    return assertNumber(fn, name, v, { min: 0, max });
  };
  if (levels === null || typeof levels !== 'object') {
    throw new DlkitError('value', fn, 'levels must be an object of error levels', {
      argument: 'levels',
    });
  }
  const train = check('train', levels.train);
  const dev = check('dev', levels.dev);
  const trainDev = levels.trainDev === undefined ? null : check('trainDev', levels.trainDev);
  const test = levels.test === undefined ? null : check('test', levels.test);
  let bayesProxy: Diagnosis['bayesProxy'] = null;
  if (typeof levels.humanLevel === 'number') {
    bayesProxy = { value: check('humanLevel', levels.humanLevel), source: 'human-level error' };
  } else if (levels.humanLevel !== undefined) {
    const entries = Object.entries(levels.humanLevel);
    if (entries.length === 0) {
      throw new DlkitError('value', fn, 'humanLevel names no level', { argument: 'humanLevel' });
    }
    for (const [k, v] of entries) check(`humanLevel.${k}`, v);
    const [source, value] = entries.reduce((a, b) => (b[1] < a[1] ? b : a));
    bayesProxy = { value, source };
  }
  const notes: string[] = [];
  const avoidableBias = bayesProxy === null ? null : tidy(train - bayesProxy.value);
  const variance = tidy((trainDev ?? dev) - train);
  const dataMismatch = trainDev === null ? null : tidy(dev - trainDev);
  const devOverfitting = test === null ? null : tidy(test - dev);
  if (bayesProxy === null) {
    notes.push(
      'no human-level error given: avoidable bias is unknown (training error itself bounds it)',
    );
  } else if (avoidableBias !== null && avoidableBias < 0) {
    notes.push(
      `training error is below the Bayes proxy (${bayesProxy.source}): the model surpasses human level, so avoidable bias cannot be estimated and progress from human insight (labels, error analysis) gets harder`,
    );
  }
  if (trainDev === null) {
    notes.push(
      'no training-dev error given: the variance gap (dev - training) also holds any data mismatch',
    );
  }
  if (dataMismatch !== null && dataMismatch < 0) {
    notes.push(
      'dev error is below training-dev error: the dev/test data is easier than the training distribution (negative data mismatch)',
    );
  }
  if (devOverfitting !== null && devOverfitting < 0) {
    notes.push('test error is below dev error: no sign of overfitting to the dev set');
  }
  const candidates: [Problem, number | null][] = [
    ['avoidable-bias', avoidableBias],
    ['variance', variance],
    ['data-mismatch', dataMismatch],
    ['dev-overfitting', devOverfitting],
  ];
  const ranking = candidates
    .filter((c): c is [Problem, number] => c[1] !== null && c[1] > 0)
    .map(([problem, gap]) => ({ problem, gap }))
    .sort((a, b) => b.gap - a.gap);
  const dominant = ranking[0]?.problem ?? null;
  const remedies = dominant === null ? [] : REMEDIES[dominant].slice();
  if (levels.targetHumanLevel !== undefined) {
    const target = check('targetHumanLevel', levels.targetHumanLevel);
    const gap = tidy(dev - target);
    const show = (x: number) => (unit === 'percent' ? `${x}%` : String(x));
    notes.push(
      gap <= 0
        ? `dev error ${show(dev)} is at or below human level on the dev/test data (${show(target)}): little avoidable bias is left on that distribution`
        : `dev error ${show(dev)} is ${show(gap)} above human level on the dev/test data (${show(target)})`,
    );
  }
  if (options.performsInRealWorld === false) {
    notes.push(
      'the system does well on the test set but not in the real world: change the dev/test set or the cost function',
    );
  }
  return {
    unit,
    bayesProxy,
    errors: { train, trainDev, dev, test },
    gaps: { avoidableBias, variance, dataMismatch, devOverfitting },
    ranking,
    dominant,
    remedies,
    notes,
  };
}

/**
 * A diagnosis as a readable text report, or as JSON.
 *
 * @param d - A diagnosis from {@link diagnose}.
 * @param format - `text` (default) or `json`.
 * @returns The report.
 *
 * @example
 * ```ts
 * import { diagnose, formatDiagnosis } from '@dlkit/strategy';
 * const d = diagnose({ humanLevel: 0, train: 1, trainDev: 1.5, dev: 10 }, { unit: 'percent' });
 * console.log(formatDiagnosis(d)); // dominant problem: data mismatch
 * ```
 *
 * @see The guide `docs/strategy/diagnosis.md`.
 *
 * @category C3 W1 · Avoidable bias
 */
export function formatDiagnosis(d: Diagnosis, format: 'text' | 'json' = 'text'): string {
  if (d === null || typeof d !== 'object' || !('bayesProxy' in d)) {
    throw new DlkitError(
      'value',
      'formatDiagnosis',
      `d must be a Diagnosis from diagnose, got ${describeValue(d)}`,
      {
        argument: 'd',
      },
    );
  }
  if (format === 'json') return JSON.stringify(d, null, 2);
  if (format !== 'text') {
    throw new DlkitError(
      'value',
      'formatDiagnosis',
      `format must be 'text' or 'json', got ${String(format)}`,
      {
        argument: 'format',
      },
    );
  }
  const v = (x: number | null) => (x === null ? '-' : d.unit === 'percent' ? `${x}%` : String(x));
  const rows: [string, string][] = [
    [`Bayes proxy (${d.bayesProxy?.source ?? 'not given'})`, v(d.bayesProxy?.value ?? null)],
    ['training error', v(d.errors.train)],
    ['training-dev error', v(d.errors.trainDev)],
    ['dev error', v(d.errors.dev)],
    ['test error', v(d.errors.test)],
  ];
  const gaps: [string, number | null, Problem][] = [
    ['avoidable bias', d.gaps.avoidableBias, 'avoidable-bias'],
    [
      d.errors.trainDev === null ? 'variance (+ mismatch)' : 'variance',
      d.gaps.variance,
      'variance',
    ],
    ['data mismatch', d.gaps.dataMismatch, 'data-mismatch'],
    ['overfitting to dev', d.gaps.devOverfitting, 'dev-overfitting'],
  ];
  const w = Math.max(...rows.map((r) => r[0].length), ...gaps.map((g) => g[0].length));
  const lines = ['Error levels'];
  for (const [k, x] of rows) lines.push(`  ${k.padEnd(w)}  ${x}`);
  lines.push('Gaps');
  for (const [k, x, p] of gaps) {
    lines.push(`  ${k.padEnd(w)}  ${v(x)}${p === d.dominant ? '  <- dominant' : ''}`);
  }
  if (d.dominant === null) {
    lines.push('Dominant problem: none (no positive gap)');
  } else {
    lines.push(`Dominant problem: ${PROBLEM_NAMES[d.dominant]}`);
    lines.push('Remedies:');
    for (const r of d.remedies) lines.push(`  - ${r}`);
  }
  if (d.notes.length > 0) {
    lines.push('Notes:');
    for (const n of d.notes) lines.push(`  - ${n}`);
  }
  return lines.join('\n') + '\n';
}
