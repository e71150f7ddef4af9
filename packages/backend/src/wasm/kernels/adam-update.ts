import type * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, DlkitError } from '@dlkit/core';
import type { KernelArgs } from './kernel-util.js';
import { nativeOrThrow } from './native.js';

export { ADAM_UPDATE_KERNEL };

/**
 * `DlkitAdamUpdate` (`ADAM_UPDATE_KERNEL` of `@dlkit/core`) on wasm: one Adam step for one
 * variable in one engine kernel call, instead of the dozen element-wise kernels (and scalar
 * uploads) of `tf.train.adam`. Inputs `value`, `m`, `v`, `gradient` (same shape, float32);
 * attributes `learningRate`, `beta1`, `beta2`, `epsilon`, `beta1Power`, `beta2Power`; outputs the
 * new `value`, `m` and `v`:
 * `m' = β1 m + (1 - β1) g`, `v' = β2 v + (1 - β2) g²`,
 * `value' = value - α (m' / (1 - β1^t)) / (√(v' / (1 - β2^t)) + ε)`.
 *
 * One SIMD pass of dlkit's native kernel (native/adam.c) over the four arrays, in place in tfjs'
 * heap, with the operations in `tf.train.adam`'s order.
 */
export function adamUpdate({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo[] {
  const value = inputs['value'] as tf.TensorInfo;
  const m = inputs['m'] as tf.TensorInfo;
  const v = inputs['v'] as tf.TensorInfo;
  const g = inputs['gradient'] as tf.TensorInfo;
  for (const [name, x] of [
    ['value', value],
    ['m', m],
    ['v', v],
    ['gradient', g],
  ] as const) {
    if (x === undefined) {
      throw new DlkitError('value', ADAM_UPDATE_KERNEL, `input ${name} is missing`, {
        argument: name,
      });
    }
    if (x.dtype !== 'float32') {
      throw new DlkitError(
        'dtype',
        ADAM_UPDATE_KERNEL,
        `${name} must have dtype float32, got ${x.dtype}`,
        { argument: name },
      );
    }
    if (x.shape.length !== value.shape.length || x.shape.some((d, i) => d !== value.shape[i])) {
      throw new DlkitError(
        'shape',
        ADAM_UPDATE_KERNEL,
        `${name} must have value's shape [${value.shape.join(', ')}], got [${x.shape.join(', ')}]`,
        { argument: name },
      );
    }
  }
  const size = value.shape.reduce((p, d) => p * d, 1);
  const a = (attrs ?? {}) as Record<string, number>;
  const [lr, beta1, beta2, epsilon] = ['learningRate', 'beta1', 'beta2', 'epsilon'].map(
    (k) => a[k] as number,
  ) as [number, number, number, number];
  const bc1 = 1 - (a['beta1Power'] as number);
  const bc2 = 1 - (a['beta2Power'] as number);
  const kernels = nativeOrThrow(backend, ADAM_UPDATE_KERNEL);
  const outs = [0, 1, 2].map(() => backend.makeOutput(value.shape.slice(), 'float32'));
  const at = (t: tf.TensorInfo): number => backend.getMemoryOffset(t.dataId);
  const [outValue, outM, outV] = outs as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  kernels.adamUpdate(
    at(value),
    at(m),
    at(v),
    at(g),
    at(outValue),
    at(outM),
    at(outV),
    size,
    lr,
    beta1,
    beta2,
    epsilon,
    bc1,
    bc2,
  );
  return outs;
}
