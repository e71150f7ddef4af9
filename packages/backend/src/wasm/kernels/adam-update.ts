import type * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, DlkitError } from '@dlkit/core';
import { KernelScope, heapView, type KernelArgs, type Wasm } from './kernel-util.js';

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
 * Below {@link SIMD_THRESHOLD} elements it is one JavaScript loop over float32 views of the wasm
 * heap (double precision per element, stored as float32); from there on, the same formula as
 * tfjs' SIMD wasm element-wise kernels called directly (float32). Nothing leaves the wasm heap.
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
  const lr = a['learningRate'] as number;
  const beta1 = a['beta1'] as number;
  const beta2 = a['beta2'] as number;
  const epsilon = a['epsilon'] as number;
  const invCorrection1 = 1 / (1 - (a['beta1Power'] as number));
  const invCorrection2 = 1 / (1 - (a['beta2Power'] as number));
  if (size >= SIMD_THRESHOLD) {
    return simdComposition(backend, value, m, v, g, {
      stepSize: lr * invCorrection1,
      beta1,
      beta2,
      epsilon,
      invCorrection2,
    });
  }

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
  adamLoop(
    x,
    m0,
    v0,
    gs,
    x1,
    m1,
    v1,
    size,
    lr * invCorrection1,
    beta1,
    beta2,
    epsilon,
    invCorrection2,
  );
  return [outValue, outM, outV];
}

/**
 * From this many elements on, the update runs as 13 of tfjs' SIMD wasm element-wise kernels
 * called directly (no engine, no `Tensor` objects, no tape, everything in the wasm heap); below
 * it, as one scalar JavaScript loop. The loop costs about 5.5 ns per element (a double square
 * root and division each), 13 SIMD passes about 3 ns per element plus a fixed ~40 µs for the
 * calls. Measured per kernel call on wasm here (loop / composition / `tf.train.adam`'s ops):
 * 4,096 elements 0.024 / — / 0.052 ms; 16,384: 0.091 / 0.066 / 0.085 ms; 401,408: 2.18 / 1.29 /
 * 1.41 ms.
 */
export const SIMD_THRESHOLD = 1 << 13;

interface Coefficients {
  stepSize: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  invCorrection2: number;
}

/** The update as 13 of tfjs' wasm kernels (float32, SIMD), in the wasm heap. */
function simdComposition(
  backend: Wasm,
  value: tf.TensorInfo,
  m: tf.TensorInfo,
  v: tf.TensorInfo,
  g: tf.TensorInfo,
  c: Coefficients,
): tf.TensorInfo[] {
  const s = new KernelScope(backend);
  const num = (x: number): tf.TensorInfo => {
    const info = s.track(backend.makeOutput([], 'float32'));
    (heapView(backend, info) as Float32Array)[0] = x;
    return info;
  };
  const mul = (a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo => s.run('Multiply', { a, b });
  const add = (a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo => s.run('Add', { a, b });
  const newM = add(mul(m, num(c.beta1)), mul(g, num(1 - c.beta1)));
  const newV = add(mul(v, num(c.beta2)), mul(s.run('Square', { x: g }), num(1 - c.beta2)));
  const denom = add(s.run('Sqrt', { x: mul(newV, num(c.invCorrection2)) }), num(c.epsilon));
  const step = s.run('RealDiv', { a: mul(newM, num(c.stepSize)), b: denom });
  const newValue = s.run('Sub', { a: value, b: step });
  s.dispose(newValue, newM, newV);
  return [newValue, newM, newV];
}

/** The element loop, kept small and monomorphic (seven float32 arrays, numbers) for the JIT. */
function adamLoop(
  x: Float32Array,
  m0: Float32Array,
  v0: Float32Array,
  gs: Float32Array,
  x1: Float32Array,
  m1: Float32Array,
  v1: Float32Array,
  size: number,
  stepSize: number,
  beta1: number,
  beta2: number,
  epsilon: number,
  invCorrection2: number,
): void {
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  for (let i = 0; i < size; i++) {
    const gi = gs[i] as number;
    const mi = beta1 * (m0[i] as number) + oneMinusBeta1 * gi;
    const vi = beta2 * (v0[i] as number) + oneMinusBeta2 * gi * gi;
    m1[i] = mi;
    v1[i] = vi;
    x1[i] = (x[i] as number) - (stepSize * mi) / (Math.sqrt(vi * invCorrection2) + epsilon);
  }
}
