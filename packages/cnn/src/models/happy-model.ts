import * as tf from '@tensorflow/tfjs';
import { initializerFor, readSeed, type BuilderOptions } from './builder-options.js';

/**
 * The course's "happy model" (C4 W1, Convolution_model_Application): a `tf.Sequential` binary
 * classifier of 64×64×3 faces, ZeroPadding2D(3) → Conv2D(32, 7×7, stride 1) → BatchNormalization
 * (axis 3) → ReLU → MaxPooling2D(2×2) → Flatten → Dense(1, sigmoid), 37,633 parameters (37,569
 * trainable). Layer names are the notebook's (`conv0`, `bn0`, `max_pool0`, `fc`) and fixed, so a
 * saved model loads; weights are seeded (Glorot uniform, as Keras's default). Not compiled: the
 * notebook compiles it with `adam` and `binary_crossentropy`.
 *
 * @param options - `{ seed }` (default 0).
 * @returns A new `tf.Sequential` with input `[m, 64, 64, 3]` and output `[m, 1]`; the caller owns it
 *   (`model.dispose()`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { happyModel } from '@dlkit/cnn';
 * const model = happyModel({ seed: 1 });
 * console.log(model.countParams()); // 37633
 * const x = tf.zeros([2, 64, 64, 3]);
 * const y = model.predict(x) as tf.Tensor;
 * console.log(y.shape); // [2, 1]
 * tf.dispose([x, y]);
 * model.dispose();
 * ```
 *
 * @category C4 W1 · Convolutional model application
 */
export function happyModel(options: BuilderOptions = {}): tf.Sequential {
  const seed = readSeed('happyModel', options);
  return tf.sequential({
    name: 'happy_model',
    layers: [
      tf.layers.zeroPadding2d({ inputShape: [64, 64, 3], padding: 3, name: 'zero_padding2d' }),
      tf.layers.conv2d({
        filters: 32,
        kernelSize: 7,
        strides: 1,
        name: 'conv0',
        kernelInitializer: initializerFor('glorotUniform', seed, 'conv0'),
      }),
      tf.layers.batchNormalization({ axis: 3, name: 'bn0' }),
      tf.layers.reLU({ name: 're_lu' }),
      tf.layers.maxPooling2d({ poolSize: 2, name: 'max_pool0' }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({
        units: 1,
        activation: 'sigmoid',
        name: 'fc',
        kernelInitializer: initializerFor('glorotUniform', seed, 'fc'),
      }),
    ],
  });
}
