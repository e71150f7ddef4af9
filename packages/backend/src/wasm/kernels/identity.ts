import type * as tf from '@tensorflow/tfjs';
import { runOriginalKernel, type KernelArgs } from './kernel-util.js';

/**
 * `Identity` on wasm without a copy: a new reference to the same buffer, as the cpu backend does
 * (tensor data is immutable; the buffer is freed when its last reference is). tfjs' wasm kernel
 * allocates and copies, and the engine calls it for every `clone` and many gradients: ~1,900
 * times in one char-LSTM training step.
 */
export function identity({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs['x'] as tf.TensorInfo;
  if (x.dtype === 'string') return runOriginalKernel(backend, 'Identity', inputs, {});
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype };
}
