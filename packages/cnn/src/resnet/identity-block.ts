import type * as tf from '@tensorflow/tfjs';
import { DlkitError, asCaller } from '@dlkit/core';
import type { InitializerName } from '../models/builder-options.js';
import {
  addAndRelu,
  checkFilters,
  checkSymbolicImage,
  checkWindow,
  convBn,
  readBlockOptions,
  relu,
} from './block-parts.js';

/**
 * The trailing options of {@link identityBlock} and {@link convolutionalBlock}.
 *
 * @category C4 W2 · Residual networks
 */
export interface BlockOptions {
  /** The convolutions' kernel initialiser (the notebook's `initializer`): default `'randomUniform'` for the identity block, `'glorotUniform'` for the convolutional block. */
  initializer?: InitializerName;
  /** The initialisers' seed (default 0, the notebook's `seed=0`). */
  seed?: number;
  /**
   * The layers' name stem (default `<X's layer>_block`): the block's layers are `<name>_1_conv`,
   * `<name>_1_bn`, `<name>_1_relu`, …, `<name>_3_bn`, (`<name>_0_conv`, `<name>_0_bn` for the
   * shortcut), `<name>_add`, `<name>_out`, as in Keras's ResNet50. Names must be unique in a model.
   */
  name?: string;
}

/**
 * The course's identity block (C4 W2, `identity_block(X, f, filters)`): three convolutions on the
 * main path, `1×1 (F1) → BN → ReLU → f×f same (F2) → BN → ReLU → 1×1 (F3) → BN`, added to the
 * unchanged input (the skip connection), then a ReLU. The input and output shapes are equal, so
 * `F3` must equal `X`'s channels. Convolutions have biases and batch norm is over channels (axis
 * 3), as in the notebook.
 *
 * The notebook's `training` argument has no counterpart: a tfjs model takes the batch-norm phase
 * from how it is run (`fit`: batch statistics; `predict`/`evaluate`: moving averages).
 *
 * @param X - A symbolic input `[m, nH, nW, nC]` (from `tf.input` or a layer's `apply`).
 * @param f - The middle convolution's window size (1 to 64; `same` padding).
 * @param filters - `[F1, F2, F3]`, the three convolutions' filter counts; `F3 = nC`.
 * @param options - `{ initializer, seed, name }`.
 * @returns The block's symbolic output `[m, nH, nW, F3]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { identityBlock } from '@dlkit/cnn';
 * const X = tf.input({ shape: [4, 4, 6], name: 'x' });
 * const A = identityBlock(X, 3, [4, 4, 6], { name: 'block' });
 * console.log(A.shape); // [null, 4, 4, 6]
 * const model = tf.model({ inputs: X, outputs: A });
 * const x = tf.ones([1, 4, 4, 6]);
 * const y = model.predict(x) as tf.Tensor;
 * console.log(y.shape); // [1, 4, 4, 6]
 * tf.dispose([x, y]);
 * model.dispose();
 * ```
 *
 * @category C4 W2 · Residual networks
 */
export function identityBlock(
  X: tf.SymbolicTensor,
  f: number,
  filters: [number, number, number],
  options?: BlockOptions,
): tf.SymbolicTensor {
  const fn = 'identityBlock';
  const [, , nC] = checkSymbolicImage(fn, X);
  const size = checkWindow(fn, f);
  const [F1, F2, F3] = checkFilters(fn, filters, 3) as [number, number, number];
  if (F3 !== nC) {
    throw new DlkitError(
      'shape',
      fn,
      `filters[2] must equal X's channels nC = ${nC} (the skip connection adds X), got ${F3}`,
      { argument: 'filters' },
    );
  }
  const o = readBlockOptions(fn, options, X, 'randomUniform');
  return asCaller(fn, () => {
    const spec = { strides: 1, initializer: o.initializer, seed: o.seed, useBias: true };
    let A = convBn(X, {
      ...spec,
      filters: F1,
      kernelSize: 1,
      padding: 'valid',
      name: `${o.name}_1`,
    });
    A = relu(A, `${o.name}_1_relu`);
    A = convBn(A, { ...spec, filters: F2, kernelSize: size, padding: 'same', name: `${o.name}_2` });
    A = relu(A, `${o.name}_2_relu`);
    A = convBn(A, { ...spec, filters: F3, kernelSize: 1, padding: 'valid', name: `${o.name}_3` });
    return addAndRelu(A, X, o.name);
  });
}
