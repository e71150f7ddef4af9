import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { setupBackend } from '@dlkit/backend';
import { DlkitError } from '@dlkit/core';

/** A backend the demos can run on, fastest first. */
export type DemoBackendName = 'webgl' | 'wasm' | 'cpu';

/** Options for {@link setupDemoBackend}. */
export interface SetupDemoBackendOptions {
  /**
   * Where the page serves `@tensorflow/tfjs-backend-wasm`'s `.wasm` files (a URL prefix ending in
   * `/`). Needed in a browser for the wasm fallback; in Node dlkit finds them in the npm package.
   */
  wasmPath?: string;
  /** The backends to try, in order. Default `['webgl', 'wasm', 'cpu']`. */
  backends?: readonly DemoBackendName[];
}

const ORDER: readonly DemoBackendName[] = ['webgl', 'wasm', 'cpu'];

/**
 * Starts the fastest tfjs backend the demos can train on here: WebGL, then wasm with dlkit's
 * training kernels, then cpu, each started by `@dlkit/backend`'s `setupBackend`.
 *
 * @param options - Where the `.wasm` files are served, and the order to try.
 * @returns The name of the backend now in use.
 * @throws DlkitError `backend` when none of them starts.
 *
 * @example
 * ```ts
 * import { setupDemoBackend } from '@dlkit/demos';
 * const name = await setupDemoBackend({ backends: ['cpu'] });
 * console.log(name); // cpu
 * ```
 *
 * @category Demos
 */
export async function setupDemoBackend(options: SetupDemoBackendOptions = {}): Promise<string> {
  const fn = 'setupDemoBackend';
  const { wasmPath, backends = ORDER } = checkOptions(fn, options);
  if (wasmPath !== undefined) setWasmPaths(wasmPath);
  for (const backend of backends) {
    try {
      return await setupBackend({ backend });
    } catch (e) {
      if (!(e instanceof DlkitError)) throw e;
    }
  }
  throw new DlkitError('backend', fn, `none of ${backends.join(', ')} could start`);
}

function checkOptions(fn: string, options: unknown): SetupDemoBackendOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new DlkitError('value', fn, `options must be an object, got ${describe(options)}`, {
      argument: 'options',
    });
  }
  const { wasmPath, backends } = options as SetupDemoBackendOptions;
  if (wasmPath !== undefined && typeof wasmPath !== 'string') {
    throw new DlkitError(
      'value',
      fn,
      `options.wasmPath must be a string, got ${describe(wasmPath)}`,
      {
        argument: 'options.wasmPath',
      },
    );
  }
  if (
    backends !== undefined &&
    (!Array.isArray(backends) ||
      backends.length === 0 ||
      !backends.every((b) => ORDER.includes(b as DemoBackendName)))
  ) {
    throw new DlkitError(
      'value',
      fn,
      `options.backends must be a non-empty list of ${ORDER.join(', ')}, got ${describe(backends)}`,
      { argument: 'options.backends' },
    );
  }
  return options as SetupDemoBackendOptions;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(String).join(', ')}]`;
  return value === null ? 'null' : `${typeof value} ${String(value)}`;
}
