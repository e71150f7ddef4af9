import { DlkitError, assertNumber } from '@dlkit/core';
import { checkSearchSpace, type SearchSpace } from './search-space.js';
import { MAX_TRIALS, sampleSearchSpace } from './sample-search-space.js';
import { refineSearchSpace } from './refine-search-space.js';
import { checkObjective, runTrials, type Objective, type RunTrialsOptions } from './run-trials.js';
import { checkRank, sortTrials, type TrialRecord } from './trial-record.js';

/** Checks what both searches take, so that their messages name the function called. */
function checkSearch(fn: string, space: unknown, objective: unknown, options: unknown): void {
  checkSearchSpace(fn, space);
  checkObjective(fn, objective);
  checkRank(fn, options);
  const { numTrials, seed = 1 } = options as RandomSearchOptions;
  assertNumber(fn, 'numTrials', numTrials, { integer: true, min: 1, max: MAX_TRIALS });
  assertNumber(fn, 'seed', seed, { integer: true, min: 0, max: 2 ** 32 - 101 });
}

/**
 * Options of {@link randomSearch}.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export interface RandomSearchOptions extends RunTrialsOptions {
  /** How many settings to try, 1 to 100000. */
  numTrials: number;
}

/**
 * Random search: samples `numTrials` settings from the space (seeded) and runs them with
 * {@link runTrials} (resumable with `file`).
 *
 * @param space - Hyperparameters by name.
 * @param objective - Trains and evaluates one setting.
 * @param options - `numTrials`, the ranking `metric` and `mode`, `seed`, `file`, `onTrial`.
 * @returns The trials, best first.
 *
 * @example
 * ```ts
 * import { logUniform, randomSearch } from '@dlkit/optimizers';
 * const trials = await randomSearch(
 *   { learningRate: logUniform(1e-4, 1) },
 *   ({ learningRate }) => ({ cost: (Math.log10(learningRate as number) + 2) ** 2 }),
 *   { numTrials: 8, metric: 'cost', seed: 3 },
 * );
 * console.log(trials.length, trials[0]!.metrics.cost <= trials[7]!.metrics.cost); // 8 true
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export async function randomSearch(
  space: SearchSpace,
  objective: Objective,
  options: RandomSearchOptions,
): Promise<TrialRecord[]> {
  checkSearch('randomSearch', space, objective, options);
  const configs = sampleSearchSpace(space, options.numTrials, options.seed ?? 1);
  return runTrials(configs, objective, options);
}

/**
 * Options of {@link coarseToFine}.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export interface CoarseToFineOptions extends RandomSearchOptions {
  /** How many rounds of sampling, each in the space refined from the one before (default 2). */
  rounds?: number;
  /** How many of the best trials of a round the next round's ranges cover (default a quarter). */
  keep?: number;
  /** How much to widen the refined ranges (default 0.1, see `refineSearchSpace`). */
  margin?: number;
}

/**
 * What {@link coarseToFine} returns.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export interface CoarseToFineResult {
  /** Every trial of every round, best first; `trial` counts across rounds. */
  trials: TrialRecord[];
  /** The space each round sampled from, the given one first. */
  spaces: SearchSpace[];
}

/**
 * Coarse to fine: a random search, then rounds that sample again inside the region of the best
 * trials so far (`refineSearchSpace`). Round `r` uses seed `seed + r` and, with `file`, the file
 * `<file>.round<r>`, so a killed search resumes in the round it was in.
 *
 * @param space - The coarse space.
 * @param objective - Trains and evaluates one setting.
 * @param options - `numTrials` per round, `rounds`, `keep`, `margin`, the `metric` and `mode`, `seed`, `file`.
 * @returns All trials best first, and the spaces.
 *
 * @example
 * ```ts
 * import { coarseToFine, logUniform } from '@dlkit/optimizers';
 * const { trials, spaces } = await coarseToFine(
 *   { learningRate: logUniform(1e-5, 1) },
 *   ({ learningRate }) => ({ cost: (Math.log10(learningRate as number) + 3) ** 2 }),
 *   { numTrials: 10, rounds: 2, metric: 'cost', seed: 1 },
 * );
 * console.log(trials.length, spaces[1]); // 20, a narrower range around 1e-3
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export async function coarseToFine(
  space: SearchSpace,
  objective: Objective,
  options: CoarseToFineOptions,
): Promise<CoarseToFineResult> {
  const fn = 'coarseToFine';
  checkSearch(fn, space, objective, options);
  const rank = checkRank(fn, options);
  const rounds = assertNumber(fn, 'rounds', options.rounds ?? 2, {
    integer: true,
    min: 1,
    max: 100,
  });
  const seed = assertNumber(fn, 'seed', options.seed ?? 1, {
    integer: true,
    min: 0,
    max: 2 ** 32 - 101,
  });
  if (options.file !== undefined && typeof options.file !== 'string') {
    throw new DlkitError('value', fn, `file must be a path, got ${typeof options.file}`, {
      argument: 'options.file',
    });
  }
  const spaces: SearchSpace[] = [space];
  const all: TrialRecord[] = [];
  for (let r = 0; r < rounds; r++) {
    const current = spaces[r]!;
    const offset = all.length;
    const round = await runTrials(
      sampleSearchSpace(current, options.numTrials, seed + r),
      objective,
      {
        ...options,
        seed: seed + r,
        ...(options.file === undefined ? {} : { file: `${options.file}.round${r}` }),
      },
    );
    all.push(...round.map((t) => ({ ...t, trial: t.trial + offset })));
    if (r + 1 < rounds) {
      spaces.push(
        refineSearchSpace(current, all, {
          ...rank,
          ...(options.keep === undefined ? {} : { keep: options.keep }),
          ...(options.margin === undefined ? {} : { margin: options.margin }),
        }),
      );
    }
  }
  return { trials: sortTrials(all, rank), spaces };
}
