import { DlkitError, assertNumber, assertOptions, describeValue } from '@dlkit/core';
import { emitWarning, type WarningOptions } from '../metrics/warnings.js';

/**
 * The outcome of {@link checkDevTestSources}.
 *
 * @category C3 W1 · Train/dev/test distributions
 */
export interface SourceCheck {
  /** True when dev and test draw from the same sources in about the same shares. */
  sameDistribution: boolean;
  /** Share of each source in the dev set. */
  dev: Record<string, number>;
  /** Share of each source in the test set. */
  test: Record<string, number>;
  /** Total variation distance between the two shares, `½ Σ |dev - test|`, in `[0, 1]`. */
  distance: number;
  /** What is wrong, one sentence per problem (also sent to `onWarning`). */
  warnings: string[];
}

function shares(fn: string, argument: string, sources: ArrayLike<string>): Record<string, number> {
  if (!Array.isArray(sources)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array of source names, got ${describeValue(sources)}`,
      { argument },
    );
  }
  if (sources.length === 0) {
    throw new DlkitError('value', fn, `${argument} is empty`, { argument });
  }
  const counts: Record<string, number> = {};
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i];
    if (typeof s !== 'string') {
      throw new DlkitError(
        'value',
        fn,
        `${argument} must hold source names, got ${String(s)} at index ${i}`,
        {
          argument,
        },
      );
    }
    counts[s] = (counts[s] ?? 0) + 1;
  }
  for (const k of Object.keys(counts)) counts[k] = (counts[k] as number) / sources.length;
  return counts;
}

/**
 * Checks the course's rule that dev and test sets come from the same distribution: given the
 * source of every dev and test example (a region, a device, a website), it warns when a source
 * appears in only one of them or when their shares differ by more than `tolerance` (total
 * variation distance). Dev on US/UK/Europe/South America and test on India/China/Asia/Australia
 * fails: the team would aim at one target and be judged on another.
 *
 * @param devSources - The source of each dev example.
 * @param testSources - The source of each test example.
 * @param options - `tolerance` (default 0.05) and `onWarning` (default `console.warn`).
 * @returns The shares, their distance and the warnings.
 *
 * @example
 * ```ts
 * import { checkDevTestSources } from '@dlkit/strategy';
 * const check = checkDevTestSources(['US', 'UK', 'US'], ['India', 'China', 'India'], { onWarning: () => {} });
 * console.log(check.sameDistribution, check.warnings[0]);
 * ```
 *
 * @see The guide `docs/strategy/splits.md`.
 *
 * @category C3 W1 · Train/dev/test distributions
 */
export function checkDevTestSources(
  devSources: ArrayLike<string>,
  testSources: ArrayLike<string>,
  options: WarningOptions & { tolerance?: number } = {},
): SourceCheck {
  const fn = 'checkDevTestSources';
  assertOptions(fn, 'options', options, ['onWarning', 'tolerance']);
  const tolerance = assertNumber(fn, 'tolerance', options.tolerance ?? 0.05, { min: 0, max: 1 });
  const dev = shares(fn, 'devSources', devSources);
  const test = shares(fn, 'testSources', testSources);
  const all = [...new Set([...Object.keys(dev), ...Object.keys(test)])].sort();
  let distance = 0;
  for (const s of all) distance += Math.abs((dev[s] ?? 0) - (test[s] ?? 0));
  distance /= 2;
  const warnings: string[] = [];
  const onlyDev = all.filter((s) => test[s] === undefined);
  const onlyTest = all.filter((s) => dev[s] === undefined);
  if (onlyDev.length > 0) warnings.push(`sources only in dev: ${onlyDev.join(', ')}`);
  if (onlyTest.length > 0) warnings.push(`sources only in test: ${onlyTest.join(', ')}`);
  const pct = (v: number) => `${Number((v * 100).toPrecision(3))}%`;
  if (distance > tolerance) {
    warnings.push(
      `dev and test come from different distributions: their source shares differ by ${pct(distance)} (total variation), more than the ${pct(tolerance)} tolerance; shuffle all sources together before splitting dev and test`,
    );
  }
  for (const w of warnings) emitWarning(options, { fn, message: w });
  return { sameDistribution: warnings.length === 0, dev, test, distance, warnings };
}
