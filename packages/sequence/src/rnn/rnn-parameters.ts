import type * as tf from '@tensorflow/tfjs';
import type { Dim, ShapeChecker } from '@dlkit/core';
import { checkParameters } from './check.js';

/**
 * The parameters of the course's basic RNN cell, examples in columns:
 * `a⟨t⟩ = tanh(Waa a⟨t−1⟩ + Wax x⟨t⟩ + ba)`, `ŷ⟨t⟩ = softmax(Wya a⟨t⟩ + by)`.
 *
 * @category C5 W1 · Building a recurrent neural network
 */
export interface RnnParameters {
  /** Weights on the input, `[nA, nX]`. */
  Wax: tf.Tensor;
  /** Weights on the previous hidden state, `[nA, nA]`. */
  Waa: tf.Tensor;
  /** Weights from the hidden state to the output, `[nY, nA]`. */
  Wya: tf.Tensor;
  /** Hidden-state bias, `[nA, 1]`. */
  ba: tf.Tensor;
  /** Output bias, `[nY, 1]`. */
  by: tf.Tensor;
}

const RNN_LAYOUT: Record<keyof RnnParameters, readonly Dim[]> = {
  Wax: ['nA', 'nX'],
  Waa: ['nA', 'nA'],
  Wya: ['nY', 'nA'],
  ba: ['nA', 1],
  by: ['nY', 1],
};

/** Checks an {@link RnnParameters} dictionary, binding `nA`, `nX` and `nY` in `shapes`. */
export function checkRnnParameters(
  shapes: ShapeChecker,
  argument: string,
  value: unknown,
): RnnParameters {
  return checkParameters(shapes, argument, value, RNN_LAYOUT);
}
