import { DlkitError, assertNumber } from '@dlkit/core';

/**
 * One hyperparameter's range and how it is sampled:
 * - `uniform`: `low + (high - low) u`;
 * - `logUniform`: `10^r` with `r` uniform between `log10 low` and `log10 high` (the lecture's
 *   learning rate, `r = -4 · np.random.rand()`, `α = 10^r`, is `logUniform(1e-4, 1)`);
 * - `oneMinusLogUniform`: `β = 1 - 10^r` with `1 - β` log-uniform (the lecture's momentum
 *   `β` in [0.9, 0.999]: as sensitive between 0.9 and 0.99 as between 0.99 and 0.999);
 * - `int`: a whole number in [low, high], uniform;
 * - `choice`: one of `values`, uniform.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export type Hyperparameter = RangeHyperparameter | ChoiceHyperparameter;

/**
 * A numeric {@link Hyperparameter}: a range and a scale.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export interface RangeHyperparameter {
  /** The scale it is sampled on. */
  kind: 'uniform' | 'logUniform' | 'oneMinusLogUniform' | 'int';
  /** The smallest value. */
  low: number;
  /** The largest value. */
  high: number;
}

/**
 * A {@link Hyperparameter} picked from a list.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export interface ChoiceHyperparameter {
  /** Always `'choice'`. */
  kind: 'choice';
  /** The values to pick from. */
  values: readonly (string | number | boolean)[];
}

/**
 * Hyperparameters by name.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export type SearchSpace = Record<string, Hyperparameter>;

/**
 * One sampled setting: a value per hyperparameter of the space.
 *
 * @category C2 W3 · Hyperparameter tuning
 */
export type TrialConfig = Record<string, string | number | boolean>;

function bounds(fn: string, low: number, high: number, min?: number, max?: number): void {
  const lo = min === undefined ? {} : { min, minExclusive: true };
  assertNumber(fn, 'low', low, {
    ...lo,
    ...(max === undefined ? {} : { max, maxExclusive: true }),
  });
  assertNumber(fn, 'high', high, {
    ...lo,
    ...(max === undefined ? {} : { max, maxExclusive: true }),
  });
  if (high < low) {
    throw new DlkitError('value', fn, `high must be at least low (${low}), got ${high}`, {
      argument: 'high',
    });
  }
}

/**
 * A hyperparameter sampled uniformly on [low, high].
 *
 * @param low - The smallest value.
 * @param high - The largest value, at least `low`.
 * @returns The hyperparameter, for a {@link SearchSpace}.
 *
 * @example
 * ```ts
 * import { uniform } from '@dlkit/optimizers';
 * console.log(uniform(0, 0.5)); // { kind: 'uniform', low: 0, high: 0.5 }
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export function uniform(low: number, high: number): Hyperparameter {
  bounds('uniform', low, high);
  return { kind: 'uniform', low, high };
}

/**
 * A hyperparameter sampled on a log scale: `10^r`, `r` uniform on [log10 low, log10 high], so each
 * decade gets as many samples (the learning rate).
 *
 * @param low - The smallest value, above 0.
 * @param high - The largest value, at least `low`.
 * @returns The hyperparameter.
 *
 * @example
 * ```ts
 * import { logUniform } from '@dlkit/optimizers';
 * console.log(logUniform(1e-4, 1)); // the lecture's learning rate, 10^r with r in [-4, 0]
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export function logUniform(low: number, high: number): Hyperparameter {
  bounds('logUniform', low, high, 0);
  return { kind: 'logUniform', low, high };
}

/**
 * A hyperparameter near 1 sampled with `1 - β` on a log scale (a momentum or Adam `β`).
 *
 * @param low - The smallest `β`, in [0, 1).
 * @param high - The largest `β`, in [low, 1).
 * @returns The hyperparameter.
 *
 * @example
 * ```ts
 * import { oneMinusLogUniform } from '@dlkit/optimizers';
 * console.log(oneMinusLogUniform(0.9, 0.999)); // β = 1 - 10^r, r in [-3, -1]
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export function oneMinusLogUniform(low: number, high: number): Hyperparameter {
  const fn = 'oneMinusLogUniform';
  assertNumber(fn, 'low', low, { min: 0, max: 1, maxExclusive: true });
  assertNumber(fn, 'high', high, { min: 0, max: 1, maxExclusive: true });
  bounds(fn, low, high);
  return { kind: 'oneMinusLogUniform', low, high };
}

/**
 * A whole-number hyperparameter sampled uniformly on [low, high] (layers, hidden units).
 *
 * @param low - The smallest value, a whole number.
 * @param high - The largest value, a whole number at least `low`.
 * @returns The hyperparameter.
 *
 * @example
 * ```ts
 * import { intUniform } from '@dlkit/optimizers';
 * console.log(intUniform(50, 100)); // { kind: 'int', low: 50, high: 100 }
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export function intUniform(low: number, high: number): Hyperparameter {
  const fn = 'intUniform';
  assertNumber(fn, 'low', low, { integer: true });
  assertNumber(fn, 'high', high, { integer: true });
  bounds(fn, low, high);
  return { kind: 'int', low, high };
}

/**
 * A hyperparameter picked uniformly from a list (an activation, an optimizer's name).
 *
 * @param values - One or more strings, numbers or booleans.
 * @returns The hyperparameter.
 *
 * @example
 * ```ts
 * import { choice } from '@dlkit/optimizers';
 * console.log(choice(['relu', 'tanh'])); // { kind: 'choice', values: ['relu', 'tanh'] }
 * ```
 *
 * @see the guide page `docs/optimizers/tuning.md`
 * @category C2 W3 · Hyperparameter tuning
 */
export function choice(values: readonly (string | number | boolean)[]): Hyperparameter {
  const fn = 'choice';
  if (!Array.isArray(values) || values.length === 0) {
    throw new DlkitError('value', fn, 'values must be a non-empty array', { argument: 'values' });
  }
  values.forEach((v, i) => {
    const ok =
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      (typeof v === 'number' && Number.isFinite(v));
    if (!ok) {
      throw new DlkitError(
        'value',
        fn,
        `values[${i}] must be a string, a finite number or a boolean, got ${String(v)}`,
        {
          argument: 'values',
        },
      );
    }
  });
  return { kind: 'choice', values: [...values] };
}

/** Checks a search space given by a caller: an object of hyperparameters made by this module. */
export function checkSearchSpace(fn: string, space: unknown): [string, Hyperparameter][] {
  if (space === null || typeof space !== 'object' || Array.isArray(space)) {
    throw new DlkitError(
      'value',
      fn,
      `space must be an object of hyperparameters, got ${space === null ? 'null' : typeof space}`,
      {
        argument: 'space',
      },
    );
  }
  const entries = Object.entries(space as Record<string, unknown>);
  if (entries.length === 0) {
    throw new DlkitError('value', fn, 'space must name at least one hyperparameter', {
      argument: 'space',
    });
  }
  const kinds = ['uniform', 'logUniform', 'oneMinusLogUniform', 'int', 'choice'];
  for (const [name, h] of entries) {
    const kind = (h as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !kinds.includes(kind)) {
      throw new DlkitError(
        'value',
        fn,
        `space.${name} must be made by uniform, logUniform, oneMinusLogUniform, intUniform or choice`,
        { argument: 'space' },
      );
    }
  }
  return entries as [string, Hyperparameter][];
}
