import * as tf from '@tensorflow/tfjs';
import { asCaller } from '@dlkit/core';
import {
  checkClasses,
  checkInputShape,
  initializerFor,
  readSeed,
  type BuilderOptions,
} from '../models/builder-options.js';
import { convolutionalBlock } from './convolutional-block.js';
import { identityBlock } from './identity-block.js';

/** ResNet50's stages: filters, stride of the first block, and how many blocks. */
const STAGES: readonly { filters: [number, number, number]; s: number; blocks: number }[] = [
  { filters: [64, 64, 256], s: 1, blocks: 3 },
  { filters: [128, 128, 512], s: 2, blocks: 4 },
  { filters: [256, 256, 1024], s: 2, blocks: 6 },
  { filters: [512, 512, 2048], s: 2, blocks: 3 },
];

/**
 * The smallest side ResNet50 takes: the 7×7/2 stem, the 3×3/2 pool and three stride-2 stages take
 * 37 pixels to 19, 9, 5, 3, 2, the least the 2×2 average pool needs (36 would end at 1).
 */
const MIN_SIDE = 37;

/**
 * The course's ResNet50 (C4 W2, `ResNet50(input_shape=(64, 64, 3), classes=6)`): ZeroPadding2D(3)
 * → Conv2D(64, 7×7, stride 2) → BN → ReLU → MaxPool(3×3, stride 2), then four stages of
 * bottleneck blocks (a {@link convolutionalBlock} and 2, 3, 5, 2 {@link identityBlock}s; filters
 * `[64, 64, 256]` … `[512, 512, 2048]`, strides 1, 2, 2, 2), AveragePooling2D(2×2) → Flatten →
 * Dense(classes, softmax). For 64×64×3 and 6 classes: 23,600,006 parameters (23,587,712 without
 * the head, as Keras's ResNet50 without top; 53,120 of them batch-norm moving statistics).
 * Layers are named as Keras's ResNet50 (`conv1_conv`, `conv2_block1_1_conv`, …, `fc`), so saved
 * models load. Too heavy to train on a CPU here: the labs train {@link resNet18}.
 *
 * @param inputShape - One image `[nH, nW, nC]`, sides at least 37 (default `[64, 64, 3]`).
 * @param classes - The softmax's classes (default 6).
 * @param options - `{ seed }` (default 0).
 * @returns A new `tf.LayersModel` from `[m, nH, nW, nC]` to `[m, classes]`; the caller owns it.
 *
 * @example
 * ```ts
 * import { resNet50 } from '@dlkit/cnn';
 * const model = resNet50([64, 64, 3], 6);
 * console.log(model.countParams()); // 23600006
 * console.log(model.outputs[0]!.shape); // [null, 6]
 * model.dispose();
 * ```
 *
 * @category C4 W2 · Residual networks
 */
export function resNet50(
  inputShape: [number, number, number] = [64, 64, 3],
  classes = 6,
  options?: BuilderOptions,
): tf.LayersModel {
  const fn = 'resNet50';
  const shape = checkInputShape(fn, inputShape, MIN_SIDE);
  const k = checkClasses(fn, classes);
  const seed = readSeed(fn, options);
  return asCaller(fn, () => build(shape, k, seed));
}

function build(
  inputShape: [number, number, number],
  classes: number,
  seed: number,
): tf.LayersModel {
  const input = tf.input({ shape: inputShape, name: 'input_1' });
  let X = tf.layers
    .zeroPadding2d({ padding: 3, name: 'conv1_pad' })
    .apply(input) as tf.SymbolicTensor;
  X = tf.layers
    .conv2d({
      filters: 64,
      kernelSize: 7,
      strides: 2,
      name: 'conv1_conv',
      kernelInitializer: initializerFor('glorotUniform', seed, 'conv1_conv'),
    })
    .apply(X) as tf.SymbolicTensor;
  X = tf.layers.batchNormalization({ axis: 3, name: 'conv1_bn' }).apply(X) as tf.SymbolicTensor;
  X = tf.layers.reLU({ name: 'conv1_relu' }).apply(X) as tf.SymbolicTensor;
  X = tf.layers
    .maxPooling2d({ poolSize: 3, strides: 2, name: 'pool1_pool' })
    .apply(X) as tf.SymbolicTensor;
  STAGES.forEach(({ filters, s, blocks }, i) => {
    const stage = `conv${i + 2}`;
    X = convolutionalBlock(X, 3, filters, s, { seed, name: `${stage}_block1` });
    for (let b = 2; b <= blocks; b++) {
      X = identityBlock(X, 3, filters, { seed, name: `${stage}_block${b}` });
    }
  });
  X = tf.layers.averagePooling2d({ poolSize: 2, name: 'avg_pool' }).apply(X) as tf.SymbolicTensor;
  X = tf.layers.flatten({ name: 'flatten' }).apply(X) as tf.SymbolicTensor;
  const outputs = tf.layers
    .dense({
      units: classes,
      activation: 'softmax',
      name: 'fc',
      kernelInitializer: initializerFor('glorotUniform', seed, 'fc'),
    })
    .apply(X) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs, name: 'ResNet50' });
}
