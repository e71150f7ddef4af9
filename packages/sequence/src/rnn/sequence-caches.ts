import * as tf from '@tensorflow/tfjs';
import { readCache, readCacheList } from './check.js';

/**
 * What a from-scratch sequence forward pass keeps for its backward pass: the notebook's
 * `caches = (caches, x)`, the list of every step's cache and the input sequence.
 *
 * @typeParam C - The cell's cache type.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface SequenceCaches<C> {
  /** One cell cache per time step, in order. */
  caches: C[];
  /** The input sequence, `[nX, m, Tx]` (the caller's tensor). */
  x: tf.Tensor;
}

/**
 * Disposes the tensors a from-scratch sequence forward pass (`rnnForward`, `lstmForward`,
 * `gruForward`) made for its caches: every step's states, gates and input slice. It leaves the
 * caller's tensors alone: the parameters, `x` and the first step's `aPrev` (the given `a0`).
 *
 * @param caches - The `caches` a sequence forward pass returned; unusable afterwards.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { rnnForward, disposeCaches } from '@dlkit/sequence';
 * const rng = new RandomState(1);
 * const x = rng.randn(3, 10, 4);
 * const a0 = rng.randn(5, 10);
 * const parameters = {
 *   Waa: rng.randn(5, 5), Wax: rng.randn(5, 3), Wya: rng.randn(2, 5),
 *   ba: rng.randn(5, 1), by: rng.randn(2, 1),
 * };
 * const { a, yPred, caches } = rnnForward(x, a0, parameters);
 * disposeCaches(caches);
 * tf.dispose([x, a0, a, yPred, ...Object.values(parameters)]);
 * ```
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export function disposeCaches(caches: SequenceCaches<object>): void {
  const fn = 'disposeCaches';
  const list = readCacheList(fn, 'caches.caches', readCache(fn, 'caches', caches)['caches']);
  const steps = list.map((step, t) => readCache(fn, `caches.caches[${t}]`, step));
  const owned = steps.flatMap((step, t) =>
    Object.entries(step)
      .filter(
        ([key, v]) =>
          v instanceof tf.Tensor && key !== 'parameters' && !(t === 0 && key === 'aPrev'),
      )
      .map(([, v]) => v as tf.Tensor),
  );
  tf.dispose(owned);
}
