import type * as NodeModule from 'node:module';
import type * as NodePath from 'node:path';
import { nodeImport } from '@dlkit/core';
import { registerWasmTrainingKernels } from './register-kernels.js';

let loading: Promise<void> | null = null;

const isNode = (): boolean =>
  typeof process !== 'undefined' && process.versions?.node !== undefined;

/**
 * Loads `@tensorflow/tfjs-backend-wasm` (registering the `wasm` backend), points it at the
 * `.wasm` binaries inside its npm package when running in Node (no network), and registers
 * dlkit's training kernels. Safe to call many times.
 *
 * @returns Resolves once the `wasm` backend can be selected with `tf.setBackend('wasm')`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { loadWasmBackend } from '@dlkit/backend';
 * await loadWasmBackend();
 * console.log(tf.findBackendFactory('wasm') !== null); // true
 * ```
 *
 * @category Backends
 */
export function loadWasmBackend(): Promise<void> {
  loading ??= (async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (isNode()) {
      const { createRequire } = await nodeImport<typeof NodeModule>('node:module');
      const { dirname, join } = await nodeImport<typeof NodePath>('node:path');
      const require = createRequire(import.meta.url);
      const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
      wasm.setWasmPaths(join(dirname(pkg), 'dist') + '/');
    }
    registerWasmTrainingKernels();
  })();
  return loading;
}
