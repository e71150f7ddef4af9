import type * as tf from '@tensorflow/tfjs';

/**
 * A course-style parameter dictionary: `W1, b1, …, WL, bL` (`Wl` is `[nl, nl-1]`, `bl` is
 * `[nl, 1]` in the column layout of courses 1 and 2).
 *
 * @category Tensor basics
 */
export type Parameters = Record<string, tf.Tensor>;

/**
 * The gradients of a {@link Parameters} dictionary, keyed `dW1, db1, …`: the parameter's key
 * with a `d` in front, and the parameter's shape.
 *
 * @category Tensor basics
 */
export type Gradients = Record<string, tf.Tensor>;
