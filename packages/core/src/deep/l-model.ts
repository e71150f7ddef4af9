import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '../tensor/errors.js';
import type { Gradients, Parameters } from '../tensor/parameters.js';
import { ShapeChecker } from '../tensor/shapes.js';
import {
  assertOneOf,
  assertOptions,
  assertTensorRecord,
  describeValue,
} from '../tensor/arguments.js';
import { asCaller } from '../tensor/caller.js';
import { binaryCrossEntropyBackward } from '../losses/binary-cross-entropy.js';
import {
  checkActivation,
  linearActivationBackward,
  linearActivationForward,
  type Activation,
  type LinearActivationCache,
} from '../dense/linear-activation.js';
import { linearBackward } from '../dense/linear.js';
import {
  initializeHe,
  initializeRandom,
  initializeXavier,
  initializeZeros,
  type SeedOrRng,
} from '../initializers/initializers.js';

/**
 * How {@link initializeParametersDeep} scales the weights: `'small'` (`randn * 0.01`, the
 * step-by-step notebook), `'xavier'` (`randn / sqrt(n[l-1])`, the course's application),
 * `'he'` (`randn * sqrt(2 / n[l-1])`) or `'zeros'`.
 *
 * @category C1 W4 · Deep neural network
 */
export type InitScheme = 'small' | 'xavier' | 'he' | 'zeros';

/** Options of {@link initializeParametersDeep}. */
export interface DeepInitOptions {
  /** A seed or a generator (default 3, the step-by-step notebook's). */
  seed?: SeedOrRng;
  /** The weight scale (default `'small'`). */
  init?: InitScheme;
}

/** Options of {@link lModelForward} and {@link lModelBackward}. */
export interface LModelOptions {
  /**
   * One activation per layer, `L` of them; default `'relu'` for layers `1 … L-1` and
   * `'sigmoid'` for layer `L`, as the course.
   */
  activations?: readonly Activation[];
}

/**
 * What {@link lModelForward} returns.
 *
 * @category C1 W4 · Deep neural network
 */
export interface LModelForwardResult {
  /** The last layer's activations, `[nL, m]`. */
  AL: tf.Tensor;
  /** One {@link LinearActivationCache} per layer, layer 1 first. */
  caches: LinearActivationCache[];
}

/** Options of {@link lModelBackward}. */
export interface LModelBackwardOptions extends LModelOptions {
  /**
   * Start from `dZL = AL - Y` instead of the course's `dAL = -(Y/AL - (1-Y)/(1-AL))` through the
   * sigmoid's backward. Equal in exact arithmetic; in float32 it stays finite when `AL` has
   * saturated to 0 or 1. Always on for a softmax output (categorical cross-entropy).
   */
  fused?: boolean;
}

/**
 * The parameters of an L-layer network (the course's `initialize_parameters_deep`): for each
 * layer `Wl` (`[n[l], n[l-1]]`) drawn as `init` says and `bl = 0` (`[n[l], 1]`).
 *
 * @param layerDims - `[nX, n1, …, nL]`.
 * @param options - `seed` (default 3) and `init` (default `'small'`).
 * @returns A new dictionary `{ W1, b1, …, WL, bL }`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeParametersDeep } from '@dlkit/core';
 * const p = initializeParametersDeep([5, 4, 3]); // np.random.seed(3) as the course
 * console.log(p['W1']!.shape, p['b2']!.shape); // [4, 5] [3, 1]
 * tf.dispose(Object.values(p));
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function initializeParametersDeep(
  layerDims: readonly number[],
  options: DeepInitOptions = {},
): Parameters {
  const fn = 'initializeParametersDeep';
  const { seed = 3, init = 'small' } = assertOptions(fn, 'options', options, ['seed', 'init']);
  return asCaller(fn, () => initializeDeep(layerDims, seed, init));
}

function initializeDeep(
  layerDims: readonly number[],
  seed: SeedOrRng,
  init: InitScheme,
): Parameters {
  switch (init) {
    case 'small':
      return initializeRandom(layerDims, { seed });
    case 'xavier':
      return initializeXavier(layerDims, { seed });
    case 'he':
      return initializeHe(layerDims, { seed });
    case 'zeros':
      return initializeZeros(layerDims);
    default:
      throw new DlkitError(
        'value',
        'initializeParametersDeep',
        `init must be 'small', 'xavier', 'he' or 'zeros', got ${String(init)}`,
        { argument: 'init' },
      );
  }
}

/** The number of layers of a `{ W1, b1, … }` dictionary, checked. @internal */
export function layerCount(fn: string, parameters: Parameters): number {
  const L = Object.keys(parameters).filter((k) => /^W\d+$/.test(k)).length;
  if (L < 1) {
    throw new DlkitError('value', fn, 'parameters must hold W1, b1, …, WL, bL, got none', {
      argument: 'parameters',
    });
  }
  for (let l = 1; l <= L; l++) {
    for (const k of [`W${l}`, `b${l}`]) {
      if (!(parameters[k] instanceof tf.Tensor)) {
        throw new DlkitError(
          'value',
          fn,
          `parameters must hold W1, b1, …, W${L}, b${L}; ${k} is missing`,
          {
            argument: 'parameters',
          },
        );
      }
    }
  }
  return L;
}

