import * as tf from '@tensorflow/tfjs';
import { DlkitError } from './errors.js';
import { assertNumber } from './values.js';
import {
  assertOneOf,
  assertShapeSize,
  assertSize,
  assertTensor,
  describeValue,
} from './arguments.js';
import { asCaller } from './caller.js';
import { exactLog } from './exact-log.js';

const N = 624;
const M = 397;

/**
 * A seeded random generator that reproduces NumPy's legacy `np.random.RandomState` (the MT19937
 * Mersenne Twister, NumPy's 53-bit doubles and its polar-method normals with the cached second
 * value), so `np.random.seed(1); np.random.randn(2, 3)` has a TypeScript twin and every course
 * example is reproducible. Integer and uniform draws equal NumPy's bit for bit, and so do the
 * float32 tensors; the float64 normals (`…Array`) may differ by 1 ulp (≤ 1e-15 relative) in about
 * 1 value in 2,000, where glibc's `log` is not correctly rounded (see docs/core/tensor.md). Method names follow NumPy in camelCase.
 *
 * Tensor-returning methods give float32 tensors (the caller owns them); the `…Array` methods give
 * the exact float64 values.
 *
 * @example
 * ```ts
 * import { RandomState } from '@dlkit/core';
 * const rng = new RandomState(1);
 * const W = rng.randn(2, 3); // np.random.seed(1); np.random.randn(2, 3)
 * W.print(); // [[1.6243454, -0.6117564, -0.5281718], [-1.0729686, 0.8654076, -2.3015387]]
 * W.dispose();
 * ```
 *
 * @category Tensor basics
 */
export class RandomState {
  private readonly mt = new Uint32Array(N);
  private index = N;
  private gauss: number | null = null;

  /** @param seed - An integer in `[0, 2**32 - 1]`, as `np.random.seed` takes. */
  constructor(seed = 0) {
    asCaller('RandomState', () => this.seed(seed));
  }

  /**
   * Re-seeds the generator, as `np.random.seed(seed)` does.
   *
   * @param seed - An integer in `[0, 2**32 - 1]`.
   */
  seed(seed: number): void {
    assertNumber('RandomState.seed', 'seed', seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] as number;
      mt[i] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    this.index = N;
    this.gauss = null;
  }

