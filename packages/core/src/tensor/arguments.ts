import * as tf from '@tensorflow/tfjs';
import { DlkitError } from './errors.js';
import { assertNumber } from './values.js';
import { describeValue } from './describe-value.js';

export { describeValue };

/**
 * The most elements dlkit makes for one array or tensor from a size the user gives (2^26, a
 * 256 MiB float32 tensor): a bigger size is a mistake here (the course's largest tensors are
 * well under a million elements), and an accepted size of 1e9 would run for minutes or exhaust
 * memory instead of failing.
 *
 * @category Tensor basics
 */
export const MAX_ELEMENTS = 2 ** 26;

/** Checks the `fn` and `argument` names a check helper is given (a mistake of the caller's code). */
function checkNames(helper: string, fn: unknown, argument: unknown): void {
  for (const [name, v] of [
    ['fn', fn],
    ['argument', argument],
  ] as const) {
    if (typeof v !== 'string' || v === '') {
      throw new DlkitError(
        'value',
        helper,
        `${name} must be a non-empty string, got ${describeValue(v)}`,
        {
          argument: name,
        },
      );
    }
  }
}

/**
 * What {@link assertTensor} accepts besides being a live tensor.
 *
 * @category Tensor basics
 */
export interface TensorRequirements {
  /** The accepted dtypes. Default `['float32']`. */
  dtypes?: readonly tf.DataType[];
  /** The required rank, if any. */
  rank?: number;
  /** Whether every value must be finite (reads the values back: use on inputs, once). */
  finite?: boolean;
}

/**
 * Checks that an argument is a live tensor of an accepted dtype (and rank), rejecting anything
 * else (`undefined`, numbers, arrays, disposed tensors) with a {@link DlkitError} naming `fn`
 * and the argument. A disposed tensor is kind `state`, a wrong dtype kind `dtype`, a wrong rank
 * kind `shape`, and anything not a tensor or holding NaN kind `value`.
 *
 * @param fn - The public function whose argument is checked.
 * @param argument - The argument's name.
 * @param value - What was given.
 * @param requirements - Dtypes (default float32 only), rank, finiteness.
 * @returns The value, typed as a tensor.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { assertTensor } from '@dlkit/core';
 * const Z = tf.tensor([1, 2], [2], 'int32');
 * try {
 *   assertTensor('relu', 'Z', Z);
 * } catch (e) {
 *   console.log((e as Error).message); // relu: Z must have dtype float32, got int32
 * }
 * Z.dispose();
 * ```
 *
 * @category Tensor basics
 */
