import * as tf from '@tensorflow/tfjs';

/**
 * Reverses inputs `[m, Tx, n]` along time: with dlkit's LSTM it makes the backward half of the
 * pre-attention Bi-LSTM (reverse, run, reverse back, as Keras' `Bidirectional` does with
 * `go_backwards`). Registered for serialization as `DlkitReverseTime`; not exported.
 */
export class ReverseTime extends tf.layers.Layer {
  /** The name models save this layer under. */
  static className = 'DlkitReverseTime';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.reverse(Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs, 1));
  }
}
tf.serialization.registerClass(ReverseTime);
