import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  RandomState,
  assertNumber,
  assertOptions,
  assertShape,
  type Gradients,
  type Parameters,
} from '@dlkit/core';

/**
 * Checks that `value` is a non-empty dictionary of live tensors and returns it typed.
 *
 * @internal
 */
export function checkDict(
  fn: string,
  argument: string,
  value: unknown,
  allowEmpty = false,
): Parameters {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    value instanceof tf.Tensor
  ) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a dictionary of tensors, got ${describe(value)}`,
      {
        argument,
      },
    );
  }
  const entries = Object.entries(value);
  if (entries.length === 0 && !allowEmpty) {
    throw new DlkitError('value', fn, `${argument} is empty`, { argument });
  }
  for (const [key, t] of entries) {
    if (!(t instanceof tf.Tensor) || t.isDisposed) {
      throw new DlkitError('value', fn, `${argument}.${key} must be a live tf.Tensor`, {
        argument,
      });
    }
  }
  return value as Parameters;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof tf.Tensor) return 'a tensor';
  return typeof value;
}

/**
 * Checks that every parameter `K` has a `dK` entry of the same shape in each of the named
 * dictionaries (gradients, moments), as the course's update rules index them.
 *
 * @internal
 */
export function checkMatching(
  fn: string,
  parameters: unknown,
  dicts: readonly (readonly [string, unknown])[],
): Parameters {
  const p = checkDict(fn, 'parameters', parameters);
  for (const [name, dict] of dicts) {
    const d = checkDict(fn, name, dict, true) as Gradients;
    for (const [key, value] of Object.entries(p)) {
      const x = d[`d${key}`];
      if (x === undefined) {
        throw new DlkitError('value', fn, `${name} has no d${key} for parameter ${key}`, {
          argument: name,
        });
      }
      assertShape(fn, `${name}.d${key}`, x, value.shape);
    }
  }
  return p;
}

/**
 * Checks a moving-average coefficient β: in [0, 1).
 *
 * @internal
 */
export function checkBeta(fn: string, argument: string, value: unknown): number {
  return assertNumber(fn, argument, value, { min: 0, max: 1, maxExclusive: true });
}

/**
 * Checks a learning rate: finite and positive.
 *
 * @internal
 */
export function checkLearningRate(fn: string, value: unknown, argument = 'learningRate'): number {
  return assertNumber(fn, argument, value, { min: 0, minExclusive: true });
}

/**
 * Checks a keep probability: in (0, 1].
 *
 * @internal
 */
export function checkKeepProb(fn: string, value: unknown): number {
  return assertNumber(fn, 'keepProb', value, { min: 0, max: 1, minExclusive: true });
}

/**
 * Checks an options argument: `undefined` or a plain object whose fields are all among `known`.
 *
 * @internal
 */
export function checkOptions<T extends object>(
  fn: string,
  value: unknown,
  known: readonly (keyof T & string)[],
  argument = 'options',
): T {
  if (value === undefined) return {} as T;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    value instanceof tf.Tensor
  ) {
    throw new DlkitError('value', fn, `${argument} must be an object, got ${describe(value)}`, {
      argument,
    });
  }
  return assertOptions(fn, argument, value as T, known) as T;
}

/**
 * Checks a live tensor argument (any shape) and returns it typed.
 *
 * @internal
 */
export function checkTensor(fn: string, argument: string, value: unknown): tf.Tensor {
  if (!(value instanceof tf.Tensor)) {
    throw new DlkitError('value', fn, `${argument} must be a tf.Tensor, got ${describe(value)}`, {
      argument,
    });
  }
  if (value.isDisposed) {
    throw new DlkitError('state', fn, `${argument} is a disposed tensor`, { argument });
  }
  return value;
}

/**
 * Checks `layersDims` (`[nX, n1, …, nL]`, at least two sizes, each an integer in [1, 1e7]).
 *
 * @internal
 */
export function checkLayersDims(
  fn: string,
  layersDims: unknown,
  argument = 'layersDims',
): number[] {
  if (!Array.isArray(layersDims) || layersDims.length < 2 || layersDims.length > 1000) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must list at least the input and output sizes, got ${describe(layersDims)}`,
      { argument },
    );
  }
  layersDims.forEach((n, i) =>
    assertNumber(fn, `${argument}[${i}]`, n, { integer: true, min: 1, max: 1e7 }),
  );
  return layersDims as number[];
}

/**
 * A seed (a fresh `RandomState`, as `np.random.seed(seed)`) or a generator to continue drawing from.
 *
 * @internal
 */
export function toRandomState(fn: string, seed: unknown, argument = 'seed'): RandomState {
  if (seed instanceof RandomState) return seed;
  return new RandomState(
    assertNumber(fn, argument, seed, { integer: true, min: 0, max: 2 ** 32 - 1 }),
  );
}
