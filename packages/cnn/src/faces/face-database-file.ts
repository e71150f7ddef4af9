import type * as NodeFs from 'node:fs/promises';
import {
  asCaller,
  asCallerAsync,
  assertString,
  nodeImport,
  writeFileAtomically,
} from '@dlkit/core';
import { ioError } from '../images/image-files.js';
import { faceDatabaseToJson, parseFaceDatabase, type FaceDatabase } from './face-database.js';

/**
 * Saves a face database as JSON, atomically: the text goes to a temporary file in the same
 * folder, which is then renamed over `path`, so a reader never sees half a database and a failed
 * save leaves the old file whole. Node only.
 *
 * @param path - The file to write (usually `….json`).
 * @param database - Name → encoding (see `buildFaceDatabase`).
 * @returns Once the file is in place.
 *
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { saveFaceDatabase, loadFaceDatabase } from '@dlkit/cnn/images';
 * const path = join(mkdtempSync(join(tmpdir(), 'faces-')), 'database.json');
 * await saveFaceDatabase(path, { kian: [0.6, 0.8] });
 * console.log(await loadFaceDatabase(path)); // { kian: [0.6, 0.8] }
 * ```
 *
 * @category C4 W4 · Face recognition
 */
export async function saveFaceDatabase(path: string, database: FaceDatabase): Promise<void> {
  const fn = 'saveFaceDatabase';
  assertString(fn, 'path', path);
  const text = asCaller(fn, () => faceDatabaseToJson(database));
  await asCallerAsync(fn, () => writeFileAtomically(path, text));
}

/**
 * Loads a face database that {@link saveFaceDatabase} wrote. A missing, unreadable or malformed
 * file is a `DlkitError` of kind `io` naming the path. Node only.
 *
 * @param path - The file to read.
 * @returns The database.
 *
 * @example
 * ```ts
 * import { loadFaceDatabase } from '@dlkit/cnn/images';
 * try {
 *   await loadFaceDatabase('/no/such/database.json');
 * } catch (e) {
 *   console.log((e as Error).message); // loadFaceDatabase: cannot read /no/such/database.json (ENOENT)
 * }
 * ```
 *
 * @category C4 W4 · Face recognition
 */
export async function loadFaceDatabase(path: string): Promise<FaceDatabase> {
  const fn = 'loadFaceDatabase';
  assertString(fn, 'path', path);
  const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    throw ioError(fn, 'path', `cannot read ${path}`, e);
  }
  return parseFaceDatabase(fn, 'path', text);
}
