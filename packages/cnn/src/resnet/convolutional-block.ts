import type * as tf from '@tensorflow/tfjs';
import { asCaller, assertNumber } from '@dlkit/core';
import {
  addAndRelu,
  checkFilters,
  checkSymbolicImage,
  checkWindow,
  convBn,
  readBlockOptions,
  relu,
} from './block-parts.js';
import type { BlockOptions } from './identity-block.js';

/**
 * The course's convolutional block (C4 W2, `convolutional_block(X, f, filters, s=2)`), the
 * residual block for when the shape changes: the main path 1×1 stride s (F1) → BN → ReLU → f×f
 * same (F2) → BN → ReLU → 1×1 (F3) → BN, and a shortcut `1×1 stride s (F3) → BN` that resizes
 * the input to match; the two are added, then a ReLU. Convolutions have biases, as in the notebook.
 * The notebook's `training` argument has no counterpart (see {@link identityBlock}).
 *
 * @param X - A symbolic input `[m, nH, nW, nC]`.
 * @param f - The middle convolution's window size (1 to 64; `same` padding).
 * @param filters - `[F1, F2, F3]`, the three convolutions' filter counts.
 * @param s - The stride of the first convolution and of the shortcut (default 2, the notebook's).
 * @param options - `{ initializer, seed, name }` (default initialiser `'glorotUniform'`).
 * @returns The block's symbolic output `[m, floor((nH - 1) / s) + 1, floor((nW - 1) / s) + 1, F3]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { convolutionalBlock } from '@dlkit/cnn';
 * const X = tf.input({ shape: [8, 8, 3], name: 'x' });
 * const A = convolutionalBlock(X, 3, [2, 4, 6], 2, { name: 'block' });
 * console.log(A.shape); // [null, 4, 4, 6]
 * const model = tf.model({ inputs: X, outputs: A });
 * console.log(model.countParams()); // 210
 * model.dispose();
 * ```
 *
 * @category C4 W2 · Residual networks
 */
export function convolutionalBlock(
  X: tf.SymbolicTensor,
  f: number,
  filters: [number, number, number],
  s = 2,
  options?: BlockOptions,
): tf.SymbolicTensor {
  const fn = 'convolutionalBlock';
  const [nH, nW] = checkSymbolicImage(fn, X);
  const size = checkWindow(fn, f);
  const [F1, F2, F3] = checkFilters(fn, filters, 3) as [number, number, number];
  const stride = assertNumber(fn, 's', s, { integer: true, min: 1, max: Math.max(1, nH, nW) });
  const o = readBlockOptions(fn, options, X, 'glorotUniform');
  return asCaller(fn, () => {
    const spec = { initializer: o.initializer, seed: o.seed, useBias: true } as const;
    const one = { ...spec, kernelSize: 1, padding: 'valid' } as const;
    let A = convBn(X, { ...one, filters: F1, strides: stride, name: `${o.name}_1` });
    A = relu(A, `${o.name}_1_relu`);
    A = convBn(A, {
      ...spec,
      filters: F2,
      kernelSize: size,
      strides: 1,
      padding: 'same',
      name: `${o.name}_2`,
    });
    A = relu(A, `${o.name}_2_relu`);
    A = convBn(A, { ...one, filters: F3, strides: 1, name: `${o.name}_3` });
    const shortcut = convBn(X, { ...one, filters: F3, strides: stride, name: `${o.name}_0` });
    return addAndRelu(A, shortcut, o.name);
  });
}
