import * as tf from '@tensorflow/tfjs';
import { DlkitError } from './errors.js';
import { assertNumber } from './values.js';
import { exactLog } from './exact-log.js';

const N = 624;
const M = 397;

/**
 * A seeded random generator that reproduces NumPy's legacy `np.random.RandomState` bit for bit
 * (the MT19937 Mersenne Twister, NumPy's 53-bit doubles and its polar-method normals with the
 * cached second value), so `np.random.seed(1); np.random.randn(2, 3)` has an exact TypeScript
 * twin and every course example is reproducible. Method names follow NumPy in camelCase.
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
    this.seed(seed);
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
    const out = new Float64Array(count('RandomState.randomSampleArray', [n]));
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
    const out = new Float64Array(count('RandomState.standardNormalArray', [n]));
    for (let i = 0; i < out.length; i++) out[i] = this.nextGaussian();
    return out;
  }

  /**
   * `np.random.rand(d0, d1, …)`: uniform values in `[0, 1)` as a float32 tensor.
   *
   * @param shape - The dimensions, e.g. `rand(2, 3)` for shape `[2, 3]`; none for a scalar.
   * @returns A new tensor of that shape.
   */
  rand(...shape: number[]): tf.Tensor {
    const n = count('RandomState.rand', shape);
    return tf.tensor(Float32Array.from(this.randomSampleArray(n)), shape, 'float32');
  }

  /**
   * `np.random.randn(d0, d1, …)`: standard normal values as a float32 tensor.
   *
   * @param shape - The dimensions, e.g. `randn(4, 2)` for shape `[4, 2]`; none for a scalar.
   * @returns A new tensor of that shape.
   */
  randn(...shape: number[]): tf.Tensor {
    const n = count('RandomState.randn', shape);
    return tf.tensor(Float32Array.from(this.standardNormalArray(n)), shape, 'float32');
  }
}

function count(fn: string, shape: readonly number[]): number {
  let n = 1;
  shape.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 0) {
      throw new DlkitError('value', fn, `dimension ${i} must be a non-negative integer, got ${d}`, {
        argument: 'shape',
      });
    }
    n *= d;
  });
  return n;
}
