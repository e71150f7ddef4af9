import type * as tf from '@tensorflow/tfjs';
import { assertString, assertTensor, describeValue } from './arguments.js';
import { DlkitError } from './errors.js';

/**
 * One dimension of a shape pattern: a number must match exactly, a name (such as `'m'` or
 * `'nC'`) matches any size but must match the same size wherever the name appears again in the
 * same check, and `null` matches anything.
 *
 * @category Tensor basics
 */
export type Dim = number | string | null;

/**
 * Writes a shape the way dlkit's messages and docs do: `[m, nH, nW, nC]` or `[3, 4]`.
 *
 * @param shape - Sizes or dimension names.
 * @returns The shape in brackets.
 *
 * @example
 * ```ts
 * import { formatShape } from '@dlkit/core';
 * console.log(formatShape([3, 'nH', null])); // "[3, nH, *]"
 * ```
 *
 * @category Tensor basics
 */
export function formatShape(shape: readonly Dim[]): string {
  if (!Array.isArray(shape)) {
    throw new DlkitError(
      'value',
      'formatShape',
      `shape must be an array, got ${describeValue(shape)}`,
      { argument: 'shape' },
    );
  }
  return `[${shape.map((d) => (d === null ? '*' : String(d))).join(', ')}]`;
}

const ANY_DTYPE: readonly tf.DataType[] = ['float32', 'int32', 'bool', 'complex64', 'string'];

function shapeOf(fn: string, argument: string, value: unknown): number[] {
  if (Array.isArray(value)) {
    if (!value.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
      throw new DlkitError(
        'value',
        fn,
        `${argument} must be a tf.Tensor or a shape of sizes, got [${value.map((d) => describeValue(d)).join(', ')}]`,
        { argument },
      );
    }
    return value as number[];
  }
  return assertTensor(fn, argument, value, { dtypes: ANY_DTYPE }).shape;
}

function checkPattern(fn: string, pattern: unknown): readonly Dim[] {
  const ok = (d: unknown): boolean =>
    d === null || typeof d === 'string' || (Number.isInteger(d) && (d as number) >= 0);
  if (!Array.isArray(pattern) || !pattern.every(ok)) {
    throw new DlkitError(
      'value',
      fn,
      `pattern must be an array of sizes, names and nulls, got ${describeValue(pattern)}`,
      { argument: 'pattern' },
    );
  }
  return pattern as readonly Dim[];
}

/**
 * Checks several tensors of one call against shape patterns whose named dimensions must agree,
 * and reports the first mismatch as a {@link DlkitError} of kind `shape`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { ShapeChecker } from '@dlkit/core';
 * const A = tf.zeros([3, 5]);
 * const W = tf.zeros([4, 3]);
 * const shapes = new ShapeChecker('linearForward');
 * shapes.check('A', A, ['nPrev', 'm']).check('W', W, ['n', 'nPrev']);
 * console.log(shapes.dim('m')); // 5
 * tf.dispose([A, W]);
 * ```
 *
 * @category Tensor basics
 */
export class ShapeChecker {
  private readonly bound = new Map<string, { size: number; from: string }>();

  /** @param fn - The public function whose arguments are checked (starts every message). */
  constructor(readonly fn: string) {
    assertString('ShapeChecker', 'fn', fn);
  }

  /**
   * Checks one tensor (or shape) against a pattern and binds its named dimensions.
   *
   * @param argument - The argument's name as the caller knows it.
   * @param value - The tensor, or its shape.
   * @param pattern - The expected shape, e.g. `['m', 'nH', 'nW', 'nC']` or `[1, 'n']`.
   * @returns This checker, to chain further checks.
   */
  check(argument: string, value: tf.Tensor | readonly number[], pattern: readonly Dim[]): this {
    assertString(this.fn, 'argument', argument);
    checkPattern(this.fn, pattern);
    const shape = shapeOf(this.fn, argument, value);
    const fail = (why = ''): never => {
      throw new DlkitError(
        'shape',
        this.fn,
        `${argument} must have shape ${formatShape(pattern)}${why}, got ${formatShape(shape)}`,
        { argument },
      );
    };
    if (shape.length !== pattern.length) fail();
    const fresh = new Map<string, number>();
    pattern.forEach((dim, i) => {
      const size = shape[i] as number;
      if (dim === null) return;
      if (typeof dim === 'number') {
        if (size !== dim) fail();
        return;
      }
      const known = this.bound.get(dim);
      if (known !== undefined && known.size !== size) {
        fail(` with ${dim} = ${known.size} (from ${known.from})`);
      }
      const seen = fresh.get(dim);
      if (seen !== undefined && seen !== size) fail(` (both ${dim} dimensions equal)`);
      fresh.set(dim, size);
    });
    for (const [dim, size] of fresh) {
      if (!this.bound.has(dim)) this.bound.set(dim, { size, from: argument });
    }
    return this;
  }

