// Reading a class mask's values, checked. Internal.
import type * as tf from '@tensorflow/tfjs';
import { DlkitError, assertTensor } from '@dlkit/core';

/**
 * Checks that `value` is an int32 mask whose every entry is a class index in `[0, nClasses)` and
 * returns its values.
 */
export function readClassMask(
  fn: string,
  argument: string,
  value: unknown,
  nClasses: number,
): Int32Array {
  const t = assertTensor(fn, argument, value, { dtypes: ['int32'] }) as tf.Tensor;
  const values = t.dataSync() as Int32Array;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < 0 || v >= nClasses) {
      throw new DlkitError(
        'value',
        fn,
        `${argument} must hold class indices in [0, ${nClasses - 1}], got ${v} at flat index ${i} of shape [${t.shape.join(', ')}]`,
        { argument },
      );
    }
  }
  return values;
}
