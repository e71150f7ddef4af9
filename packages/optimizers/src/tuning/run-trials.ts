import {
  DlkitError,
  RandomState,
  asCallerAsync,
  assertNumber,
  writeFileAtomically,
  type AtomicIo,
} from '@dlkit/core';
import type { TrialConfig } from './search-space.js';
import { MAX_TRIALS } from './sample-search-space.js';
import { checkRank, sortTrials, type RankOptions, type TrialRecord } from './trial-record.js';
import { readFileIfAny } from './read-file-if-any.js';

/**
 * What the objective gets besides the setting: the trial's number and its seed (seed your model's
 * initialisation and mini-batches with it, and a resumed search repeats the trial exactly).
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export interface TrialContext {
  /** The trial's index, from 0. */
  trial: number;
  /** The trial's seed, drawn from the search's seed. */
  seed: number;
}

/**
 * Trains and evaluates one setting; returns its metrics (finite numbers), at least the ranking one.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export type Objective = (
  config: TrialConfig,
  context: TrialContext,
) => Record<string, number> | Promise<Record<string, number>>;

/**
 * Options of {@link runTrials}.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export interface RunTrialsOptions extends RankOptions {
  /**
   * A JSON file that records every finished trial (Node only). Written atomically after each
   * trial; when it exists at the start, the trials it holds are not run again.
   */
  file?: string;
  /** The search's seed, from which each trial's seed is drawn (default 1). */
  seed?: number;
  /** Called after each trial with its record and how many of the trials are done. */
  onTrial?: (record: TrialRecord, done: number, total: number) => void;
  /** @internal File operations (tests inject crashes). */
  io?: AtomicIo;
}

/** What the file holds. */
interface SearchState {
  format: 'dlkit-trials';
  version: 1;
  metric: string;
  mode: 'min' | 'max';
  seed: number;
  configs: TrialConfig[];
  trials: TrialRecord[];
}

function trialSeeds(seed: number, count: number): number[] {
  const rng = new RandomState(seed);
  return Array.from({ length: count }, () => rng.randint(0, 2 ** 31 - 1));
}

async function loadState(fn: string, file: string, fresh: SearchState): Promise<SearchState> {
  const text = await readFileIfAny(fn, file);
  if (text === undefined) return fresh;
  let state: SearchState;
  try {
    state = JSON.parse(text) as SearchState;
  } catch (cause) {
    throw new DlkitError('io', fn, `${file} is not a trial file (invalid JSON)`, {
      argument: 'options.file',
      cause,
    });
  }
  const same =
    state.format === 'dlkit-trials' &&
    state.metric === fresh.metric &&
    state.mode === fresh.mode &&
    state.seed === fresh.seed &&
    JSON.stringify(state.configs) === JSON.stringify(fresh.configs);
  if (!same || !Array.isArray(state.trials)) {
    throw new DlkitError(
      'state',
      fn,
      `${file} holds a different search (other settings, seed or metric); use another file to start a new one`,
      { argument: 'options.file' },
    );
  }
  return state;
}

function checkMetrics(
  fn: string,
  metrics: unknown,
  metric: string,
  trial: number,
): Record<string, number> {
  const bad = (why: string): never => {
    throw new DlkitError(
      'value',
      fn,
      `the objective of trial ${trial} must return metrics as finite numbers ${why}`,
      {
        argument: 'objective',
      },
    );
  };
  if (metrics === null || typeof metrics !== 'object') return bad(`, got ${String(metrics)}`);
  for (const [k, v] of Object.entries(metrics as Record<string, unknown>)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) bad(`(${k} is ${String(v)})`);
  }
  if (!(metric in (metrics as object))) bad(`including ${metric}`);
  return { ...(metrics as Record<string, number>) };
}

/** Checks that the objective is a function. */
export function checkObjective(fn: string, objective: unknown): void {
  if (typeof objective !== 'function') {
    throw new DlkitError(
      'value',
      fn,
      `objective must be a function, got ${objective === null ? 'null' : typeof objective}`,
      { argument: 'objective' },
    );
  }
}