  /**
   * {@link ShapeChecker.check} for an argument that must be a live float32 tensor (the course's
   * inputs, parameters and gradients): an int32, bool or disposed tensor is rejected first.
   *
   * @param argument - The argument's name as the caller knows it.
   * @param value - The tensor.
   * @param pattern - The expected shape.
   * @param options - `finite: true` also rejects NaN and infinities (it reads the values back:
   *   for a training function's inputs, once).
   * @returns This checker, to chain further checks.
   */
  checkFloat(
    argument: string,
    value: tf.Tensor,
    pattern: readonly Dim[],
    options: { finite?: boolean } = {},
  ): this {
    assertString(this.fn, 'argument', argument);
    assertTensor(this.fn, argument, value, { finite: options?.finite === true });
    return this.check(argument, value, pattern);
  }

  /**
   * The size bound to a named dimension by an earlier {@link ShapeChecker.check}.
   *
   * @param name - The dimension's name, e.g. `'m'`.
   * @returns Its size.
   */
  dim(name: string): number {
    assertString(this.fn, 'name', name);
    const known = this.bound.get(name);
    if (known === undefined) {
      throw new DlkitError('state', this.fn, `no checked argument has a dimension named ${name}`, {
        argument: 'name',
      });
    }
    return known.size;
  }
}

/**
 * Checks one tensor's shape against a pattern; throws a {@link DlkitError} of kind `shape`
 * reading `"fn: argument must have shape [m, nH, nW, nC], got [3, 4]"`.
 *
 * @param fn - The public function whose argument is checked.
 * @param argument - The argument's name.
 * @param value - The tensor, or its shape.
 * @param pattern - The expected shape (see {@link Dim}).
 * @returns The checked shape.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { assertShape } from '@dlkit/core';
 * const aPrev = tf.zeros([3, 4]);
 * try {
 *   assertShape('convForward', 'aPrev', aPrev, ['m', 'nH', 'nW', 'nC']);
 * } catch (e) {
 *   console.log((e as Error).message); // convForward: aPrev must have shape [m, nH, nW, nC], got [3, 4]
 * }
 * aPrev.dispose();
 * ```
 *
 * @category Tensor basics
 */
export function assertShape(
  fn: string,
  argument: string,
  value: tf.Tensor | readonly number[],
  pattern: readonly Dim[],
): number[] {
  assertString('assertShape', 'fn', fn);
  new ShapeChecker(fn).check(argument, value, pattern);
  return shapeOf(fn, argument, value);
}

/**
 * Checks a tensor's dtype.
 *
 * @param fn - The public function whose argument is checked.
 * @param argument - The argument's name.
 * @param value - The tensor.
 * @param dtypes - The accepted dtypes.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { assertDtype } from '@dlkit/core';
 * const labels = tf.tensor([1, 0], [2], 'int32');
 * assertDtype('accuracy', 'labels', labels, ['int32', 'float32']);
 * labels.dispose();
 * ```
 *
 * @category Tensor basics
 */
export function assertDtype(
  fn: string,
  argument: string,
  value: tf.Tensor,
  dtypes: readonly tf.DataType[],
): void {
  assertString('assertDtype', 'fn', fn);
  assertString(fn, 'argument', argument);
  shapeOf(fn, argument, value);
  if (!Array.isArray(dtypes)) {
    throw new DlkitError(
      'value',
      fn,
      `dtypes must be an array of dtypes, got ${describeValue(dtypes)}`,
      { argument: 'dtypes' },
    );
  }
  if (!dtypes.includes(value.dtype)) {
    throw new DlkitError(
      'dtype',
      fn,
      `${argument} must have dtype ${dtypes.join(' or ')}, got ${value.dtype}`,
      { argument },
    );
  }
}

/**
 * Checks that a tensor holds no NaN or infinity. It reads the values back (synchronously), so
 * call it on inputs once, not inside a training step.
 *
 * @param fn - The public function whose argument is checked.
 * @param argument - The argument's name.
 * @param value - The tensor.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { assertFinite } from '@dlkit/core';
 * const X = tf.tensor([1, NaN]);
 * try { assertFinite('fit', 'X', X); } catch (e) { console.log((e as Error).message); }
 * X.dispose();
 * ```
 *
 * @category Tensor basics
 */
export function assertFinite(fn: string, argument: string, value: tf.Tensor): void {
  assertString('assertFinite', 'fn', fn);
  assertString(fn, 'argument', argument);
  assertTensor(fn, argument, value, { dtypes: ['float32', 'int32'], finite: true });
}
