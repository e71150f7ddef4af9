import * as tf from '@tensorflow/tfjs';
import { DlkitError, RandomState, assertNumber } from '@dlkit/core';
import { checkTensor } from '../internal/checks.js';

/**
 * The TensorFlow-introduction notebook's `linear_function()`: after `np.random.seed(1)`, draws
 * `X = randn(3, 1)`, `W = randn(4, 3)`, `b = randn(4, 1)` and returns `Y = W X + b`.
 *
 * @returns `Y`, `[4, 1]` (a new tensor).
 *
 * @example
 * ```ts
 * import { framework } from '@dlkit/optimizers';
 * const Y = framework.linearFunction();
 * Y.print(); // [[-2.1565738], [2.9589145], [-1.0892678], [-0.8453804]]
 * Y.dispose();
 * ```
 *
 * @see the guide page `docs/optimizers/framework.md`
 * @category C2 W3 · TensorFlow introduction
 */
export function linearFunction(): tf.Tensor2D {
  const rng = new RandomState(1);
  return tf.tidy(() => {
    const X = rng.randn(3, 1);
    const W = rng.randn(4, 3);
    const b = rng.randn(4, 1);
    return tf.add(tf.matMul(W as tf.Tensor2D, X as tf.Tensor2D), b) as tf.Tensor2D;
  });
}

/**
 * The TensorFlow-introduction notebook's `sigmoid(z)`: casts `z` to float32 and applies the
 * framework's sigmoid.
 *
 * @param z - A number (or a tensor of any shape).
 * @returns `σ(z)`, a new float32 tensor (a scalar for a number).
 *
 * @example
 * ```ts
 * import { framework } from '@dlkit/optimizers';
 * const a = framework.sigmoid(-1);
 * a.print(); // 0.2689414
 * a.dispose();
 * ```
 *
 * @see the guide page `docs/optimizers/framework.md`
 * @category C2 W3 · TensorFlow introduction
 */
export function sigmoid(z: number | tf.Tensor): tf.Tensor {
  const fn = 'sigmoid';
  if (typeof z === 'number') {
    const value = assertNumber(fn, 'z', z);
    return tf.tidy(() => tf.sigmoid(tf.scalar(value)));
  }
  const t = checkTensor(fn, 'z', z);
  return tf.tidy(() => tf.sigmoid(tf.cast(t, 'float32')));
}

/**
 * The TensorFlow-introduction notebook's `one_hot_matrix(label, depth)`: the one-hot column of a
 * label (classes on axis 0, as the notebook's `tf.one_hot(label, depth, axis=0)`).
 *
 * @param label - A class index in `[0, depth)`, or an int32 tensor of them, `[m]` or `[1, m]`.
 * @param depth - The number of classes, an integer ≥ 1 (default 6).
 * @returns `[depth]` for one label, `[depth, m]` for a tensor of labels (a new float32 tensor).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { framework } from '@dlkit/optimizers';
 * const one = framework.oneHotMatrix(1, 4);
 * one.print(); // [0, 1, 0, 0]
 * const labels = tf.tensor1d([2, 0], 'int32');
 * const Y = framework.oneHotMatrix(labels, 3);
 * Y.print(); // [[0, 1], [0, 0], [1, 0]]
 * tf.dispose([one, labels, Y]);
 * ```
 *
 * @see the guide page `docs/optimizers/framework.md`
 * @category C2 W3 · TensorFlow introduction
 */
export function oneHotMatrix(label: number | tf.Tensor, depth = 6): tf.Tensor {
  const fn = 'oneHotMatrix';
  assertNumber(fn, 'depth', depth, { integer: true, min: 1, max: 1e6 });
  if (typeof label === 'number') {
    assertNumber(fn, 'label', label, { integer: true, min: 0, max: depth - 1 });
    return tf.tidy(() =>
      tf.cast(tf.oneHot(tf.tensor1d([label], 'int32'), depth).reshape([depth]), 'float32'),
    );
  }
  const t = checkTensor(fn, 'label', label);
  if (t.dtype !== 'int32' || !(t.rank === 1 || (t.rank === 2 && t.shape[0] === 1))) {
    throw new DlkitError(
      'value',
      fn,
      `label must be a number or an int32 tensor [m] or [1, m], got a ${t.dtype} tensor of shape [${t.shape.join(', ')}]`,
      {
        argument: 'label',
      },
    );
  }
  const values = t.dataSync();
  for (const v of values) {
    if (v < 0 || v >= depth) {
      throw new DlkitError('value', fn, `label values must be in [0, ${depth}), got ${v}`, {
        argument: 'label',
      });
    }
  }
  return tf.tidy(() =>
    tf.cast(tf.transpose(tf.oneHot(tf.reshape(t, [-1]) as tf.Tensor1D, depth)), 'float32'),
  );
}
