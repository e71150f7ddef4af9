import * as tf from '@tensorflow/tfjs';

/**
 * The notebook's `activator`, a softmax over axis 1 (the `Tx` input steps) of energies
 * `[m, Tx, 1]`: tfjs' softmax takes only the last axis, so it runs on the transpose
 * `[m, 1, Tx]` and transposes back. Registered for serialization as `DlkitSoftmaxOverTime`; not
 * exported (`createAttentionLayers().activator` makes it).
 */
export class SoftmaxOverTime extends tf.layers.Layer {
  /** The name models save this layer under. */
  static className = 'DlkitSoftmaxOverTime';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    return tf.tidy(() => {
      const perm = [0, x.rank - 1, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 1)];
      const back = [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2), 1];
      return tf.transpose(tf.softmax(tf.transpose(x, perm)), back);
    });
  }
}
tf.serialization.registerClass(SoftmaxOverTime);

/**
 * Sets each layer's tfjs use count to 1, so that `model.dispose()` frees the weights of layers
 * that the model applies at several steps (tfjs counts every symbolic call, and disposing a
 * model lowers each count by one only).
 */
export function ownSharedLayers(model: tf.LayersModel): tf.LayersModel {
  for (const layer of model.layers) (layer as unknown as { _refCount: number })._refCount = 1;
  return model;
}
