import type * as NodeCrypto from 'node:crypto';
import type * as NodeFs from 'node:fs/promises';
import type * as NodePath from 'node:path';
import { assertOptions, assertString } from '../tensor/arguments.js';
import { describeValue } from '../tensor/describe-value.js';
import { DlkitError } from '../tensor/errors.js';
import { nodeImport } from './node-import.js';

const FN = 'writeFileAtomically';

/**
 * The file operations an atomic write needs, in the order it calls them (Node's `fs/promises`
 * by default; tests pass one that fails at a chosen step to show a crash loses nothing).
 *
 * @category Tensor basics
 */
export interface AtomicIo {
  /** Creates `path` (it must not exist), writes `data` and flushes it to disk. */
  writeSync(path: string, data: string | Uint8Array): Promise<void>;
  /** Renames `from` over `to`, atomically. */
  rename(from: string, to: string): Promise<void>;
  /** Flushes the folder's entries (the rename) to disk, where the file system can. */
  syncDir(dir: string): Promise<void>;
  /** Removes `path` if it exists (the temporary file of a failed write). */
  remove(path: string): Promise<void>;
}

/**
 * Options of {@link writeFileAtomically}.
 *
 * @category Tensor basics
 */
export interface WriteFileAtomicallyOptions {
  /** The argument to name in errors (default `'path'`; e.g. `'options.file'` for a caller's option). */
  argument?: string;
  /** The file operations (default Node's `fs/promises`). */
  io?: AtomicIo;
}

async function nodeIo(): Promise<AtomicIo> {
  const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
  return {
    async writeSync(path, data) {
      const handle = await fs.open(path, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    rename: (from, to) => fs.rename(from, to),
    async syncDir(dir) {
      let handle: NodeFs.FileHandle;
      try {
        handle = await fs.open(dir, 'r');
      } catch {
        return; // Windows cannot open a folder; its renames are durable on their own.
      }
      try {
        await handle.sync();
      } catch {
        // Some file systems cannot fsync a folder; the rename is still atomic there.
      } finally {
        await handle.close();
      }
    },
    remove: (path) => fs.rm(path, { force: true }),
  };
}

/**
 * Replaces the file at `path` with `data` so that a crash at any moment leaves either the old
 * file or the new one, whole: write a temporary file beside it (a name of its own, so concurrent
 * writers never share one), flush it, rename it over `path`, flush the folder. A failed write
 * removes its temporary file and leaves `path` as it was. Node.js only.
 *
 * @param path - The file to write.
 * @param data - Its new contents: text (written as UTF-8) or bytes.
 * @param options - The argument to name in errors, and the file operations.
 * @returns Resolves when the new file is durable.
 *
 * @example
 * ```ts
 * import { mkdtempSync, readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { writeFileAtomically } from '@dlkit/core';
 * const file = join(mkdtempSync(join(tmpdir(), 'dlkit-')), 'notes.txt');
 * await writeFileAtomically(file, 'first');
 * await writeFileAtomically(file, 'second');
 * console.log(readFileSync(file, 'utf8')); // second
 * ```
 *
 * @category Tensor basics
 */
export async function writeFileAtomically(
  path: string,
  data: string | Uint8Array,
  options: WriteFileAtomicallyOptions = {},
): Promise<void> {
  const o = assertOptions(FN, 'options', options, ['argument', 'io']);
  const argument =
    o.argument === undefined ? 'path' : assertString(FN, 'options.argument', o.argument);
  assertString(FN, argument, path);
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new DlkitError(
      'value',
      FN,
      `data must be a string or a Uint8Array, got ${describeValue(data)}`,
      {
        argument: 'data',
      },
    );
  }
  const nodePath = await nodeImport<typeof NodePath>('node:path');
  const crypto = await nodeImport<typeof NodeCrypto>('node:crypto');
  const ops = o.io === undefined ? await nodeIo() : checkIo(o.io);
  const tmp = `${path}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  try {
    await ops.writeSync(tmp, data);
    await ops.rename(tmp, path);
  } catch (cause) {
    await ops.remove(tmp).catch(() => undefined);
    throw ioError(path, argument, cause);
  }
  try {
    await ops.syncDir(nodePath.dirname(nodePath.resolve(path)));
  } catch (cause) {
    throw ioError(path, argument, cause);
  }
}

const IO_OPERATIONS = ['writeSync', 'rename', 'syncDir', 'remove'] as const;

function checkIo(io: unknown): AtomicIo {
  const missing = IO_OPERATIONS.filter(
    (op) => typeof (io as Record<string, unknown> | null)?.[op] !== 'function',
  );
  if (typeof io !== 'object' || io === null || missing.length > 0) {
    throw new DlkitError(
      'value',
      FN,
      `options.io must have the functions ${IO_OPERATIONS.join(', ')}, got ${describeValue(io)}`,
      { argument: 'options.io' },
    );
  }
  return io as AtomicIo;
}

function ioError(path: string, argument: string, cause: unknown): DlkitError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new DlkitError('io', FN, `cannot write ${path}: ${why}`, { argument, cause });
}
