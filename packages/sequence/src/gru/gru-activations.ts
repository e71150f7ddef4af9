import * as tf from '@tensorflow/tfjs';

/**
 * The activations a {@link GRU} (and {@link gruSequence}) accepts, by their tfjs names:
 * `'tanh'` (the candidate's default), `'sigmoid'` (the gates' default, as Keras and PyTorch),
 * `'hardSigmoid'` (tfjs' and Keras 2's `clip(0.2 x + 0.5, 0, 1)`, `tf.layers.gru`'s default for
 * the gates), `'relu'` and `'linear'`.
 *
 * @category C5 W1 · Gated recurrent units
 */
export type GruActivation = 'tanh' | 'sigmoid' | 'hardSigmoid' | 'relu' | 'linear';

/** The activation names, in the order error messages list them. */
export const GRU_ACTIVATIONS: readonly GruActivation[] = [
  'tanh',
  'sigmoid',
  'hardSigmoid',
  'relu',
  'linear',
];

/** Each activation as a tfjs op (differentiable by autodiff). */
export const ACTIVATION_OPS: Record<GruActivation, (z: tf.Tensor) => tf.Tensor> = {
  tanh: (z) => tf.tanh(z),
  sigmoid: (z) => tf.sigmoid(z),
  hardSigmoid: (z) => tf.clipByValue(tf.add(tf.mul(z, 0.2), 0.5), 0, 1),
  relu: (z) => tf.relu(z),
  linear: (z) => z,
};