export function assertTensor(
  fn: string,
  argument: string,
  value: unknown,
  requirements: TensorRequirements = {},
): tf.Tensor {
  checkNames('assertTensor', fn, argument);
  const {
    dtypes = ['float32'],
    rank,
    finite = false,
  } = assertOptions('assertTensor', 'requirements', requirements ?? undefined, [
    'dtypes',
    'rank',
    'finite',
  ]);
  if (!(value instanceof tf.Tensor)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a tf.Tensor, got ${describeValue(value)}`,
      {
        argument,
      },
    );
  }
  if (value.isDisposed) {
    throw new DlkitError('state', fn, `${argument} is a disposed tensor`, { argument });
  }
  if (!dtypes.includes(value.dtype)) {
    throw new DlkitError(
      'dtype',
      fn,
      `${argument} must have dtype ${dtypes.join(' or ')}, got ${value.dtype}`,
      {
        argument,
      },
    );
  }
  if (rank !== undefined && value.rank !== rank) {
    throw new DlkitError(
      'shape',
      fn,
      `${argument} must have rank ${rank}, got shape [${value.shape.join(', ')}]`,
      {
        argument,
      },
    );
  }
  if (finite) assertFiniteValues(fn, argument, value);
  return value;
}

function assertFiniteValues(fn: string, argument: string, value: tf.Tensor): void {
  const values = value.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new DlkitError(
        'value',
        fn,
        `${argument} must be finite, got ${v} at flat index ${i} of shape [${value.shape.join(', ')}]`,
        { argument },
      );
    }
  }
}

/**
 * Checks an enumerated option and names the allowed values when it is wrong.
 *
 * @param fn - The public function whose argument is checked.
 * @param argument - The argument's name.
 * @param value - What was given.
 * @param allowed - The accepted values.
 * @returns The value, typed as one of `allowed`.
 *
 * @example
 * ```ts
 * import { assertOneOf } from '@dlkit/core';
 * const layout = assertOneOf('makeMoons', 'layout', 'rows', ['columns', 'rows'] as const);
 * console.log(layout); // rows
 * ```
 *
 * @category Tensor basics
 */
export function assertOneOf<T extends string | number | boolean>(
  fn: string,
  argument: string,
  value: unknown,
  allowed: readonly T[],
): T {
  checkNames('assertOneOf', fn, argument);
  if (!Array.isArray(allowed)) {
    throw new DlkitError(
      'value',
      'assertOneOf',
      `allowed must be an array, got ${describeValue(allowed)}`,
      {
        argument: 'allowed',
      },
    );
  }
  if (!(allowed as readonly unknown[]).includes(value)) {
    const list = allowed.map((a) => (typeof a === 'string' ? `'${a}'` : String(a))).join(', ');
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be one of ${list}, got ${typeof value === 'string' ? value : describeValue(value)}`,
      {
        argument,
      },
    );
  }
  return value as T;
}

/**
 * Checks an options argument: `undefined` (every default) or a plain object whose fields are all
 * among `known`. A misspelt field (`{ learningrate: 0.1 }`) is an error, not a silent default.
 * The fields' values are the caller's to check (with {@link assertNumber}, {@link assertOneOf}, …).
 *
 * @param fn - The public function whose argument is checked.
 * @param argument - The argument's name (usually `options`).
 * @param value - What was given.
 * @param known - The fields the function reads.
 * @returns The options (an empty object for `undefined`).
 *
 * @example
 * ```ts
 * import { assertOptions } from '@dlkit/core';
 * try {
 *   assertOptions('makeMoons', 'options', { nois: 0.1 }, ['m', 'noise', 'seed']);
 * } catch (e) {
 *   console.log((e as Error).message); // makeMoons: options has an unknown field nois (known: m, noise, seed)
 * }
 * ```
 *
 * @category Tensor basics
 */
