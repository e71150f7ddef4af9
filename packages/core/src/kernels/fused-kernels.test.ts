import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { hasKernel } from './fused-kernels.js';

const TEST_KERNEL = 'DlkitTestOnlyKernel';

describe('hasKernel', () => {
  afterEach(() => {
    if (tf.getKernel(TEST_KERNEL, tf.getBackend()) !== undefined) {
      tf.unregisterKernel(TEST_KERNEL, tf.getBackend());
    }
  });

  it('finds kernels tfjs registers on the active backend', () => {
    expect(hasKernel('BatchMatMul')).toBe(true);
  });

  it('is false for a name nobody registered, true once registered, false after', () => {
    expect(hasKernel(TEST_KERNEL)).toBe(false);
    tf.registerKernel({
      kernelName: TEST_KERNEL,
      backendName: tf.getBackend(),
      kernelFunc: ({ inputs }) => inputs['x'] as tf.TensorInfo,
    });
    expect(hasKernel(TEST_KERNEL)).toBe(true);
    tf.unregisterKernel(TEST_KERNEL, tf.getBackend());
    expect(hasKernel(TEST_KERNEL)).toBe(false);
  });
});
