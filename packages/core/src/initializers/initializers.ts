import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '../tensor/errors.js';
import type { Parameters } from '../tensor/parameters.js';
import { RandomState } from '../tensor/random-state.js';
import { assertNumber } from '../tensor/values.js';
import { MAX_ELEMENTS, assertOptions, describeValue } from '../tensor/arguments.js';

/**
 * Where an initializer's random numbers come from: a seed (a fresh {@link RandomState}, like the
 * course's `np.random.seed(seed)` right before the call) or a generator to continue drawing from
 * (the course's global generator after earlier draws).
 *
 * @category C1 W4 · Deep neural network
 */
export type SeedOrRng = number | RandomState;

/** Options of the random initializers. */
export interface InitializerOptions {
  /** A seed or a generator; each initializer documents its course default. */
  seed?: SeedOrRng;
}

/** Options of {@link initializeRandom}. */
export interface RandomInitializerOptions extends InitializerOptions {
  /** The factor on the standard normal draws; the course's "small random" is 0.01. */
  scale?: number;
}

/** Options of {@link initializeXavier}. */
export interface XavierInitializerOptions extends InitializerOptions {
  /**
   * `'fanIn'`: `randn / sqrt(n[l-1])`, what the lecture calls Xavier and the course's deep
   * application uses; `'fanAvg'`: Glorot's `randn * sqrt(2 / (n[l-1] + n[l]))`.
   */
  variant?: 'fanIn' | 'fanAvg';
}

/**
 * Turns a seed or a generator into the generator to draw from.
 *
 * @internal
 */
