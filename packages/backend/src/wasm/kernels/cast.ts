import type * as tf from '@tensorflow/tfjs';
import { heapView, runOriginalKernel, type KernelArgs } from './kernel-util.js';
import { identity } from './identity.js';

/**
 * `Cast` on wasm. To the same dtype: no copy, a new reference to the same buffer (as the cpu
 * backend does; gradients cast float32 to float32 often). To `bool`: `x != 0`, as on cpu; tfjs'
 * wasm kernel stores `Uint8Array.set(values)`, which wraps modulo 256 and truncates, so 0.5 and
 * 256 became false. Other casts (to float32 or int32, truncating toward zero like cpu) run tfjs'
 * kernel.
 */
export function cast({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs['x'] as tf.TensorInfo;
  const dtype = attrs?.['dtype'] as tf.DataType;
  if (dtype === x.dtype) return identity({ inputs, attrs, backend });
  if (dtype !== 'bool') return runOriginalKernel(backend, 'Cast', inputs, attrs ?? {});
  const out = backend.makeOutput(x.shape, 'bool');
  const from = heapView(backend, x);
  const to = heapView(backend, out);
  for (let i = 0; i < from.length; i++) to[i] = from[i] !== 0 ? 1 : 0;
  return out;
}
