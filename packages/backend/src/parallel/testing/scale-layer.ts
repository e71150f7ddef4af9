// A custom layer for the data-parallel tests: registered here, so a worker knows it only when it
// imports this module (options.imports).
import * as tf from '@tensorflow/tfjs';

/** Multiplies its input by one trainable scalar per feature. */
export class ScaleLayer extends tf.layers.Layer {
  static readonly className = 'DlkitTestScale';
  private scale: tf.LayerVariable | undefined;

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    this.scale = this.addWeight(
      'scale',
      [shape[shape.length - 1] as number],
      'float32',
      tf.initializers.ones(),
    );
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    return tf.mul(x, (this.scale as tf.LayerVariable).read());
  }
}
tf.serialization.registerClass(ScaleLayer);
