import * as tf from '@tensorflow/tfjs';
import { RandomState, ShapeChecker, assertNumber } from '@dlkit/core';
import { checkTensor } from '../internal/checks.js';

/**
 * One mini-batch of {@link randomMiniBatches}: the notebook's tuple `(mini_batch_X, mini_batch_Y)`.
 *
 * @category C2 W2 · Optimization algorithms
 */
export type MiniBatch = {
  /** `[nX, size]`: the batch's inputs (a new tensor). */
  miniBatchX: tf.Tensor2D;
  /** `[nY, size]`: the batch's labels (a new tensor). */
  miniBatchY: tf.Tensor2D;
};

/**
 * The optimisation notebook's `random_mini_batches(X, Y, mini_batch_size, seed)`: shuffles the
 * columns of `X` and `Y` with the same `np.random.seed(seed); np.random.permutation(m)`, then cuts
 * them into batches of `miniBatchSize` columns; the last batch holds the `m % miniBatchSize`
 * columns left over, when there are any.
 *
 * @param X - Inputs, `[nX, m]` (examples in columns).
 * @param Y - Labels, `[nY, m]` (the notebook's `[1, m]`).
 * @param miniBatchSize - Columns per batch, an integer ≥ 1 (default 64, the notebook's).
 * @param seed - The seed of the permutation (default 0, the notebook's; its model passes 10 + epoch).
 * @returns The batches in order, `⌈m / miniBatchSize⌉` of them (new tensors the caller owns).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { randomMiniBatches } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[0, 1, 2, 3, 4]]);
 * const Y = tf.tensor2d([[0, 10, 20, 30, 40]]);
 * const batches = randomMiniBatches(X, Y, 2, 0);
 * console.log(batches.map((b) => b.miniBatchX.shape[1])); // [2, 2, 1]
 * batches[0]!.miniBatchX.print(); // [[2, 0]]: np.random.seed(0); np.random.permutation(5) starts 2, 0
 * tf.dispose([X, Y, batches]);
 * ```
 *
 * @see the guide page `docs/optimizers/minibatch.md`
 * @category C2 W2 · Optimization algorithms
 */
export function randomMiniBatches(
  X: tf.Tensor,
  Y: tf.Tensor,
  miniBatchSize = 64,
  seed = 0,
): MiniBatch[] {
  const fn = 'randomMiniBatches';
  const shapes = new ShapeChecker(fn).check('X', checkTensor(fn, 'X', X), ['nX', 'm']);
  shapes.check('Y', checkTensor(fn, 'Y', Y), ['nY', 'm']);
  assertNumber(fn, 'miniBatchSize', miniBatchSize, { integer: true, min: 1, max: 1e9 });
  assertNumber(fn, 'seed', seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  const m = shapes.dim('m');
  const permutation = new RandomState(seed).permutation(m);
  return tf.tidy(() => {
    const order = tf.tensor1d(permutation, 'int32');
    const shuffledX = tf.gather(X, order, 1) as tf.Tensor2D;
    const shuffledY = tf.gather(Y, order, 1) as tf.Tensor2D;
    const batches: MiniBatch[] = [];
    for (let start = 0; start < m; start += miniBatchSize) {
      const size = Math.min(miniBatchSize, m - start);
      batches.push({
        miniBatchX: tf.slice(shuffledX, [0, start], [-1, size]),
        miniBatchY: tf.slice(shuffledY, [0, start], [-1, size]),
      });
    }
    return batches;
  });
}
