import { DlkitError, nodeImport } from '@dlkit/core';
import type * as NodeModule from 'node:module';
import type * as NodePath from 'node:path';
import type * as NodeFs from 'node:fs/promises';
import type * as NodeUrl from 'node:url';

/** Where an optional package is installed and which version it is. */
export interface ResolvedPackage {
  /** The package's folder, ending without a slash. */
  dir: string;
  /** `name@version`, for `info.source`. */
  source: string;
}

/**
 * Finds an installed package through Node's resolver (`createRequire(import.meta.url).resolve`),
 * never a hard-coded path. Node-only modules are imported lazily so the package's barrel stays
 * usable in browsers.
 *
 * @throws DlkitError `dependency` naming the package to install when it is missing.
 */
export async function resolvePackage(
  fn: string,
  pkg: string,
  feature: string,
): Promise<ResolvedPackage> {
  const { createRequire } = await nodeImport<typeof NodeModule>('node:module');
  const { dirname } = await nodeImport<typeof NodePath>('node:path');
  const { readFile } = await nodeImport<typeof NodeFs>('node:fs/promises');
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch (cause) {
    throw new DlkitError(
      'dependency',
      fn,
      `${feature} needs the optional package ${pkg}, which is not installed; run \`npm install ${pkg}\``,
      { cause },
    );
  }
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version?: string };
  return { dir: dirname(manifest), source: `${pkg}@${version ?? 'unknown'}` };
}

/**
 * Reads a file, turning a missing or unreadable file into a `DlkitError` of kind `io` that names it.
 */
export async function readBytes(fn: string, file: string): Promise<Uint8Array> {
  const { readFile } = await nodeImport<typeof NodeFs>('node:fs/promises');
  try {
    const buf = await readFile(file);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (cause) {
    throw new DlkitError('io', fn, `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Reads several files at once. When some cannot be read, the error is the one of the first such
 * file in `files`' order, not of whichever read failed first, so the message never depends on timing.
 */
export async function readAllBytes(fn: string, files: readonly string[]): Promise<Uint8Array[]> {
  const settled = await Promise.allSettled(files.map((file) => readBytes(fn, file)));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<Uint8Array>).value);
}

/** Reads a UTF-8 text file; errors as {@link readBytes}. */
export async function readText(fn: string, file: string): Promise<string> {
  return new TextDecoder('utf-8').decode(await readBytes(fn, file));
}

/** The path of a file shipped in this package's `data/` folder (works from `src/` and `dist/`). */
export async function packageDataFile(name: string): Promise<string> {
  const { fileURLToPath } = await nodeImport<typeof NodeUrl>('node:url');
  return fileURLToPath(new URL(`../../data/${name}`, import.meta.url));
}