  /** The next raw 32-bit output of MT19937 (NumPy's `randomkit` `rk_random`). */
  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      for (let k = 0; k < N; k++) {
        const y = ((mt[k] as number) & 0x80000000) | ((mt[(k + 1) % N] as number) & 0x7fffffff);
        mt[k] = ((mt[(k + M) % N] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
      }
      this.index = 0;
    }
    let y = mt[this.index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** The next double in `[0, 1)` with 53 random bits, as NumPy's `random_sample`. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** The next standard normal value, by NumPy's legacy polar method (caching the second value). */
  nextGaussian(): number {
    if (this.gauss !== null) {
      const cached = this.gauss;
      this.gauss = null;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.nextDouble() - 1;
      x2 = 2 * this.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * exactLog(r2)) / r2);
    this.gauss = f * x1;
    return f * x2;
  }

  /**
   * `np.random.random_sample(n)`: `n` exact doubles in `[0, 1)`.
   *
   * @param n - How many values.
   * @returns A new `Float64Array` of length `n`.
   */
  randomSampleArray(n: number): Float64Array {
    const out = new Float64Array(count('RandomState.randomSampleArray', [n], 'n'));
    for (let i = 0; i < out.length; i++) out[i] = this.nextDouble();
    return out;
  }

  /**
   * `np.random.standard_normal(n)`: `n` exact standard normal doubles.
   *
   * @param n - How many values.
   * @returns A new `Float64Array` of length `n`.
   */
  standardNormalArray(n: number): Float64Array {
    const out = new Float64Array(count('RandomState.standardNormalArray', [n], 'n'));
    for (let i = 0; i < out.length; i++) out[i] = this.nextGaussian();
    return out;
  }

  /**
   * NumPy's `random_interval(max)`: a uniform integer in `[0, max]` by masked rejection on 32-bit
   * draws (64-bit draws, high word first, when `max` needs more than 32 bits). `shuffle` and
   * `permutation` use it.
   *
   * @param max - The largest value, an integer in `[0, 2**53 - 1]`.
   * @returns An integer in `[0, max]`.
   */
  nextInterval(max: number): number {
    assertNumber('RandomState.nextInterval', 'max', max, {
      integer: true,
      min: 0,
      max: 2 ** 53 - 1,
    });
    return this.interval(max);
  }

  /** {@link RandomState.nextInterval} without the check, for loops whose bounds are known good. */
  private interval(max: number): number {
    if (max === 0) return 0;
    if (max <= 0xffffffff) {
      const mask = maskOf(max);
      let v: number;
      do v = (this.nextUint32() & mask) >>> 0;
      while (v > max);
      return v;
    }
    return this.nextMasked64(max);
  }

  /** A uniform integer in `[0, max]` for `max` above `2**32 - 1`, from 64-bit masked draws. */
  private nextMasked64(max: number): number {
    const maxHi = Math.floor(max / 4294967296);
    const maxLo = max - maxHi * 4294967296;
    const maskHi = maskOf(maxHi);
    for (;;) {
      const hi = (this.nextUint32() & maskHi) >>> 0;
      const lo = this.nextUint32();
      if (hi < maxHi || (hi === maxHi && lo <= maxLo)) return hi * 4294967296 + lo;
    }
  }

  /**
   * `np.random.randint(low, high, n)` as exact numbers: `n` integers in `[low, high)`, by NumPy's
   * masked rejection sampling (the legacy default, int64).
   *
   * @param low - The smallest value (inclusive), a safe integer.
   * @param high - One past the largest value; `high - low` at most `2**53`.
   * @param n - How many values.
   * @returns A new `Float64Array` of whole numbers.
   */
  randintArray(low: number, high: number, n: number): Float64Array {
    const fn = 'RandomState.randintArray';
    const out = new Float64Array(count(fn, [n], 'n'));
    const range = intRange(fn, low, high) - 1;
    if (range === 0) return out.fill(low);
    if (range <= 0xffffffff) {
      const mask = maskOf(range);
      for (let i = 0; i < out.length; i++) {
        let v: number;
        do v = (this.nextUint32() & mask) >>> 0;
        while (v > range);
        out[i] = low + v;
      }
    } else {
      for (let i = 0; i < out.length; i++) out[i] = low + this.nextMasked64(range);
    }
    return out;
  }

  /**
   * `np.random.randint(low, high=None, size=None)`: integers in `[low, high)`, or in `[0, low)`
   * when `high` is omitted, with NumPy's argument order and algorithm.
   *
   * @param low - The smallest value (or, without `high`, one past the largest and the lower bound
   *   is 0).
   * @param high - One past the largest value.
   * @returns A number (with `size`: a new int32 tensor of shape `size`).
   */
  randint(low: number, high?: number): number;
  /**
   * `np.random.randint(low, high=None, size=None)`: integers in `[low, high)`, or in `[0, low)`
   * when `high` is omitted, with NumPy's argument order and algorithm.
   *
   * @param low - The smallest value (or, without `high`, one past the largest and the lower bound
   *   is 0).
   * @param high - One past the largest value.
   * @param size - Omitted for one number; a length or shape for an int32 tensor (whose values
   *   must then fit in int32).
   * @returns A number, or a new int32 tensor of shape `size`.
   */
  randint(low: number, high: number | undefined, size: number | readonly number[]): tf.Tensor;
  randint(low: number, high?: number, size?: number | readonly number[]): number | tf.Tensor {
    const fn = 'RandomState.randint';
    const [lo, hi] = high === undefined ? [0, low] : [low, high];
    if (size === undefined) {
      intRange(fn, lo, hi);
      return asCaller(fn, () => this.randintArray(lo, hi, 1)[0] as number);
    }
    const shape = shapeOf(fn, size);
    const n = count(fn, shape);
    assertNumber(fn, 'low', lo, { integer: true, min: -(2 ** 31) });
    assertNumber(fn, 'high', hi, { integer: true, max: 2 ** 31 });
    intRange(fn, lo, hi);
    return tf.tensor(
      Int32Array.from(asCaller(fn, () => this.randintArray(lo, hi, n))),
      shape,
      'int32',
    );
  }

  /**
   * `np.random.shuffle(x)`: shuffles an array in place along its first axis, by NumPy's
   * Fisher–Yates loop (`for i = n-1 … 1: swap x[i], x[random_interval(i)]`). Tensors are
   * immutable: use {@link RandomState.permutation} for them.
   *
   * @param x - A JavaScript array (of numbers, rows, anything) or a typed array; modified.
   */
  shuffle<T>(x: T[] | Float32Array | Float64Array | Int32Array | Uint8Array): void {
    if (!Array.isArray(x) && !ArrayBuffer.isView(x)) {
      throw new DlkitError(
        'value',
        'RandomState.shuffle',
        'x must be an array or a typed array (tensors are immutable: use permutation)',
        { argument: 'x' },
      );
    }
    const a = x as unknown as unknown[];
    for (let i = a.length - 1; i >= 1; i--) {
      const j = this.interval(i);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * `np.random.permutation(x)`: for a number `n`, a shuffled `arange(n)`; for an array or a
   * tensor, a shuffled copy along the first axis (the input is left alone).
   *
   * @param x - `n` (at most `MAX_ELEMENTS`), an array, or a numeric or bool tensor of shape `[n, …]`.
   * @returns An `Int32Array` for a number, a new array for an array, a new tensor (rows
   *   permuted, same shape and dtype) for a tensor.
   */
  permutation(x: number): Int32Array;
  permutation(x: tf.Tensor): tf.Tensor;
  permutation<T>(x: readonly T[]): T[];
  permutation<T>(x: number | tf.Tensor | readonly T[]): Int32Array | tf.Tensor | T[] {
    const fn = 'RandomState.permutation';
    if (typeof x === 'number') {
      assertSize(fn, 'x', x);
      const idx = new Int32Array(x);
      for (let i = 0; i < x; i++) idx[i] = i;
      this.shuffle(idx);
      return idx;
    }
    if (x instanceof tf.Tensor) {
      assertTensor(fn, 'x', x, { dtypes: ['float32', 'int32', 'bool'] });
      if (x.rank < 1) {
        throw new DlkitError('shape', fn, 'x must have at least one dimension, got a scalar', {
          argument: 'x',
        });
      }
      const idx = this.permutation(x.shape[0] as number);
      return tf.tidy(() => tf.gather(x, tf.tensor1d(idx, 'int32'), 0));
    }
    if (!Array.isArray(x)) {
      throw new DlkitError('value', fn, 'x must be a number, an array or a tf.Tensor', {
        argument: 'x',
      });
    }
    const copy = x.slice();
    this.shuffle(copy);
    return copy;
  }

  /**
   * `np.random.choice(a, size=None, replace=True, p=None)` with NumPy's legacy algorithms: with
   * replacement and no `p`, `randint`; with `p`, inverse-CDF lookup of uniform doubles; without
   * replacement and no `p`, the first `size` entries of a permutation; without replacement with
   * `p`, NumPy's rejection rounds (redraw, zero the found entries, renormalise).
   *
   * @param a - A population size `n` (sample from `0 … n-1`) or an array to sample from.
   * @param size - Omitted for one draw; a length or shape (the result is flat, row-major).
   * @param replace - Whether an element may be drawn more than once (default true).
   * @param p - Probabilities of the elements (non-negative, summing to 1 within `1.5e-8`).
   * @returns One element, or an array of them (`Int32Array` of indices when `a` is a number).
   */
  choice(a: number, size?: undefined, replace?: boolean, p?: ArrayLike<number>): number;
  choice(
    a: number,
    size: number | readonly number[],
    replace?: boolean,
    p?: ArrayLike<number>,
  ): Int32Array;
  choice<T>(a: readonly T[], size?: undefined, replace?: boolean, p?: ArrayLike<number>): T;
  choice<T>(
    a: readonly T[],
    size: number | readonly number[],
    replace?: boolean,
    p?: ArrayLike<number>,
  ): T[];
  choice<T>(
    a: number | readonly T[],
    size?: number | readonly number[],
    replace = true,
    p?: ArrayLike<number>,
  ): number | T | Int32Array | T[] {
    const fn = 'RandomState.choice';
    assertOneOf(fn, 'replace', replace, [true, false]);
    let popSize: number;
    if (typeof a === 'number') {
      assertNumber(fn, 'a', a, { integer: true, min: 1, max: 2 ** 31 - 1 });
      popSize = a;
    } else if (Array.isArray(a)) {
      if (a.length === 0) {
        throw new DlkitError('value', fn, 'a cannot be empty unless no samples are taken', {
          argument: 'a',
        });
      }
      popSize = a.length;
    } else {
      throw new DlkitError('value', fn, 'a must be a positive integer or an array', {
        argument: 'a',
      });
    }
    let probs: Float64Array | undefined;
    if (p !== undefined) {
      probs = Float64Array.from(p);
      if (probs.length !== popSize) {
        throw new DlkitError(
          'value',
          fn,
          `p must have length ${popSize} (as a), got ${probs.length}`,
          {
            argument: 'p',
          },
        );
      }
      let sum = 0;
      let c = 0;
      for (const v of probs) {
        if (!(v >= 0) || !Number.isFinite(v)) {
          throw new DlkitError('value', fn, `probabilities must be finite and >= 0, got ${v}`, {
            argument: 'p',
          });
        }
        // Kahan summation, as NumPy's check does.
        const y = v - c;
        const t = sum + y;
        c = t - sum - y;
        sum = t;
      }
      if (Math.abs(sum - 1) > Math.sqrt(2 ** -52)) {
        throw new DlkitError('value', fn, `probabilities must sum to 1, got ${sum}`, {
          argument: 'p',
        });
      }
    }
    const shape = size === undefined ? [] : shapeOf(fn, size);
    const n = count(fn, shape);
    const idx = new Int32Array(n);
    if (replace) {
      if (probs !== undefined) {
        const cdf = cumulative(probs);
        const u = this.randomSampleArray(n);
        for (let i = 0; i < n; i++) idx[i] = searchRight(cdf, u[i] as number);
      } else {
        idx.set(this.randintArray(0, popSize, n));
      }
    } else {
      if (n > popSize) {
        throw new DlkitError(
          'value',
          fn,
          `cannot take a larger sample (${n}) than the population (${popSize}) when replace is false`,
          { argument: 'size' },
        );
      }
      if (probs !== undefined) {
        let positive = 0;
        for (const v of probs) if (v > 0) positive++;
        if (positive < n) {
          throw new DlkitError('value', fn, 'fewer non-zero entries in p than size', {
            argument: 'p',
          });
        }
        let found = 0;
        while (found < n) {
          const x = this.randomSampleArray(n - found);
          for (let i = 0; i < found; i++) probs[idx[i] as number] = 0;
          const cdf = cumulative(probs);
          const draws = Array.from(x, (u) => searchRight(cdf, u));
          // np.unique(new, return_index=True), first occurrences kept in draw order.
          const firstAt = new Map<number, number>();
          draws.forEach((d, i) => {
            if (!firstAt.has(d)) firstAt.set(d, i);
          });
          const fresh = [...firstAt.entries()].sort((l, r) => l[1] - r[1]).map(([d]) => d);
          for (const d of fresh) idx[found++] = d;
        }
      } else {
        idx.set(this.permutation(popSize).subarray(0, n));
      }
    }
    if (typeof a === 'number') return size === undefined ? (idx[0] as number) : idx;
    const picked = Array.from(idx, (i) => a[i] as T);
    return size === undefined ? (picked[0] as T) : picked;
  }

  /**
   * `np.random.uniform(low, high, n)` as exact doubles: `low + (high - low) * random_sample()`.
   *
   * @param low - The lower bound (inclusive).
   * @param high - The upper bound (exclusive, up to rounding).
   * @param n - How many values.
   * @returns A new `Float64Array`.
   */
  uniformArray(low: number, high: number, n: number): Float64Array {
    const fn = 'RandomState.uniformArray';
    const range = finiteRange(fn, low, high);
    const out = new Float64Array(count(fn, [n], 'n'));
    for (let i = 0; i < out.length; i++) out[i] = low + range * this.nextDouble();
    return out;
  }

  /**
   * `np.random.uniform(low=0.0, high=1.0, size=None)`.
   *
   * @param low - The lower bound (inclusive).
   * @param high - The upper bound (exclusive, up to rounding).
   * @returns A number (with `size`: a new float32 tensor of shape `size`).
   */
  uniform(low?: number, high?: number): number;
  /**
   * `np.random.uniform(low=0.0, high=1.0, size=None)`.
   *
   * @param low - The lower bound (inclusive).
   * @param high - The upper bound (exclusive, up to rounding).
   * @param size - Omitted for one number; a length or shape for a float32 tensor.
   * @returns A number, or a new float32 tensor of shape `size`.
   */
  uniform(low: number, high: number, size: number | readonly number[]): tf.Tensor;
  uniform(low = 0, high = 1, size?: number | readonly number[]): number | tf.Tensor {
    const fn = 'RandomState.uniform';
    if (size === undefined) return asCaller(fn, () => this.uniformArray(low, high, 1)[0] as number);
    return asCaller(fn, () => floatTensor(fn, size, (n) => this.uniformArray(low, high, n)));
  }

  /**
   * `np.random.normal(loc, scale, n)` as doubles: `loc + scale * standard_normal()`.
   *
   * @param loc - The mean.
   * @param scale - The standard deviation, `>= 0`.
   * @param n - How many values.
   * @returns A new `Float64Array`.
   */
  normalArray(loc: number, scale: number, n: number): Float64Array {
    const fn = 'RandomState.normalArray';
    assertNumber(fn, 'loc', loc);
    assertNumber(fn, 'scale', scale, { min: 0 });
    const out = new Float64Array(count(fn, [n], 'n'));
    for (let i = 0; i < out.length; i++) out[i] = loc + scale * this.nextGaussian();
    return out;
  }

  /**
   * `np.random.normal(loc=0.0, scale=1.0, size=None)`.
   *
   * @param loc - The mean.
   * @param scale - The standard deviation, `>= 0`.
   * @returns A number (with `size`: a new float32 tensor of shape `size`).
   */
  normal(loc?: number, scale?: number): number;
  /**
   * `np.random.normal(loc=0.0, scale=1.0, size=None)`.
   *
   * @param loc - The mean.
   * @param scale - The standard deviation, `>= 0`.
   * @param size - Omitted for one number; a length or shape for a float32 tensor.
   * @returns A number, or a new float32 tensor of shape `size`.
   */
  normal(loc: number, scale: number, size: number | readonly number[]): tf.Tensor;
  normal(loc = 0, scale = 1, size?: number | readonly number[]): number | tf.Tensor {
    const fn = 'RandomState.normal';
    if (size === undefined) return asCaller(fn, () => this.normalArray(loc, scale, 1)[0] as number);
    return asCaller(fn, () => floatTensor(fn, size, (n) => this.normalArray(loc, scale, n)));
  }

  /**
   * `np.random.binomial(n, p, count)` as exact numbers, by NumPy's legacy algorithms: inversion
   * when `min(p, 1-p) * n <= 30`, else BTPE (Kachitvichyanukul and Schmeiser).
   *
   * @param n - The number of trials, an integer `>= 0`.
   * @param p - The success probability, in `[0, 1]`.
   * @param size - How many values.
   * @returns A new `Float64Array` of whole numbers.
   */
  binomialArray(n: number, p: number, size: number): Float64Array {
    const fn = 'RandomState.binomialArray';
    assertNumber(fn, 'n', n, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });
    assertNumber(fn, 'p', p, { min: 0, max: 1 });
    const out = new Float64Array(count(fn, [size], 'size'));
    for (let i = 0; i < out.length; i++) out[i] = binomial(this, n, p);
    return out;
  }

  /**
   * `np.random.binomial(n, p, size=None)`: successes in `n` trials of probability `p`.
   *
   * @param n - The number of trials, an integer `>= 0`.
   * @param p - The success probability, in `[0, 1]`.
   * @returns A number (with `size`: a new int32 tensor of shape `size`).
   */
  binomial(n: number, p: number): number;
  /**
   * `np.random.binomial(n, p, size=None)`: successes in `n` trials of probability `p`.
   *
   * @param n - The number of trials, an integer `>= 0`.
   * @param p - The success probability, in `[0, 1]`.
   * @param size - Omitted for one number; a length or shape for an int32 tensor.
   * @returns A number, or a new int32 tensor of shape `size`.
   */
  binomial(n: number, p: number, size: number | readonly number[]): tf.Tensor;
  binomial(n: number, p: number, size?: number | readonly number[]): number | tf.Tensor {
    const fn = 'RandomState.binomial';
    if (size === undefined) return asCaller(fn, () => this.binomialArray(n, p, 1)[0] as number);
    assertNumber(fn, 'n', n, { integer: true, min: 0, max: 2 ** 31 - 1 });
    const shape = shapeOf(fn, size);
    const k = count(fn, shape);
    return tf.tensor(
      Int32Array.from(asCaller(fn, () => this.binomialArray(n, p, k))),
      shape,
      'int32',
    );
  }

  /**
   * `np.random.rand(d0, d1, …)`: uniform values in `[0, 1)` as a float32 tensor.
   *
   * @param shape - The dimensions, e.g. `rand(2, 3)` for shape `[2, 3]`; none for a scalar.
   * @returns A new tensor of that shape.
   */
  rand(...shape: number[]): tf.Tensor {
    return floatTensor('RandomState.rand', shape, (n) => this.randomSampleArray(n));
  }

  /**
   * `np.random.randn(d0, d1, …)`: standard normal values as a float32 tensor.
   *
   * @param shape - The dimensions, e.g. `randn(4, 2)` for shape `[4, 2]`; none for a scalar.
   * @returns A new tensor of that shape.
   */
  randn(...shape: number[]): tf.Tensor {
    return floatTensor('RandomState.randn', shape, (n) => this.standardNormalArray(n));
  }
}

/** The smallest `2**k - 1` that is `>= max` (NumPy's `gen_mask`), for `max < 2**32`. */
function maskOf(max: number): number {
  let mask = max >>> 0;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

function shapeOf(fn: string, size: unknown): number[] {
  if (typeof size === 'number') return [size];
  if (Array.isArray(size)) return [...(size as number[])];
  throw new DlkitError(
    'value',
    fn,
    `size must be a length or a shape, got ${describeValue(size)}`,
    {
      argument: 'size',
    },
  );
}

/** `draw(n)` rounded to a new float32 tensor of shape `size` (a length or a shape). */
function floatTensor(
  fn: string,
  size: number | readonly number[],
  draw: (n: number) => Float64Array,
): tf.Tensor {
  const shape = shapeOf(fn, size);
  return tf.tensor(Float32Array.from(draw(count(fn, shape))), shape, 'float32');
}

/** Checks `low < high` (safe integers, range at most 2**53) and returns `high - low`. */
function intRange(fn: string, low: number, high: number): number {
  assertNumber(fn, 'low', low, { integer: true, min: -Number.MAX_SAFE_INTEGER });
  assertNumber(fn, 'high', high, { integer: true, max: Number.MAX_SAFE_INTEGER });
  if (!(low < high)) {
    throw new DlkitError('value', fn, `low must be < high, got low ${low} and high ${high}`, {
      argument: 'high',
    });
  }
  const range = high - low;
  if (range > 2 ** 53) {
    throw new DlkitError('value', fn, `high - low must be <= 2**53, got ${range}`, {
      argument: 'high',
    });
  }
  return range;
}

function finiteRange(fn: string, low: number, high: number): number {
  assertNumber(fn, 'low', low);
  assertNumber(fn, 'high', high);
  const range = high - low;
  if (!Number.isFinite(range)) {
    throw new DlkitError('value', fn, 'high - low exceeds the range of a double', {
      argument: 'high',
    });
  }
  return range;
}

/** NumPy's `cdf = p.cumsum(); cdf /= cdf[-1]`. */
function cumulative(p: Float64Array): Float64Array {
  const cdf = new Float64Array(p.length);
  let s = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = s += p[i] as number;
  const last = cdf[cdf.length - 1] as number;
  for (let i = 0; i < cdf.length; i++) cdf[i] = (cdf[i] as number) / last;
  return cdf;
}

/** `cdf.searchsorted(u, side='right')`: the first index whose value is `> u`. */
function searchRight(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cdf[mid] as number) <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** NumPy's `random_binomial`: inversion for small mean, BTPE otherwise, on the smaller of p, 1-p. */
function binomial(rs: RandomState, n: number, p: number): number {
  if (n === 0 || p === 0) return 0;
  if (p <= 0.5) {
    return p * n <= 30 ? binomialInversion(rs, n, p) : binomialBtpe(rs, n, p);
  }
  const q = 1 - p;
  return n - (q * n <= 30 ? binomialInversion(rs, n, q) : binomialBtpe(rs, n, q));
}

function binomialInversion(rs: RandomState, n: number, p: number): number {
  const q = 1 - p;
  const qn = Math.exp(n * exactLog(q));
  const np = n * p;
  const bound = Math.trunc(Math.min(n, np + 10 * Math.sqrt(np * q + 1)));
  let x = 0;
  let px = qn;
  let u = rs.nextDouble();
  while (u > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      u = rs.nextDouble();
    } else {
      u -= px;
      px = ((n - x + 1) * p * px) / (x * q);
    }
  }
  return x;
}

function stirlingTail(f: number): number {
  const f2 = f * f;
  return (13680 - (462 - (132 - (99 - 140 / f2) / f2) / f2) / f2) / f / 166320;
}

// The BTPE algorithm (Kachitvichyanukul & Schmeiser 1988) as NumPy's legacy generator runs it,
// step labels kept so the control flow can be followed against the paper.
function binomialBtpe(rs: RandomState, n: number, p: number): number {
  const r = Math.min(p, 1 - p);
  const q = 1 - r;
  const fm = n * r + r;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  const nrq = n * r * q;
  for (;;) {
    // Step 10.
    const u = rs.nextDouble() * p4;
    let v = rs.nextDouble();
    let y: number;
    if (u <= p1) {
      y = Math.floor(xm - p1 * v + u);
      return p > 0.5 ? n - y : y;
    }
    if (u <= p2) {
      // Step 20: the parallelogram.
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      // Step 30: left exponential tail.
      y = Math.floor(xl + exactLog(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      // Step 40: right exponential tail.
      y = Math.floor(xr - exactLog(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }
    // Step 50: acceptance.
    const k = Math.abs(y - m);
    if (!(k > 20 && k < nrq / 2 - 1)) {
      const s = r / q;
      const aa = s * (n + 1);
      let F = 1;
      if (m < y) for (let i = m + 1; i <= y; i++) F *= aa / i - s;
      else if (m > y) for (let i = y + 1; i <= m; i++) F /= aa / i - s;
      if (v > F) continue;
      return p > 0.5 ? n - y : y;
    }
    // Step 52: squeeze with Stirling's formula.
    const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = (-k * k) / (2 * nrq);
    const A = exactLog(v);
    if (A < t - rho) return p > 0.5 ? n - y : y;
    if (A > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    if (
      A >
      xm * exactLog(f1 / x1) +
        (n - m + 0.5) * exactLog(z / w) +
        (y - m) * exactLog((w * r) / (x1 * q)) +
        stirlingTail(f1) +
        stirlingTail(z) +
        stirlingTail(x1) +
        stirlingTail(w)
    ) {
      continue;
    }
    return p > 0.5 ? n - y : y;
  }
}

/** The number of elements of `shape`, after checking it holds whole sizes within `MAX_ELEMENTS`. */
function count(fn: string, shape: readonly number[], argument = 'size'): number {
  const checked = assertShapeSize(fn, argument, shape);
  return checked.reduce((a, b) => a * b, 1);
}
