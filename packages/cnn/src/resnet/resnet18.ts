import type * as tf from '@tensorflow/tfjs';
import { basicResNet, type BasicResNetOptions } from './basic-resnet.js';

/**
 * ResNet-18 (He et al. 2016) for small images: basic blocks of two 3×3 convolutions with batch norm
 * (no biases) and a skip connection, stages of 2, 2, 2, 2 blocks with 64, 128, 256, 512 filters
 * (the first block of stages 2–4 halves the size, its shortcut a 1×1 stride-2 convolution + BN),
 * a global average pool and a softmax. The default `'small'` stem (3×3, stride 1, no max-pool) is
 * the CIFAR-10 variant: for 32×32×3 and 10 classes it has 11,173,962 trainable parameters, as
 * PyTorch counts them (11,183,562 as Keras counts, with batch norm's 9,600 moving statistics).
 * `{ stem: 'imagenet' }` gives torchvision's `resnet18` (11,689,512 trainable parameters for
 * 224×224×3 and 1,000 classes). He-normal convolutions and a
 * Glorot dense head, seeded; Keras-style layer names (`conv2_block1_1_conv`, …, `fc`).
 *
 * @param inputShape - One image `[nH, nW, nC]`, sides at least 8 (e.g. `[32, 32, 3]`).
 * @param classes - The softmax's classes.
 * @param options - `{ seed, stem, width }`.
 * @returns A new `tf.LayersModel` from `[m, nH, nW, nC]` to `[m, classes]`; the caller owns it.
 *
 * @example
 * ```ts
 * import { modelSummary, resNet18 } from '@dlkit/cnn';
 * const model = resNet18([32, 32, 3], 10);
 * console.log(modelSummary(model).trainableParams); // 11173962
 * console.log(model.countParams()); // 11183562
 * model.dispose();
 * ```
 *
 * @category C4 W2 · Residual networks
 */
export function resNet18(
  inputShape: [number, number, number],
  classes: number,
  options?: BasicResNetOptions,
): tf.LayersModel {
  return basicResNet('resNet18', [2, 2, 2, 2], inputShape, classes, options);
}

/**
 * ResNet-34 (He et al. 2016): {@link resNet18}'s basic blocks in stages of 3, 4, 6, 3, with the same
 * stems (`'small'` by default: 21,282,122 trainable parameters for 32×32×3 and 10 classes;
 * `'imagenet'`: torchvision's `resnet34`, 21,797,672 for 1,000 classes).
 *
 * @param inputShape - One image `[nH, nW, nC]`, sides at least 8.
 * @param classes - The softmax's classes.
 * @param options - `{ seed, stem, width }`.
 * @returns A new `tf.LayersModel` from `[m, nH, nW, nC]` to `[m, classes]`; the caller owns it.
 *
 * @example
 * ```ts
 * import { modelSummary, resNet34 } from '@dlkit/cnn';
 * const model = resNet34([32, 32, 3], 10);
 * console.log(modelSummary(model).trainableParams); // 21282122
 * model.dispose();
 * ```
 *
 * @category C4 W2 · Residual networks
 */
export function resNet34(
  inputShape: [number, number, number],
  classes: number,
  options?: BasicResNetOptions,
): tf.LayersModel {
  return basicResNet('resNet34', [3, 4, 6, 3], inputShape, classes, options);
}
