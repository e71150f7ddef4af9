import * as tf from '@tensorflow/tfjs';
import { assertShape, assertTensor } from '@dlkit/core';

/**
 * The Gram (style) matrix of a layer's unrolled activations, the notebook's `gram_matrix`:
 * `GA = A Aᵀ`, whose entry `(i, j)` is the dot product of channels `i` and `j` over every
 * position: how much the two features fire together.
 *
 * @param A - Unrolled activations `[nC, nH * nW]` (one row a channel).
 * @returns A new tensor `[nC, nC]`, `GA`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { gramMatrix } from '@dlkit/cnn';
 * const A = tf.tensor2d([[1, 2], [3, 4]]);
 * const GA = gramMatrix(A);
 * console.log(GA.arraySync()); // [[5, 11], [11, 25]]
 * tf.dispose([A, GA]);
 * ```
 *
 * @category C4 W4 · Neural style transfer
 * @see the guide page `docs/cnn/style-transfer.md`
 */
export function gramMatrix(A: tf.Tensor): tf.Tensor2D {
  assertTensor('gramMatrix', 'A', A);
  assertShape('gramMatrix', 'A', A, ['nC', 'nHnW']);
  return gram(A as tf.Tensor2D);
}

/** `A Aᵀ` of a checked `[nC, nH·nW]` matrix. */
export function gram(A: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(A, A, false, true);
}
