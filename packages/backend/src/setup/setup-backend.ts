import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertOptions } from '@dlkit/core';
import { registerFileSystemRouter } from '../io/file-system.js';
import { loadWasmBackend } from '../wasm/load-wasm.js';

/**
 * The tfjs backends dlkit knows how to choose between, fastest first.
 *
 * @category Backends
 */
export type BackendName = 'tensorflow' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Options for {@link setupBackend}. */
export interface SetupBackendOptions {
  /**
   * Use exactly this backend instead of choosing; fails with a `DlkitError` of kind `backend` when
   * it cannot start. The environment variable `DLKIT_BACKEND` does the same when this is absent.
   */
  backend?: BackendName;
}

const ALL: readonly BackendName[] = ['tensorflow', 'webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * The order {@link setupBackend} tries backends in, on this platform: in Node the native
 * `tensorflow` backend (only when `@tensorflow/tfjs-node` was imported), then `wasm` with dlkit's
 * training kernels, then `cpu`; in a browser `webgpu`, `webgl`, `wasm`, then `cpu`. Backends
 * other than `wasm` (which dlkit ships) count only when their package is loaded.
 *
 * @returns The available candidates, fastest first.
 *
 * @example
 * ```ts
 * import { backendCandidates } from '@dlkit/backend';
 * console.log(backendCandidates()); // in Node without tfjs-node: ['wasm', 'cpu']
 * ```
 *
 * @category Backends
 */
export function backendCandidates(): BackendName[] {
  const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
  const order: BackendName[] = isNode
    ? ['tensorflow', 'wasm', 'cpu']
    : ['webgpu', 'webgl', 'wasm', 'cpu'];
  return order.filter((name) => name === 'wasm' || tf.findBackendFactory(name) !== null);
}

/**
 * Picks and starts the fastest tfjs backend that can train here, makes it the current backend,
 * and returns its name. Call it once before any tensor is made. In Node it also registers the
 * `file://` handler of {@link registerFileSystemRouter}.
 *
 * @param options - A forced choice; by default the first of {@link backendCandidates} that starts.
 * @returns The name of the backend now in use.
 *
 * @example
 * ```ts
 * import { setupBackend } from '@dlkit/backend';
 * const name = await setupBackend();
 * console.log(`training on ${name}`);
 * ```
 *
 * @category Backends
 */
export async function setupBackend(options: SetupBackendOptions = {}): Promise<BackendName> {
  assertOptions('setupBackend', 'options', options, ['backend']);
  registerFileSystemRouter();
  const env = typeof process !== 'undefined' ? process.env?.['DLKIT_BACKEND'] : undefined;
  const forced =
    options.backend ?? (env === undefined || env === '' || env === 'fast' ? undefined : env);
  if (forced !== undefined) {
    const source = options.backend !== undefined ? 'options.backend' : 'DLKIT_BACKEND';
    if (!ALL.includes(forced as BackendName)) {
      throw new DlkitError(
        'value',
        'setupBackend',
        `${source} must be one of ${ALL.join(', ')}, got ${forced}`,
        {
          argument: source,
        },
      );
    }
    if (!(await start(forced as BackendName))) {
      throw new DlkitError(
        'backend',
        'setupBackend',
        `${source} asks for the ${forced} backend, which cannot start here` +
          (tf.findBackendFactory(forced) === null ? ' (its tfjs package is not loaded)' : ''),
        { argument: source },
      );
    }
    return forced as BackendName;
  }
  for (const name of backendCandidates()) {
    if (await start(name)) return name;
  }
  throw new DlkitError('backend', 'setupBackend', 'no tfjs backend could start');
}

async function start(name: BackendName): Promise<boolean> {
  if (name === 'wasm') {
    try {
      await loadWasmBackend();
    } catch {
      return false;
    }
  }
  if (tf.findBackendFactory(name) === null) return false;
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}