function checkConfigs(fn: string, configs: unknown): TrialConfig[] {
  if (!Array.isArray(configs)) {
    throw new DlkitError(
      'value',
      fn,
      `configs must be an array of settings, got ${configs === null ? 'null' : typeof configs}`,
      {
        argument: 'configs',
      },
    );
  }
  assertNumber(fn, 'configs.length', configs.length, { integer: true, min: 1, max: MAX_TRIALS });
  configs.forEach((c, i) => {
    if (c === null || typeof c !== 'object' || Array.isArray(c)) {
      throw new DlkitError(
        'value',
        fn,
        `configs[${i}] must be an object of hyperparameter values`,
        {
          argument: 'configs',
        },
      );
    }
  });
  return configs as TrialConfig[];
}

/**
 * Runs one trial per setting, in order, and returns them best first: a seeded, resumable trial
 * runner. With `file`, every finished trial is saved at once and atomically (write a temporary
 * file, fsync, rename, fsync the folder), so a search killed at any moment (even `SIGKILL`) resumes
 * where it stopped when run again with the same arguments: finished trials are read back, not run;
 * the interrupted one runs again from its seed. A file that holds another search is refused.
 *
 * @param configs - The settings (e.g. from {@link sampleSearchSpace}), 1 to 100000.
 * @param objective - Trains and evaluates one setting; gets the trial's number and seed.
 * @param options - The ranking `metric` and `mode`, the `file`, the `seed`, `onTrial`.
 * @returns Every trial's record, best first by the metric.
 *
 * @example
 * ```ts
 * import { logUniform, runTrials, sampleSearchSpace } from '@dlkit/optimizers';
 * const configs = sampleSearchSpace({ learningRate: logUniform(1e-4, 1) }, 5, 1);
 * // A stand-in objective: the cost is smallest at a learning rate of 0.01.
 * const trials = await runTrials(
 *   configs,
 *   ({ learningRate }) => ({ cost: Math.abs(Math.log10(learningRate as number) + 2) }),
 *   { metric: 'cost' },
 * );
 * console.log(trials[0]!.config.learningRate); // the setting closest to 0.01
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export async function runTrials(
  configs: readonly TrialConfig[],
  objective: Objective,
  options: RunTrialsOptions,
): Promise<TrialRecord[]> {
  const fn = 'runTrials';
  const list = checkConfigs(fn, configs);
  checkObjective(fn, objective);

  const rank = checkRank(fn, options);
  const seed = assertNumber(fn, 'seed', options.seed ?? 1, {
    integer: true,
    min: 0,
    max: 2 ** 32 - 1,
  });
  const { file, onTrial, io } = options;
  if (onTrial !== undefined && typeof onTrial !== 'function') {
    throw new DlkitError('value', fn, `onTrial must be a function, got ${typeof onTrial}`, {
      argument: 'options.onTrial',
    });
  }
  if (file !== undefined && (typeof file !== 'string' || file.length === 0)) {
    throw new DlkitError('value', fn, `file must be a path, got ${String(file)}`, {
      argument: 'options.file',
    });
  }
  const fresh: SearchState = {
    format: 'dlkit-trials',
    version: 1,
    ...rank,
    seed,
    configs: [...list],
    trials: [],
  };
  const state = file === undefined ? fresh : await loadState(fn, file, fresh);
  const seeds = trialSeeds(seed, list.length);
  const done = new Set(state.trials.map((t) => t.trial));
  for (const [trial, config] of list.entries()) {
    if (done.has(trial)) continue;
    const context = { trial, seed: seeds[trial]! };
    const metrics = checkMetrics(fn, await objective({ ...config }, context), rank.metric, trial);
    const record: TrialRecord = { trial, seed: context.seed, config: { ...config }, metrics };
    state.trials.push(record);
    if (file !== undefined) {
      const text = `${JSON.stringify(state)}\n`;
      await asCallerAsync(fn, () =>
        writeFileAtomically(file, text, { argument: 'options.file', ...(io ? { io } : {}) }),
      );
    }
    onTrial?.(record, state.trials.length, list.length);
  }
  return sortTrials(state.trials, rank);
}
