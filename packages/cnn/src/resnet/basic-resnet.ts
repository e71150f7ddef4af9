import * as tf from '@tensorflow/tfjs';
import { asCaller, assertNumber, assertOneOf } from '@dlkit/core';
import {
  checkClasses,
  checkInputShape,
  initializerFor,
  readSeed,
  type BuilderOptions,
} from '../models/builder-options.js';
import { addAndRelu, convBn, relu } from './block-parts.js';

/**
 * The options of {@link resNet18} and {@link resNet34}.
 *
 * @category C4 W2 · Residual networks
 */
export interface BasicResNetOptions extends BuilderOptions {
  /**
   * The stem: `'small'` (default, for 32×32 images such as CIFAR-10: one 3×3 stride-1 convolution
   * with 64 filters and no max-pool, so stage 1 sees the full image) or `'imagenet'` (He et al.'s
   * 7×7 stride-2 convolution and 3×3 stride-2 max-pool, for 224×224 images).
   */
  stem?: 'small' | 'imagenet';
  /**
   * The first stage's filter count (default 64, He et al.'s); stages 2–4 have 2, 4 and 8 times as
   * many, and the stem as many. A width of 16 costs about 16 times fewer operations: small enough
   * to train on a CPU (the `resnet-signs` lab).
   */
  width?: number;
}

/** One basic block: two 3×3 convolutions (no biases: batch norm follows) and a skip connection. */
function basicBlock(
  X: tf.SymbolicTensor,
  filters: number,
  stride: number,
  name: string,
  seed: number,
): tf.SymbolicTensor {
  const spec = { initializer: 'heNormal', seed, useBias: false, padding: 'same' } as const;
  let A = convBn(X, { ...spec, filters, kernelSize: 3, strides: stride, name: `${name}_1` });
  A = relu(A, `${name}_1_relu`);
  A = convBn(A, { ...spec, filters, kernelSize: 3, strides: 1, name: `${name}_2` });
  const reshape = stride !== 1 || X.shape[3] !== filters;
  const shortcut = reshape
    ? convBn(X, {
        ...spec,
        padding: 'valid',
        filters,
        kernelSize: 1,
        strides: stride,
        name: `${name}_0`,
      })
    : X;
  return addAndRelu(A, shortcut, name);
}

function stem(
  input: tf.SymbolicTensor,
  kind: 'small' | 'imagenet',
  seed: number,
  filters: number,
): tf.SymbolicTensor {
  const spec = {
    initializer: 'heNormal',
    seed,
    useBias: false,
    filters,
    name: 'conv1',
  } as const;
  if (kind === 'small') {
    return relu(
      convBn(input, { ...spec, kernelSize: 3, strides: 1, padding: 'same' }),
      'conv1_relu',
    );
  }
  const X = relu(
    convBn(input, { ...spec, kernelSize: 7, strides: 2, padding: 'same' }),
    'conv1_relu',
  );
  return tf.layers
    .maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'pool1_pool' })
    .apply(X) as tf.SymbolicTensor;
}

/** Builds a basic-block ResNet with `depths[i]` blocks in stage `i`. */
export function basicResNet(
  fn: string,
  depths: readonly number[],
  inputShape: unknown,
  classes: unknown,
  options: unknown,
): tf.LayersModel {
  const shape = checkInputShape(fn, inputShape, 8);
  const k = checkClasses(fn, classes);
  const seed = readSeed(fn, options, ['stem', 'width']);
  const o = (options ?? {}) as BasicResNetOptions;
  const width =
    o.width === undefined
      ? 64
      : assertNumber(fn, 'options.width', o.width, { integer: true, min: 1, max: 512 });
  const kind =
    (options as BasicResNetOptions | undefined)?.stem === undefined
      ? 'small'
      : assertOneOf(fn, 'options.stem', (options as BasicResNetOptions).stem, [
          'small',
          'imagenet',
        ]);
  return asCaller(fn, () => {
    const input = tf.input({ shape, name: 'input_1' });
    let X = stem(input, kind, seed, width);
    depths.forEach((blocks, i) => {
      for (let b = 1; b <= blocks; b++) {
        const stride = b === 1 && i > 0 ? 2 : 1;
        X = basicBlock(X, width * 2 ** i, stride, `conv${i + 2}_block${b}`, seed);
      }
    });
    X = tf.layers.globalAveragePooling2d({ name: 'avg_pool' }).apply(X) as tf.SymbolicTensor;
    const outputs = tf.layers
      .dense({
        units: k,
        activation: 'softmax',
        name: 'fc',
        kernelInitializer: initializerFor('glorotUniform', seed, 'fc'),
      })
      .apply(X) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs, name: `ResNet${fn.slice(6)}` });
  });
}
