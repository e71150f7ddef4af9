import * as tf from '@tensorflow/tfjs';
import { DlkitError, type Gradients, type Parameters, assertTensorRecord } from '@dlkit/core';

/**
 * Adam's two moving averages for a parameter dictionary, both zero: what
 * {@link initializeAdam} returns and {@link updateParametersWithAdam} updates.
 *
 * @category C2 W2 · Adam
 */
export interface AdamState {
  /** `{ dW1, db1, … }`: the exponentially weighted average of the gradients (first moment). */
  v: Gradients;
  /** `{ dW1, db1, … }`: the exponentially weighted average of the squared gradients (second moment). */
  s: Gradients;
}

/**
 * The course's `initialize_adam`: zero moving averages `v` and `s` for every parameter, keyed like
 * the gradients (`dW1`, `db1`, …) and shaped like the parameters.
 *
 * @param parameters - `{ W1, b1, …, WL, bL }` (course 2 layout: `W[l]` is `[n[l], n[l-1]]`,
 *   `b[l]` is `[n[l], 1]`; any keys and shapes work). Not changed or disposed.
 * @returns `{ v, s }`, two dictionaries of new zero tensors that the caller owns.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initializeAdam } from '@dlkit/optimizers';
 * const parameters = { W1: tf.ones([2, 3]), b1: tf.ones([2, 1]) };
 * const { v, s } = initializeAdam(parameters);
 * console.log(Object.keys(v), v.dW1!.shape); // [ 'dW1', 'db1' ] [ 2, 3 ]
 * tf.dispose([parameters, v, s]);
 * ```
 *
 * @see the guide page `docs/optimizers/adam.md`
 * @category C2 W2 · Adam
 */
export function initializeAdam(parameters: Parameters): AdamState {
  const fn = 'initializeAdam';
  assertTensorRecord(fn, 'parameters', parameters);
  if (Object.keys(parameters).length === 0) {
    throw new DlkitError('value', fn, 'parameters is empty', { argument: 'parameters' });
  }
  const v: Gradients = {};
  const s: Gradients = {};
  for (const [key, value] of Object.entries(parameters)) {
    if (!(value instanceof tf.Tensor) || value.isDisposed) {
      throw new DlkitError('value', fn, `parameters.${key} must be a live tf.Tensor`, {
        argument: 'parameters',
      });
    }
    v[`d${key}`] = tf.zerosLike(value);
    s[`d${key}`] = tf.zerosLike(value);
  }
  return { v, s };
}
