import type * as NodeFs from 'node:fs/promises';
import { DlkitError, nodeImport } from '@dlkit/core';

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
