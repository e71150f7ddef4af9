import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '../tensor/errors.js';
import { assertShape } from '../tensor/shapes.js';
import { checkNumeric } from './check.js';

/**
 * Divides each row of `x` by its Euclidean norm, `x / ‖x‖` with the norm taken along axis 1
 * (the notebook's `normalize_rows`, NumPy's `np.linalg.norm(x, axis=1, keepdims=True)`).
 *
 * @param x - The matrix, `[n, m]`; no row may be all zeros (its norm 0 cannot divide).
 * @returns A new float32 tensor `[n, m]` whose rows have norm 1.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { normalizeRows } from '@dlkit/core';
 * const x = tf.tensor2d([[0, 3, 4], [1, 6, 4]]);
 * const n = normalizeRows(x);
 * n.print(); // [[0, 0.6, 0.8], [0.1373606, 0.8241634, 0.5494423]]
 * tf.dispose([x, n]);
 * ```
 *
 * @category C1 W2 · Python basics with NumPy
 */
export function normalizeRows(x: tf.Tensor): tf.Tensor2D {
  assertShape('normalizeRows', 'x', x, ['n', 'm']);
  checkNumeric('normalizeRows', 'x', x);
  return tf.tidy(() => {
    const norm = tf.norm(x.toFloat(), 'euclidean', 1, true);
    const zero = norm.dataSync().indexOf(0);
    if (zero >= 0) {
      throw new DlkitError(
        'value',
        'normalizeRows',
        `x has a row of zeros (row ${zero}), whose norm 0 cannot divide`,
        {
          argument: 'x',
        },
      );
    }
    return x.toFloat().div(norm) as tf.Tensor2D;
  });
}
