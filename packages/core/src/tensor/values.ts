import { DlkitError } from './errors.js';

function describeNumber(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `string ${value}`;
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Bounds for {@link assertNumber}. */
export interface NumberBounds {
  /** Smallest allowed value (inclusive unless `minExclusive`). */
  min?: number;
  /** Largest allowed value (inclusive unless `maxExclusive`). */
  max?: number;
  /** Whether `min` itself is rejected. */
  minExclusive?: boolean;
  /** Whether `max` itself is rejected. */
  maxExclusive?: boolean;
  /** Whether the value must be a whole number. */
  integer?: boolean;
}

/** `assertNumber`'s own argument: an object whose `min` and `max`, when given, are numbers. */
function checkBounds(bounds: unknown): NumberBounds {
  if (typeof bounds !== 'object' || bounds === null || Array.isArray(bounds)) {
    throw new DlkitError(
      'value',
      'assertNumber',
      `bounds must be an object, got ${describeNumber(bounds)}`,
      { argument: 'bounds' },
    );
  }
  for (const key of ['min', 'max'] as const) {
    const v = (bounds as NumberBounds)[key];
    if (v !== undefined && (typeof v !== 'number' || Number.isNaN(v))) {
      throw new DlkitError(
        'value',
        'assertNumber',
        `bounds.${key} must be a number, got ${describeNumber(v)}`,
        { argument: 'bounds' },
      );
    }
  }
  return bounds as NumberBounds;
}

/**
 * Checks a plain number option: finite, optionally whole, within bounds.
 *
 * @param fn - The public function whose argument is checked.
 * @param argument - The argument's name.
 * @param value - The value given.
 * @param bounds - What is allowed.
 * @returns The value, typed as a number.
 *
 * @example
 * ```ts
 * import { assertNumber } from '@dlkit/core';
 * const lr = assertNumber('model', 'learningRate', 0.01, { min: 0, minExclusive: true });
 * console.log(lr);
 * ```
 *
 * @category Tensor basics
 */
export function assertNumber(
  fn: string,
  argument: string,
  value: unknown,
  bounds: NumberBounds = {},
): number {
  if (typeof fn !== 'string' || fn === '' || typeof argument !== 'string' || argument === '') {
    throw new DlkitError('value', 'assertNumber', 'fn and argument must be non-empty strings', {
      argument: typeof fn !== 'string' || fn === '' ? 'fn' : 'argument',
    });
  }
  const {
    min,
    max,
    minExclusive = false,
    maxExclusive = false,
    integer = false,
  } = checkBounds(bounds);
  const what = integer ? 'an integer' : 'a finite number';
  const range =
    (min === undefined ? '' : ` ${minExclusive ? '>' : '>='} ${min}`) +
    (min !== undefined && max !== undefined ? ' and' : '') +
    (max === undefined ? '' : ` ${maxExclusive ? '<' : '<='} ${max}`);
  const fail = (): never => {
    const got = describeNumber(value);
    throw new DlkitError('value', fn, `${argument} must be ${what}${range}, got ${got}`, {
      argument,
    });
  };
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail();
  if (integer && !Number.isInteger(value)) fail();
  if (min !== undefined && (minExclusive ? value <= min : value < min)) fail();
  if (max !== undefined && (maxExclusive ? value >= max : value > max)) fail();
  return value;
}
