import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { expectNoLeaks } from '@dlkit/test-harness';
import { backendCandidates, setupBackend } from './setup-backend.js';

describe('setupBackend', () => {
  const saved = process.env['DLKIT_BACKEND'];
  afterEach(() => {
    if (saved === undefined) delete process.env['DLKIT_BACKEND'];
    else process.env['DLKIT_BACKEND'] = saved;
  });

  it('chooses the first candidate that starts and makes it current', async () => {
    delete process.env['DLKIT_BACKEND'];
    const name = await setupBackend();
    expect(name).toBe(backendCandidates()[0]);
    expect(tf.getBackend()).toBe(name);
  });

  it('lists wasm before cpu in Node, and other backends only when registered', () => {
    const candidates = backendCandidates();
    expect(candidates.slice(-2)).toEqual(['wasm', 'cpu']);
    for (const name of candidates.filter((n) => n !== 'wasm'))
      expect(tf.findBackendFactory(name)).not.toBeNull();
    // tfjs-node is not installed here, so the native backend is not a candidate.
    expect(candidates).not.toContain('tensorflow');
  });

  it('starts wasm with dlkit training kernels by default in Node without tfjs-node', async () => {
    delete process.env['DLKIT_BACKEND'];
    expect(await setupBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
    // ...and serves file:// URLs for model.save / tf.loadLayersModel.
    expect(tf.io.getSaveHandlers('file:///tmp/dlkit-model')).toHaveLength(1);
    expect(tf.io.getLoadHandlers('file:///tmp/dlkit-model/model.json')).toHaveLength(1);
    process.env['DLKIT_BACKEND'] = 'wasm';
    expect(await setupBackend({ backend: 'cpu' })).toBe('cpu');
    expect(await setupBackend()).toBe('wasm');
    await setupBackend({ backend: 'cpu' });
  });

  it('honours a forced choice from the options and from DLKIT_BACKEND', async () => {
    expect(await setupBackend({ backend: 'cpu' })).toBe('cpu');
    process.env['DLKIT_BACKEND'] = 'cpu';
    expect(await setupBackend()).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('fails clearly when a forced backend cannot start or is unknown', async () => {
    await expect(setupBackend({ backend: 'webgl' })).rejects.toThrow(
      'setupBackend: options.backend asks for the webgl backend, which cannot start here',
    );
    await expect(setupBackend({ backend: 'tensorflow' })).rejects.toThrow(
      'setupBackend: options.backend asks for the tensorflow backend, which cannot start here (its tfjs package is not loaded)',
    );
    process.env['DLKIT_BACKEND'] = 'tpu';
    const error = await setupBackend().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DlkitError);
    expect((error as DlkitError).kind).toBe('value');
    expect((error as DlkitError).message).toBe(
      'setupBackend: DLKIT_BACKEND must be one of tensorflow, webgpu, webgl, wasm, cpu, got tpu',
    );
    await setupBackend({ backend: 'cpu' });
  });

  it('makes no tensors', async () => {
    expect(await expectNoLeaks(() => setupBackend({ backend: 'cpu' }))).toBe(0);
  });
});
