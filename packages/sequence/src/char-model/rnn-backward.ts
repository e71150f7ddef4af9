import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker } from '@dlkit/core';
import { readCache } from '../rnn/check.js';
import { oneHotColumn } from './one-hot.js';
import { checkParameters, type CharParameters } from './parameters.js';
import type { CharForwardCache } from './rnn-forward.js';
import { checkIndices } from './rnn-forward.js';
import { stepBackward, type CharStepGradients } from './rnn-step.js';

/**
 * What {@link rnnBackward} returns: the notebook's `(gradients, a)`.
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharBackwardResult {
  /** `{ dWax, dWaa, dWya, db, dby, daNext }` summed over the steps (new tensors). */
  gradients: CharStepGradients;
  /** The hidden states `a⟨0⟩ … a⟨T−1⟩`: the cache's own tensors (not copies). */
  a: tf.Tensor[];
}

function checkCache(shapes: ShapeChecker, cache: unknown, T: number): CharForwardCache {
  const c = readCache(shapes.fn, 'cache', cache);
  for (const key of ['yHat', 'a', 'x'] as const) {
    const list = c[key];
    if (!Array.isArray(list) || list.length !== T) {
      throw new DlkitError(
        'value',
        shapes.fn,
        `cache.${key} must list the ${T} steps of rnnForward, got ${Array.isArray(list) ? list.length : typeof list}`,
        { argument: 'cache' },
      );
    }
    const pattern = key === 'a' ? ['nA', 1] : ['vocabSize', 1];
    list.forEach((t: tf.Tensor, i) => shapes.checkFloat(`cache.${key}[${i}]`, t, pattern));
  }
  shapes.checkFloat('cache.a0', c['a0'] as tf.Tensor, ['nA', 1]);
  return c as unknown as CharForwardCache;
}

/**
 * The character model's `rnn_backward` (the notebook's `utils.py`): backpropagation through time
 * over one name, from the last step to the first, with `dy = ŷ⟨t⟩ − onehot(Y[t])` at each step
 * ({@link rnnStepBackward}), starting from zero sums.
 *
 * @param X - The input indices given to {@link rnnForward}.
 * @param Y - The target indices given to {@link rnnForward}.
 * @param parameters - `{ Wax, Waa, Wya, b, by }`, as given to {@link rnnForward}.
 * @param cache - The cache {@link rnnForward} returned (left alone).
 * @returns `{ gradients, a }`: new gradient tensors, and the cache's hidden states.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { characterModel } from '@dlkit/sequence';
 * const parameters = characterModel.initializeParameters(10, 27, 27);
 * const a0 = tf.zeros([10, 1]);
 * const X = [null, 18, 5, 24];
 * const Y = [18, 5, 24, 0];
 * const { cache } = characterModel.rnnForward(X, Y, a0, parameters);
 * const { gradients } = characterModel.rnnBackward(X, Y, parameters, cache);
 * console.log(gradients.dWya.shape); // [27, 10]
 * tf.dispose([a0, ...Object.values(cache).flat(), ...Object.values(gradients), ...Object.values(parameters)]);
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function rnnBackward(
  X: readonly (number | null)[],
  Y: readonly number[],
  parameters: CharParameters,
  cache: CharForwardCache,
): CharBackwardResult {
  const fn = 'rnnBackward';
  const shapes = new ShapeChecker(fn);
  const { vocabSize } = checkParameters(shapes, 'parameters', parameters);
  const xs = checkIndices(fn, 'X', X, vocabSize, true);
  const ys = checkIndices(fn, 'Y', Y, vocabSize, false) as number[];
  if (xs.length !== ys.length) {
    throw new DlkitError(
      'value',
      fn,
      `X and Y must have the same length, got ${xs.length} and ${ys.length}`,
      { argument: 'Y' },
    );
  }
  const c = checkCache(shapes, cache, xs.length);
  return { gradients: backward(ys, parameters, c), a: c.a };
}

/** {@link rnnBackward} without the checks: the gradient sums (new tensors). */
export function backward(
  Y: readonly number[],
  parameters: CharParameters,
  cache: CharForwardCache,
): CharStepGradients {
  const { yHat, a, x, a0 } = cache;
  const vocabSize = parameters.by.shape[0] as number;
  let g: CharStepGradients = {
    dWax: tf.zerosLike(parameters.Wax),
    dWaa: tf.zerosLike(parameters.Waa),
    dWya: tf.zerosLike(parameters.Wya),
    db: tf.zerosLike(parameters.b),
    dby: tf.zerosLike(parameters.by),
    daNext: tf.zerosLike(a[0] as tf.Tensor),
  };
  for (let t = Y.length - 1; t >= 0; t--) {
    const dy = tf.tidy(() => (yHat[t] as tf.Tensor).sub(oneHotColumn(Y[t] as number, vocabSize)));
    const next = stepBackward(
      dy,
      g,
      parameters,
      x[t] as tf.Tensor,
      a[t] as tf.Tensor,
      t > 0 ? (a[t - 1] as tf.Tensor) : a0,
    );
    tf.dispose([dy, ...Object.values(g)]);
    g = next;
  }
  return g;
}
