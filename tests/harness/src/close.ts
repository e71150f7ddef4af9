import * as tf from '@tensorflow/tfjs';

/** Values {@link expectTensorsClose} accepts: a tensor, a number, or (nested) arrays of numbers. */
export type TensorLike = tf.Tensor | number | ArrayLike<number> | readonly TensorLike[];

/** Tolerances for {@link expectTensorsClose}: `|a - e| <= atol + rtol * |e|`. */
export interface CloseOptions {
  /** Relative tolerance (default 1e-5, float32's reach after a few ops). */
  rtol?: number;
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** How many of the worst elements the failure message lists (default 5). */
  show?: number;
  /** A label for the failure message. */
  label?: string;
}

interface Flat {
  shape: number[];
  values: Float64Array;
}

function flatten(x: TensorLike): Flat {
  if (x instanceof tf.Tensor) {
    return { shape: x.shape.slice(), values: Float64Array.from(x.dataSync() as ArrayLike<number>) };
  }
  if (typeof x === 'number') return { shape: [], values: Float64Array.of(x) };
  const shape: number[] = [];
  let level: unknown = x;
  while (typeof level === 'object' && level !== null && 'length' in level) {
    const arr = level as ArrayLike<unknown>;
    shape.push(arr.length);
    level = arr[0];
  }
  const values: number[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number') throw new Error(`expectTensorsClose: ragged or non-numeric input`);
      values.push(v);
      return;
    }
    const arr = v as ArrayLike<unknown>;
    if (arr.length !== shape[depth]) throw new Error('expectTensorsClose: ragged nested array');
    for (let i = 0; i < arr.length; i++) walk(arr[i], depth + 1);
  };
  walk(x, 0);
  return { shape, values: Float64Array.from(values) };
}

function indexOf(flat: number, shape: number[]): string {
  const idx: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d] ?? 1;
    idx.unshift(rest % size);
    rest = Math.floor(rest / size);
  }
  return `[${idx.join(', ')}]`;
}

/**
 * Asserts that `actual` equals `expected` element-wise within `atol + rtol * |expected|`, with the
 * same shape. NaN matches only NaN; an infinity matches only the same infinity. On failure the
 * message names the shape and lists the worst elements with their indices.
 *
 * @param actual - The tensor or array under test.
 * @param expected - The reference values (a tensor, a number or nested arrays).
 * @param options - Tolerances and how much to report.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { expectTensorsClose } from '@dlkit/test-harness';
 * const x = tf.tensor([1, 2.0000001]);
 * expectTensorsClose(x, [1, 2]);
 * x.dispose();
 * ```
 */
export function expectTensorsClose(
  actual: TensorLike,
  expected: TensorLike,
  options: CloseOptions = {},
): void {
  const { rtol = 1e-5, atol = 1e-6, show = 5, label = 'tensors' } = options;
  const a = flatten(actual);
  const e = flatten(expected);
  // A tensor of shape [n] compared with nested arrays of the same shape, or a scalar with [].
  if (a.shape.join(',') !== e.shape.join(',')) {
    throw new Error(
      `${label}: shape mismatch: actual [${a.shape.join(', ')}], expected [${e.shape.join(', ')}]`,
    );
  }
  const bad: { i: number; a: number; e: number; excess: number }[] = [];
  for (let i = 0; i < a.values.length; i++) {
    const av = a.values[i] as number;
    const ev = e.values[i] as number;
    if (Number.isNaN(ev) || Number.isNaN(av)) {
      if (Number.isNaN(ev) !== Number.isNaN(av)) bad.push({ i, a: av, e: ev, excess: Infinity });
      continue;
    }
    if (!Number.isFinite(ev) || !Number.isFinite(av)) {
      if (av !== ev) bad.push({ i, a: av, e: ev, excess: Infinity });
      continue;
    }
    const excess = Math.abs(av - ev) - (atol + rtol * Math.abs(ev));
    if (excess > 0) bad.push({ i, a: av, e: ev, excess });
  }
  if (bad.length === 0) return;
  bad.sort((x, y) => y.excess - x.excess);
  const lines = bad
    .slice(0, show)
    .map(
      (b) =>
        `  at ${indexOf(b.i, a.shape)}: actual ${b.a}, expected ${b.e}, |diff| ${Math.abs(b.a - b.e)}`,
    );
  throw new Error(
    `${label}: ${bad.length} of ${a.values.length} elements differ (shape [${a.shape.join(', ')}], ` +
      `rtol ${rtol}, atol ${atol}); worst:\n${lines.join('\n')}`,
  );
}
