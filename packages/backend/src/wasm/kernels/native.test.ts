import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWasmBackend } from '../load-wasm.js';
import type { Wasm } from './kernel-util.js';
import { nativeKernels } from './native.js';

describe('nativeKernels', () => {
  beforeAll(async () => {
    await loadWasmBackend();
    await tf.setBackend('wasm');
  });

  it("instantiates once per tfjs memory and computes in tfjs' heap", () => {
    const backend = tf.backend() as Wasm;
    const kernels = nativeKernels(backend);
    expect(kernels).not.toBeNull();
    expect(nativeKernels(backend)).toBe(kernels);
    const x = tf.tensor2d([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const out = tf.zeros([3]);
    const at = (t: tf.Tensor): number => backend.getMemoryOffset(t.dataId);
    kernels?.columnSum(at(x), at(out), 2, 3);
    expect(Array.from(out.dataSync())).toEqual([5, 7, 9]);
    tf.dispose([x, out]);
  });

  it('is null (so callers keep tfjs kernels) when the memory is shared, as in the threaded build', () => {
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const fake = { wasm: { asm: { memory: shared }, _malloc: () => 0 } } as unknown as Wasm;
    expect(nativeKernels(fake)).toBeNull();
  });
});

describe('withdrawFusedKernelsWithoutNative', () => {
  it('unregisters the fused kernels where the native module cannot load, and only there', async () => {
    const { withdrawFusedKernelsWithoutNative } = await import('../register-kernels.js');
    const real = tf.backend() as Wasm;
    expect(withdrawFusedKernelsWithoutNative(real)).toEqual([]);
    const names = [
      'DlkitLstmForward',
      'DlkitLstmBackward',
      'DlkitGruForward',
      'DlkitGruBackward',
      'DlkitAdamUpdate',
    ];
    const saved = names.map((n) => tf.getKernel(n, 'wasm'));
    expect(saved.every((k) => k !== undefined)).toBe(true);
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const fake = { wasm: { asm: { memory: shared }, _malloc: () => 0 } } as unknown as Wasm;
    try {
      expect(withdrawFusedKernelsWithoutNative(fake).sort()).toEqual([...names].sort());
      for (const n of names) expect(tf.getKernel(n, 'wasm')).toBeUndefined();
    } finally {
      for (const k of saved)
        if (k !== undefined && !tf.getKernel(k.kernelName, 'wasm')) tf.registerKernel(k);
    }
    for (const n of names) expect(tf.getKernel(n, 'wasm')).toBeDefined();
  });
});
