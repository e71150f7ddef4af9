import type * as NodeFs from 'node:fs/promises';
import type * as NodePath from 'node:path';
import { DlkitError, nodeImport } from '@dlkit/core';

/**
 * The file operations an atomic write needs, in the order it calls them (Node's `fs/promises`
 * by default; tests pass one that fails at a chosen step to show a crash loses nothing).
 */
export interface AtomicIo {
  writeSync(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  syncDir(dir: string): Promise<void>;
}

async function nodeIo(): Promise<AtomicIo> {
  const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
  return {
    async writeSync(path, text) {
      const handle = await fs.open(path, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    rename: (from, to) => fs.rename(from, to),
    async syncDir(dir) {
      const handle = await fs.open(dir, 'r');
      try {
        await handle.sync();
      } catch {
        // Some file systems cannot fsync a directory; the rename is still atomic there.
      } finally {
        await handle.close();
      }
    },
  };
}

/**
 * Replaces `file` with `text` so that a crash at any moment leaves either the old file or the new
 * one, whole: write `<file>.tmp`, fsync it, rename it over `file`, fsync the folder.
 */
export async function writeFileAtomically(
  fn: string,
  file: string,
  text: string,
  io?: AtomicIo,
): Promise<void> {
  const path = await nodeImport<typeof NodePath>('node:path');
  const ops = io ?? (await nodeIo());
  const tmp = `${file}.tmp`;
  try {
    await ops.writeSync(tmp, text);
    await ops.rename(tmp, file);
    await ops.syncDir(path.dirname(path.resolve(file)));
  } catch (cause) {
    throw new DlkitError('io', fn, `cannot write ${file}: ${(cause as Error).message}`, {
      argument: 'options.file',
      cause,
    });
  }
}

/** The text of `file`, or undefined when it does not exist. */
export async function readFileIfAny(fn: string, file: string): Promise<string | undefined> {
  const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
  try {
    return await fs.readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DlkitError('io', fn, `cannot read ${file}: ${(cause as Error).message}`, {
      argument: 'options.file',
      cause,
    });
  }
}