/** The activations of an L-layer net, checked. @internal */
export function layerActivations(
  fn: string,
  L: number,
  activations: readonly Activation[] | undefined,
): Activation[] {
  if (activations === undefined) {
    return Array.from({ length: L }, (_, i) => (i === L - 1 ? 'sigmoid' : 'relu'));
  }
  if (activations.length !== L) {
    throw new DlkitError(
      'value',
      fn,
      `activations must list one activation per layer (${L}), got ${activations.length}`,
      { argument: 'activations' },
    );
  }
  return activations.map((a, i) => checkActivation(fn, a, `activations[${i}]`));
}

/**
 * Forward propagation through `L` layers (the course's `L_model_forward`):
 * `[LINEAR → RELU] × (L-1) → LINEAR → SIGMOID` by default.
 *
 * @param X - Data, `[nX, m]`.
 * @param parameters - `{ W1, b1, …, WL, bL }`.
 * @param options - Per-layer activations.
 * @returns `AL` (`[nL, m]`) and the `L` caches. `AL`, every `Z` and every hidden `A` are new
 *   tensors: free them with {@link disposeCaches} (which leaves `X` and the parameters alone).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState, initializeParametersDeep, lModelForward, disposeCaches } from '@dlkit/core';
 * const X = new RandomState(6).randn(5, 4);
 * const p = initializeParametersDeep([5, 4, 3, 1]);
 * const { AL, caches } = lModelForward(X, p);
 * console.log(AL.shape, caches.length); // [1, 4] 3
 * disposeCaches(caches);
 * tf.dispose([X, AL, ...Object.values(p)]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function lModelForward(
  X: tf.Tensor,
  parameters: Parameters,
  options: LModelOptions = {},
): LModelForwardResult {
  const fn = 'lModelForward';
  const shapes = new ShapeChecker(fn).checkFloat('X', X, ['n0', 'm']);
  assertTensorRecord(fn, 'parameters', parameters);
  const { activations } = assertOptions(fn, 'options', options, ['activations']);
  const L = layerCount(fn, parameters);
  const acts = layerActivations(fn, L, activations);
  for (let l = 1; l <= L; l++) {
    shapes
      .checkFloat(`W${l}`, parameters[`W${l}`] as tf.Tensor, [`n${l}`, `n${l - 1}`])
      .checkFloat(`b${l}`, parameters[`b${l}`] as tf.Tensor, [`n${l}`, 1]);
  }
  const caches: LinearActivationCache[] = [];
  let A = X;
  for (let l = 1; l <= L; l++) {
    const r = asCaller(fn, () =>
      linearActivationForward(
        A,
        parameters[`W${l}`] as tf.Tensor,
        parameters[`b${l}`] as tf.Tensor,
        acts[l - 1] as Activation,
      ),
    );
    caches.push(r.cache);
    A = r.A;
  }
  return { AL: A, caches };
}

/**
 * Frees what {@link lModelForward} created inside its caches: every `Z` and the hidden
 * activations `A1 … A(L-1)` (the first cache's `A` is `X`, which is the caller's, and `W`, `b`
 * are the parameters). `AL` is not in the caches: dispose it yourself.
 *
 * @param caches - The caches of {@link lModelForward}.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeParametersDeep, lModelForward, disposeCaches } from '@dlkit/core';
 * const X = tf.ones([3, 2]);
 * const p = initializeParametersDeep([3, 2, 1]);
 * const { AL, caches } = lModelForward(X, p);
 * disposeCaches(caches);
 * tf.dispose([X, AL, ...Object.values(p)]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function disposeCaches(caches: readonly LinearActivationCache[]): void {
  if (!Array.isArray(caches)) {
    throw new DlkitError(
      'value',
      'disposeCaches',
      `caches must be an array of caches, got ${describeValue(caches)}`,
      {
        argument: 'caches',
      },
    );
  }
  caches.forEach((c, i) => {
    c.activationCache.dispose();
    if (i > 0) c.linearCache.A.dispose();
  });
}

/**
 * Backward propagation through `L` layers (the course's `L_model_backward`): starts from
 * `dAL = -(Y/AL - (1-Y)/(1-AL))` and walks the caches back with
 * {@link linearActivationBackward}.
 *
 * @param AL - The output of {@link lModelForward}, `[nL, m]`.
 * @param Y - Labels, `[nL, m]` (one-hot for a softmax output).
 * @param caches - The caches of {@link lModelForward}.
 * @param options - Per-layer activations and `fused` (see {@link LModelBackwardOptions}).
 * @returns New gradients keyed as the course: `dA0 … dA(L-1)`, `dW1 … dWL`, `db1 … dbL`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeParametersDeep, lModelForward, lModelBackward, disposeCaches } from '@dlkit/core';
 * const X = tf.tensor2d([[1, -1], [2, 0.5], [0, 1]]);
 * const Y = tf.tensor2d([[1, 0]]);
 * const p = initializeParametersDeep([3, 2, 1]);
 * const { AL, caches } = lModelForward(X, p);
 * const grads = lModelBackward(AL, Y, caches);
 * console.log(Object.keys(grads)); // ['dA1', 'dW2', 'db2', 'dA0', 'dW1', 'db1']
 * disposeCaches(caches);
 * tf.dispose([X, Y, AL, ...Object.values(p), ...Object.values(grads)]);
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export function lModelBackward(
  AL: tf.Tensor,
  Y: tf.Tensor,
  caches: readonly LinearActivationCache[],
  options: LModelBackwardOptions = {},
): Gradients {
  const fn = 'lModelBackward';
  const L = Array.isArray(caches) ? caches.length : 0;
  if (L < 1) {
    throw new DlkitError('value', fn, 'caches must hold one cache per layer, got none', {
      argument: 'caches',
    });
  }
  new ShapeChecker(fn).checkFloat('AL', AL, ['nL', 'm']).checkFloat('Y', Y, ['nL', 'm']);
  const { activations, fused: fusedOption } = assertOptions(fn, 'options', options, [
    'activations',
    'fused',
  ]);
  const acts = layerActivations(fn, L, activations);
  const out = acts[L - 1] as Activation;
  if (fusedOption !== undefined) assertOneOf(fn, 'options.fused', fusedOption, [true, false]);
  const fused = fusedOption === true || out === 'softmax';
  if (fused && out !== 'sigmoid' && out !== 'softmax') {
    throw new DlkitError('value', fn, `fused needs a sigmoid or softmax output layer, got ${out}`, {
      argument: 'options',
    });
  }
  return asCaller(fn, () =>
    tf.tidy(() => {
      const grads: Gradients = {};
      const last = caches[L - 1] as LinearActivationCache;
      const g = fused
        ? linearBackward(AL.sub(Y), last.linearCache)
        : linearActivationBackward(binaryCrossEntropyBackward(AL, Y), last, out);
      grads[`dA${L - 1}`] = g.dAPrev;
      grads[`dW${L}`] = g.dW;
      grads[`db${L}`] = g.db;
      for (let l = L - 2; l >= 0; l--) {
        const r = linearActivationBackward(
          grads[`dA${l + 1}`] as tf.Tensor,
          caches[l] as LinearActivationCache,
          acts[l] as Activation,
        );
        grads[`dA${l}`] = r.dAPrev;
        grads[`dW${l + 1}`] = r.dW;
        grads[`db${l + 1}`] = r.db;
      }
      return grads;
    }),
  );
}
