// The wasm kernels' own errors are DlkitErrors naming the kernel, and leave no buffer behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { einsum } from './kernels/einsum.js';
import { KernelScope, runOriginalKernel, runWasmKernel, type Wasm } from './kernels/kernel-util.js';
import { loadWasmBackend } from './load-wasm.js';
import { cpuFallback } from './register-kernels.js';

function thrown(call: () => unknown): DlkitError {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DlkitError);
  return error as DlkitError;
}

describe('wasm kernel errors', () => {
  let backend: Wasm;
  beforeAll(async () => {
    await loadWasmBackend();
    await tf.setBackend('wasm');
    backend = tf.backend() as Wasm;
  });

  it('names a kernel that is not registered', () => {
    for (const run of [runWasmKernel, runOriginalKernel]) {
      const e = thrown(() => run(backend, 'NoSuchKernel', {}));
      expect(e.kind).toBe('backend');
      expect(e.message).toBe(
        'NoSuchKernel: no kernel NoSuchKernel is registered for the wasm backend',
      );
    }
    const e = thrown(() => cpuFallback('NoSuchKernel')({ inputs: {}, attrs: {}, backend }));
    expect(e.message).toBe(
      'NoSuchKernel: no kernel NoSuchKernel is registered for the wasm backend nor for the cpu backend',
    );
  });

  it('rejects a kernel with several outputs where one is expected, freeing them', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const buffers = backend.numDataIds();
    const scope = new KernelScope(backend);
    const e = thrown(() => scope.run('Unpack', { value: x }, { axis: 0 }));
    expect(e.message).toBe('Unpack: returned 2 outputs where one was expected');
    expect(backend.numDataIds()).toBe(buffers);
    x.dispose();
  });

  it('rejects an Einsum without operands or equation', () => {
    expect(thrown(() => einsum({ inputs: {}, attrs: { equation: '->' }, backend })).message).toBe(
      'Einsum: needs at least one operand',
    );
    const x = tf.ones([2]);
    const e = thrown(() =>
      einsum({ inputs: { 0: x } as tf.NamedTensorInfoMap, attrs: {}, backend }),
    );
    expect(e.message).toBe('Einsum: equation must be a string, got undefined');
    expect(e.argument).toBe('equation');
    x.dispose();
  });

  it('rejects an unknown _FusedMatMul activation before it computes anything', () => {
    const a = tf.ones([2, 2, 3]);
    const b = tf.ones([2, 3, 2]);
    const buffers = backend.numDataIds();
    const e = thrown(() =>
      tf.engine().runKernel('_FusedMatMul', { a, b }, {
        transposeA: false,
        transposeB: false,
        activation: 'swish',
      } as unknown as tf.NamedAttrMap),
    );
    expect(e.message).toBe(
      '_FusedMatMul: activation must be one of linear, relu, relu6, elu, sigmoid, leakyrelu, prelu, got swish',
    );
    expect(backend.numDataIds()).toBe(buffers);
    tf.dispose([a, b]);
  });
});
