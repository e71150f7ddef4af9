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

  it('lists only registered backends, with cpu last in Node', () => {
    const candidates = backendCandidates();
    expect(candidates.at(-1)).toBe('cpu');
    for (const name of candidates) expect(tf.findBackendFactory(name)).not.toBeNull();
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
