import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { setupDemoBackend } from './setup-demo-backend.js';

describe('setupDemoBackend', () => {
  it('starts the first backend of the list that starts here (webgl does not in Node)', async () => {
    expect(await setupDemoBackend({ backends: ['webgl', 'cpu'] })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('says which backends it tried when none starts', async () => {
    await expect(setupDemoBackend({ backends: ['webgl'] })).rejects.toThrow(
      'setupDemoBackend: none of webgl could start',
    );
    expect(tf.getBackend()).toBe('cpu');
  });

  it('rejects bad options with a DlkitError naming the option', async () => {
    await expect(setupDemoBackend({ backends: ['tensorflow' as 'cpu'] })).rejects.toThrow(
      'setupDemoBackend: options.backends must be a non-empty list of webgl, wasm, cpu, got [tensorflow]',
    );
    await expect(setupDemoBackend({ wasmPath: 3 as unknown as string })).rejects.toThrow(
      'setupDemoBackend: options.wasmPath must be a string, got number 3',
    );
    await expect(setupDemoBackend(null as unknown as object)).rejects.toThrow(
      'setupDemoBackend: options must be an object, got null',
    );
  });
});