export function toRng(fn: string, seed: SeedOrRng): RandomState {
  if (seed instanceof RandomState) return seed;
  assertNumber(fn, 'seed', seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  return new RandomState(seed);
}

function checkDims(fn: string, layerDims: readonly number[]): void {
  if (!Array.isArray(layerDims) || layerDims.length < 2) {
    throw new DlkitError(
      'value',
      fn,
      `layerDims must list at least the input and output sizes, got ${describeValue(layerDims)}`,
      { argument: 'layerDims' },
    );
  }
  layerDims.forEach((n, i) => {
    assertNumber(fn, `layerDims[${i}]`, n, { integer: true, min: 1, max: 1e7 });
    const nPrev = i > 0 ? (layerDims[i - 1] as number) : 1;
    if (n * nPrev > MAX_ELEMENTS) {
      throw new DlkitError(
        'value',
        fn,
        `W${i} would have ${n * nPrev} elements, more than ${MAX_ELEMENTS}`,
        {
          argument: `layerDims[${i}]`,
        },
      );
    }
  });
}

/**
 * Draws `W1, b1, …, WL, bL` in the course's order (for each layer `W` from `randn(n[l], n[l-1])`
 * times `factor`, then `b` as zeros, which draws nothing).
 *
 * @internal
 */
export function initializeWith(
  fn: string,
  layerDims: readonly number[],
  rng: RandomState | null,
  factor: (nPrev: number, n: number, z: number) => number,
): Parameters {
  checkDims(fn, layerDims);
  const parameters: Parameters = {};
  for (let l = 1; l < layerDims.length; l++) {
    const n = layerDims[l] as number;
    const nPrev = layerDims[l - 1] as number;
    const values = new Float32Array(n * nPrev);
    if (rng !== null) {
      const z = rng.standardNormalArray(n * nPrev);
      for (let i = 0; i < values.length; i++) values[i] = factor(nPrev, n, z[i] as number);
    }
    parameters[`W${l}`] = tf.tensor2d(values, [n, nPrev]);
    parameters[`b${l}`] = tf.zeros([n, 1]);
  }
  return parameters;
}

/**
 * All-zero parameters `W1, b1, …, WL, bL` (`Wl` is `[n[l], n[l-1]]`, `bl` is `[n[l], 1]`). The
 * course shows why this fails: every hidden unit computes the same function, so symmetry is never
 * broken.
 *
 * @param layerDims - `[nX, n1, …, nL]`, the size of each layer, input first.
 * @returns A new parameter dictionary (the caller owns its tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeZeros } from '@dlkit/core';
 * const p = initializeZeros([3, 2, 1]);
 * console.log(p['W1']!.shape, p['b2']!.shape); // [2, 3] [1, 1]
 * tf.dispose(Object.values(p));
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function initializeZeros(layerDims: readonly number[]): Parameters {
  return initializeWith('initializeZeros', layerDims, null, () => 0);
}

/**
 * Small random parameters: `Wl = randn(n[l], n[l-1]) * scale` (default 0.01), `bl = 0`, drawn as
 * the course's `initialize_parameters_deep` draws them, so `initializeRandom([5, 4, 3], { seed: 3 })`
 * equals the course's `np.random.seed(3)` output.
 *
 * @param layerDims - `[nX, n1, …, nL]`.
 * @param options - `seed` (default 3, as the course) and `scale` (default 0.01).
 * @returns A new parameter dictionary (the caller owns its tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeRandom } from '@dlkit/core';
 * const p = initializeRandom([5, 4, 3], { seed: 3 });
 * p['W1']!.print(); // first row [0.0178863, 0.0043651, 0.000965, -0.0186349, -0.0027739]
 * tf.dispose(Object.values(p));
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function initializeRandom(
  layerDims: readonly number[],
  options: RandomInitializerOptions = {},
): Parameters {
  const fn = 'initializeRandom';
  const { seed = 3, scale = 0.01 } = assertOptions(fn, 'options', options, ['seed', 'scale']);
  assertNumber(fn, 'scale', scale);
  return initializeWith(fn, layerDims, toRng(fn, seed), (_p, _n, z) => z * scale);
}

/**
 * Xavier initialization: `Wl = randn(n[l], n[l-1]) / sqrt(n[l-1])` (the lecture's variant, which
 * the course's deep-network application uses with seed 1), or Glorot's fan-average variant
 * `randn * sqrt(2 / (n[l-1] + n[l]))`; `bl = 0`. Keeps the variance of `Z` near 1 for tanh.
 *
 * @param layerDims - `[nX, n1, …, nL]`.
 * @param options - `seed` (default 1) and `variant` (default `'fanIn'`).
 * @returns A new parameter dictionary (the caller owns its tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeXavier } from '@dlkit/core';
 * const p = initializeXavier([4, 3, 1], { seed: 1 });
 * p['W1']!.print();
 * tf.dispose(Object.values(p));
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function initializeXavier(
  layerDims: readonly number[],
  options: XavierInitializerOptions = {},
): Parameters {
  const fn = 'initializeXavier';
  const { seed = 1, variant = 'fanIn' } = assertOptions(fn, 'options', options, [
    'seed',
    'variant',
  ]);
  if (variant !== 'fanIn' && variant !== 'fanAvg') {
    throw new DlkitError(
      'value',
      fn,
      `variant must be 'fanIn' or 'fanAvg', got ${String(variant)}`,
      {
        argument: 'variant',
      },
    );
  }
  return initializeWith(fn, layerDims, toRng(fn, seed), (nPrev, n, z) =>
    variant === 'fanIn' ? z / Math.sqrt(nPrev) : z * Math.sqrt(2 / (nPrev + n)),
  );
}

/**
 * He initialization: `Wl = randn(n[l], n[l-1]) * sqrt(2 / n[l-1])`, `bl = 0`, the variance that
 * suits ReLU layers (course 2, week 1 draws it with seed 3).
 *
 * @param layerDims - `[nX, n1, …, nL]`.
 * @param options - `seed` (default 3).
 * @returns A new parameter dictionary (the caller owns its tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeHe } from '@dlkit/core';
 * const p = initializeHe([2, 4, 1], { seed: 3 });
 * p['W1']!.print();
 * tf.dispose(Object.values(p));
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function initializeHe(
  layerDims: readonly number[],
  options: InitializerOptions = {},
): Parameters {
  const fn = 'initializeHe';
  const { seed = 3 } = assertOptions(fn, 'options', options, ['seed']);
  return initializeWith(fn, layerDims, toRng(fn, seed), (nPrev, _n, z) => z * Math.sqrt(2 / nPrev));
}
