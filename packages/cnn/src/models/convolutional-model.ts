import * as tf from '@tensorflow/tfjs';
import { asCaller } from '@dlkit/core';
import {
  checkInputShape,
  initializerFor,
  readSeed,
  type BuilderOptions,
} from './builder-options.js';

/**
 * The course's sign-language model (C4 W1, `convolutional_model(input_shape)`), built with the
 * Functional API: Conv2D(8, 4×4, same) → ReLU → MaxPool2D(8×8, stride 8, same) → Conv2D(16,
 * 2×2, same) → ReLU → MaxPool2D(4×4, stride 4, same) → Flatten → Dense(6, softmax). For the
 * course's 64×64×3 input it has 1,310 parameters. Layer names are fixed (`conv2d`, `re_lu`, …,
 * `dense`) so a saved model loads; weights are seeded (Glorot uniform). Not compiled: the notebook
 * compiles it with `adam` and `categorical_crossentropy`.
 *
 * @param inputShape - One image's shape `[nH, nW, nC]`, e.g. `[64, 64, 3]` (sides at least 1).
 * @param options - `{ seed }` (default 0).
 * @returns A new `tf.LayersModel` from `[m, nH, nW, nC]` to class probabilities `[m, 6]`; the
 *   caller owns it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { convolutionalModel } from '@dlkit/cnn';
 * const model = convolutionalModel([64, 64, 3]);
 * console.log(model.countParams()); // 1310
 * const x = tf.zeros([2, 64, 64, 3]);
 * const p = model.predict(x) as tf.Tensor;
 * console.log(p.shape); // [2, 6]
 * tf.dispose([x, p]);
 * model.dispose();
 * ```
 *
 * @category C4 W1 · Convolutional model application
 */
export function convolutionalModel(
  inputShape: [number, number, number],
  options: BuilderOptions = {},
): tf.LayersModel {
  const fn = 'convolutionalModel';
  const shape = checkInputShape(fn, inputShape, 1);
  const seed = readSeed(fn, options);
  return asCaller(fn, () => build(shape, seed));
}

function build(inputShape: [number, number, number], seed: number): tf.LayersModel {
  const conv = (filters: number, kernelSize: number, name: string): tf.layers.Layer =>
    tf.layers.conv2d({
      filters,
      kernelSize,
      strides: 1,
      padding: 'same',
      name,
      kernelInitializer: initializerFor('glorotUniform', seed, name),
    });
  const inputImg = tf.input({ shape: inputShape, name: 'input_img' });
  let x = conv(8, 4, 'conv2d').apply(inputImg) as tf.SymbolicTensor;
  x = tf.layers.reLU({ name: 're_lu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .maxPooling2d({ poolSize: 8, strides: 8, padding: 'same', name: 'max_pooling2d' })
    .apply(x) as tf.SymbolicTensor;
  x = conv(16, 2, 'conv2d_1').apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({ name: 're_lu_1' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .maxPooling2d({ poolSize: 4, strides: 4, padding: 'same', name: 'max_pooling2d_1' })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten({ name: 'flatten' }).apply(x) as tf.SymbolicTensor;
  const outputs = tf.layers
    .dense({
      units: 6,
      activation: 'softmax',
      name: 'dense',
      kernelInitializer: initializerFor('glorotUniform', seed, 'dense'),
    })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: inputImg, outputs, name: 'convolutional_model' });
}
