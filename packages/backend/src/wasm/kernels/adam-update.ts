import type * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, DlkitError, assertNumber, type NumberBounds } from '@dlkit/core';
import type { KernelArgs } from './kernel-util.js';
import { nativeOrThrow } from './native.js';

export { ADAM_UPDATE_KERNEL };

const FRACTION: NumberBounds = { min: 0, max: 1, maxExclusive: true };
const ATTRS: readonly [string, NumberBounds][] = [
  ['learningRate', {}],
  ['beta1', FRACTION],
  ['beta2', FRACTION],
  ['epsilon', { min: 0 }],
  // beta^t for t >= 1: below 1, so that the bias corrections 1 - beta^t are not zero.
  ['beta1Power', FRACTION],
  ['beta2Power', FRACTION],
];

/**
 * The kernel's attributes, each a finite number in its range (a missing one would reach the
 * native kernel as NaN and write NaN into the variable).
 */
type AdamAttrs = [number, number, number, number, number, number];

function checkedAttrs(attrs: tf.NamedAttrMap | undefined): AdamAttrs {
  const a = (attrs ?? {}) as Record<string, unknown>;
  return ATTRS.map(([name, bounds]) =>
    assertNumber(ADAM_UPDATE_KERNEL, `attrs.${name}`, a[name], bounds),
  ) as AdamAttrs;
}

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
  const [lr, beta1, beta2, epsilon, beta1Power, beta2Power] = checkedAttrs(attrs);
  const bc1 = 1 - beta1Power;
  const bc2 = 1 - beta2Power;
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
