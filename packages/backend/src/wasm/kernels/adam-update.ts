import type * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, DlkitError } from '@dlkit/core';
import { heapView, type KernelArgs } from './kernel-util.js';

export { ADAM_UPDATE_KERNEL };

/**
 * `DlkitAdamUpdate` (`ADAM_UPDATE_KERNEL` of `@dlkit/core`) on wasm: one Adam step for one
 * variable in a single pass over the wasm heap, instead of the dozen element-wise kernels (and
 * scalar uploads) of `tf.train.adam`. Inputs `value`, `m`, `v`, `gradient` (same size, float32);
 * attributes `learningRate`, `beta1`, `beta2`, `epsilon`, `beta1Power`, `beta2Power`; outputs the
 * new `value`, `m` and `v`:
 * `m' = β1 m + (1 - β1) g`, `v' = β2 v + (1 - β2) g²`,
 * `value' = value - α (m' / (1 - β1^t)) / (√(v' / (1 - β2^t)) + ε)`, computed in double precision
 * per element and stored as float32.
 */
export function adamUpdate({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo[] {
  const value = inputs['value'] as tf.TensorInfo;
  const m = inputs['m'] as tf.TensorInfo;
  const v = inputs['v'] as tf.TensorInfo;
  const g = inputs['gradient'] as tf.TensorInfo;
  const size = value.shape.reduce((p, d) => p * d, 1);
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
      throw new DlkitError('dtype', ADAM_UPDATE_KERNEL, `${name} must have dtype float32, got ${x.dtype}`, {
        argument: name,
      });
    }
    if (x.shape.reduce((p, d) => p * d, 1) !== size) {
      throw new DlkitError(
        'shape',
        ADAM_UPDATE_KERNEL,
        `${name} must have value's shape [${value.shape.join(', ')}], got [${x.shape.join(', ')}]`,
        { argument: name },
      );
    }
  }
  const a = (attrs ?? {}) as Record<string, number>;
  const lr = a['learningRate'] as number;
  const beta1 = a['beta1'] as number;
  const beta2 = a['beta2'] as number;
  const epsilon = a['epsilon'] as number;
  const invCorrection1 = 1 / (1 - (a['beta1Power'] as number));
  const invCorrection2 = 1 / (1 - (a['beta2Power'] as number));
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;

  const outValue = backend.makeOutput(value.shape.slice(), 'float32');
  const outM = backend.makeOutput(value.shape.slice(), 'float32');
  const outV = backend.makeOutput(value.shape.slice(), 'float32');
  // Views are taken after every makeOutput: allocation may grow (and move) the heap.
  const x = heapView(backend, value) as Float32Array;
  const m0 = heapView(backend, m) as Float32Array;
  const v0 = heapView(backend, v) as Float32Array;
  const gs = heapView(backend, g) as Float32Array;
  const x1 = heapView(backend, outValue) as Float32Array;
  const m1 = heapView(backend, outM) as Float32Array;
  const v1 = heapView(backend, outV) as Float32Array;
  for (let i = 0; i < size; i++) {
    const gi = gs[i] as number;
    const mi = beta1 * (m0[i] as number) + oneMinusBeta1 * gi;
    const vi = beta2 * (v0[i] as number) + oneMinusBeta2 * gi * gi;
    m1[i] = mi;
    v1[i] = vi;
    x1[i] = (x[i] as number) - (lr * mi * invCorrection1) / (Math.sqrt(vi * invCorrection2) + epsilon);
  }
  return [outValue, outM, outV];
}
