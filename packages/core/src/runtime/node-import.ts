import { describeValue } from '../tensor/describe-value.js';
import { DlkitError } from '../tensor/errors.js';
/**
 * Imports a Node.js built-in module at run time, out of sight of bundlers. The specifier reaches
 * `import()` as a variable, so esbuild, Vite and webpack leave the import alone and a browser
 * bundle of a package that uses it still builds; code paths that need Node (files, the wasm
 * binaries' location) call it only when they run in Node.
 *
 * @param specifier - A `node:` module name, e.g. `'node:fs/promises'`.
 * @returns The module namespace (type it with `import type * as fs from 'node:fs/promises'`).
 *
 * @example
 * ```ts
 * import type * as NodePath from 'node:path';
 * import { nodeImport } from '@dlkit/core';
 * const path = await nodeImport<typeof NodePath>('node:path');
 * console.log(path.join('a', 'b')); // a/b
 * ```
 *
 * @category Tensor basics
 */
export async function nodeImport<T>(specifier: `node:${string}`): Promise<T> {
  if (typeof specifier !== 'string' || !/^node:[a-z_/]+$/.test(specifier)) {
    throw new DlkitError(
      'value',
      'nodeImport',
      `specifier must name a Node built-in such as 'node:fs', got ${describeValue(specifier)}`,
      {
        argument: 'specifier',
      },
    );
  }
  try {
    return (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as T;
  } catch (e) {
    throw new DlkitError(
      'dependency',
      'nodeImport',
      `${specifier} cannot be imported here (not Node.js?)`,
      {
        argument: 'specifier',
        cause: e,
      },
    );
  }
}