export function assertOptions<T extends object>(
  fn: string,
  argument: string,
  value: T | undefined,
  known: readonly (keyof T & string)[],
): Partial<T> {
  checkNames('assertOptions', fn, argument);
  if (!Array.isArray(known)) {
    throw new DlkitError(
      'value',
      'assertOptions',
      `known must be an array of field names, got ${describeValue(known)}`,
      {
        argument: 'known',
      },
    );
  }
  if (value === undefined) return {};
  const proto: unknown =
    value === null || typeof value !== 'object' ? undefined : Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an object of options, got ${describeValue(value)}`,
      {
        argument,
      },
    );
  }
  for (const key of Object.keys(value)) {
    if (!(known as readonly string[]).includes(key)) {
      throw new DlkitError(
        'value',
        fn,
        `${argument} has an unknown field ${key} (known: ${known.join(', ') || 'none'})`,
        { argument: `${argument}.${key}` },
      );
    }
  }
  return value;
}

/**
 * Checks a size a function allocates from (a count, a length, a dimension): a whole number in
 * `[min, MAX_ELEMENTS]`.
 *
 * @param fn - The public function whose argument is checked.
 * @param argument - The argument's name.
 * @param value - What was given.
 * @param min - The smallest accepted size. Default 0.
 * @returns The size.
 *
 * @example
 * ```ts
 * import { assertSize } from '@dlkit/core';
 * try {
 *   assertSize('makeMoons', 'm', 1e9);
 * } catch (e) {
 *   console.log((e as Error).message); // makeMoons: m must be an integer >= 0 and <= 67108864, got 1000000000
 * }
 * ```
 *
 * @category Tensor basics
 */
export function assertSize(fn: string, argument: string, value: unknown, min = 0): number {
  checkNames('assertSize', fn, argument);
  assertNumber('assertSize', 'min', min, { integer: true, min: 0, max: MAX_ELEMENTS });
  return assertNumber(fn, argument, value, { integer: true, min, max: MAX_ELEMENTS });
}

/**
 * Checks a shape a function allocates (`[2, 3]`): an array of whole sizes whose product is at
 * most {@link MAX_ELEMENTS}.
 *
 * @param fn - The public function whose argument is checked.
 * @param argument - The argument's name.
 * @param value - What was given.
 * @returns The shape.
 *
 * @example
 * ```ts
 * import { assertShapeSize } from '@dlkit/core';
 * console.log(assertShapeSize('rand', 'shape', [2, 3])); // [2, 3]
 * ```
 *
 * @category Tensor basics
 */
export function assertShapeSize(fn: string, argument: string, value: unknown): number[] {
  checkNames('assertShapeSize', fn, argument);
  if (!Array.isArray(value)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array of sizes, got ${describeValue(value)}`,
      {
        argument,
      },
    );
  }
  value.forEach((d, i) => assertSize(fn, `${argument}[${i}]`, d));
  const total = (value as number[]).reduce((a, b) => a * b, 1);
  if (total > MAX_ELEMENTS) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} [${value.join(', ')}] has ${total} elements, more than ${MAX_ELEMENTS}`,
      { argument },
    );
  }
  return value as number[];
}

/**
 * Checks a name argument such as the `fn` that check helpers take: a non-empty string.
 *
 * @param fn - The public function whose argument is checked.
 * @param argument - The argument's name.
 * @param value - What was given.
 * @returns The string.
 *
 * @example
 * ```ts
 * import { assertString } from '@dlkit/core';
 * console.log(assertString('Vocabulary', 'unknown', '<unk>')); // <unk>
 * ```
 *
 * @category Tensor basics
 */
export function assertString(fn: string, argument: string, value: unknown): string {
  checkNames('assertString', fn, argument);
  if (typeof value !== 'string' || value === '') {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a non-empty string, got ${describeValue(value)}`,
      {
        argument,
      },
    );
  }
  return value;
}

/**
 * The most iterations a training loop accepts: 100 times the course's longest run (`nn_model`'s
 * 10,000), so a mistyped `1e9` fails at once instead of training for days.
 *
 * @category Tensor basics
 */
export const MAX_ITERATIONS = 1_000_000;

/**
 * Checks a dictionary of tensors such as `parameters` or `grads`: a plain object whose values
 * are live float32 tensors.
 *
 * @param fn - The public function whose argument is checked.
 * @param argument - The argument's name.
 * @param value - What was given.
 * @returns The dictionary.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { assertTensorRecord } from '@dlkit/core';
 * const parameters = { W1: tf.ones([2, 3]), b1: tf.zeros([2, 1]) };
 * console.log(Object.keys(assertTensorRecord('updateParameters', 'parameters', parameters)));
 * tf.dispose(Object.values(parameters));
 * ```
 *
 * @category Tensor basics
 */
export function assertTensorRecord(
  fn: string,
  argument: string,
  value: unknown,
): Record<string, tf.Tensor> {
  checkNames('assertTensorRecord', fn, argument);
  const proto: unknown =
    value === null || typeof value !== 'object' ? undefined : Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an object of tensors, got ${describeValue(value)}`,
      {
        argument,
      },
    );
  }
  for (const [key, t] of Object.entries(value as object)) assertTensor(fn, `${argument}.${key}`, t);
  return value as Record<string, tf.Tensor>;
}
