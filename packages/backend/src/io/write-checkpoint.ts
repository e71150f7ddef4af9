// Writes a checkpoint atomically. Imports nothing from tfjs at run time, so that the crash test's
// child process (which is killed mid-save, many times) starts quickly.
import type * as tf from '@tensorflow/tfjs';
import type * as NodeCrypto from 'node:crypto';
import type * as NodeFs from 'node:fs/promises';
import { DlkitError, nodeImport } from '@dlkit/core';
import type { CheckpointPaths } from './paths.js';
import type { CheckpointContent } from './validate-artifacts.js';

/** The steps of a save, in order; a crash between any two leaves a loadable checkpoint. */
export type SaveStep =
  | 'write-weights'
  | 'sync-weights'
  | 'write-json'
  | 'sync-json'
  | 'rename-json'
  | 'sync-dir'
  | 'remove-old-weights';

/** Internal hooks for tests: called before each step of a save (throwing simulates a crash). */
export interface FileSystemHooks {
  beforeStep?: (step: SaveStep) => void;
}

/** tfjs' converter cuts weights into shards of 4 MiB; dlkit's saves do the same by default. */
export const DEFAULT_SHARD_BYTES = 4 * 1024 * 1024;

const FN = 'fileSystem.save';

/** Why a file-system call failed, in words (`it does not exist`, `permission denied`, …). */
export function fsReason(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOSPC') return 'no space left on the device';
  return e instanceof Error ? e.message : String(e);
}

/** Runs an fs call; its errors become a `DlkitError` of kind `io` naming the file. */
async function io<T>(what: string, file: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (typeof (e as { code?: unknown } | null)?.code !== 'string') throw e;
    throw new DlkitError('io', FN, `cannot ${what} ${file}: ${fsReason(e)}`, { cause: e });
  }
}

/**
 * The shards' file names: `<base>.weights.<id>.bin` for one shard, `<base>.weights.<id>.<k>.bin`
 * (k from 1) for several. The save's random `id` keeps them apart from the shards the current
 * checkpoint still needs until the manifest is renamed.
 */
export function shardNames(base: string, id: string, count: number): string[] {
  if (count === 1) return [`${base}.weights.${id}.bin`];
  return Array.from({ length: count }, (_, k) => `${base}.weights.${id}.${k + 1}.bin`);
}

/** `pieces` (consecutive byte ranges) cut into shards of at most `shardBytes` bytes. */
function cut(pieces: Uint8Array[], shardBytes: number): Uint8Array[][] {
  const total = pieces.reduce((s, p) => s + p.byteLength, 0);
  const shards: Uint8Array[][] = [];
  let piece = 0;
  let offset = 0;
  for (let start = 0; start < total || shards.length === 0; start += shardBytes) {
    const shard: Uint8Array[] = [];
    let left = Math.min(shardBytes, total - start);
    while (left > 0) {
      const p = pieces[piece] as Uint8Array;
      const take = Math.min(left, p.byteLength - offset);
      if (take > 0) shard.push(p.subarray(offset, offset + take));
      offset += take;
      left -= take;
      if (offset === p.byteLength) [piece, offset] = [piece + 1, 0];
    }
    shards.push(shard);
  }
  return shards;
}

/**
 * The shard files the manifest at `json` lists (plain names in its folder only: a manifest
 * cannot make a save delete anything elsewhere); none when it is missing or unreadable.
 */
async function listedShards(fs: typeof NodeFs, json: string): Promise<string[]> {
  const own = json.slice(Math.max(json.lastIndexOf('/'), json.lastIndexOf('\\')) + 1);
  let manifest: unknown;
  try {
    manifest = JSON.parse(await fs.readFile(json, 'utf8'));
  } catch {
    return [];
  }
  const groups = (manifest as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(groups)) return [];
  return groups
    .flatMap((g: unknown) => {
      const paths = (g as { paths?: unknown } | null)?.paths;
      return Array.isArray(paths) ? paths : [];
    })
    .filter(
      (p): p is string =>
        typeof p === 'string' && !['', '.', '..', own].includes(p) && !/[/\\]/.test(p),
    );
}

async function writeSynced(
  fs: typeof NodeFs,
  file: string,
  parts: readonly (Uint8Array | string)[],
  beforeSync: () => void,
): Promise<void> {
  const handle = await io('write', file, () => fs.open(file, 'wx'));
  try {
    for (const part of parts) await io('write', file, () => handle.writeFile(part));
    beforeSync();
    await io('flush', file, () => handle.sync());
  } finally {
    await handle.close();
  }
}

/** Flushes the folder's entries (the rename) to disk; a no-op where folders cannot be opened. */
async function syncDir(fs: typeof NodeFs, dir: string): Promise<void> {
  let handle: NodeFs.FileHandle;
  try {
    handle = await fs.open(dir, 'r');
  } catch {
    return; // Windows cannot open a folder; its renames are durable on their own.
  }
  try {
    await handle.sync();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR' && code !== 'EBADF') {
      throw new DlkitError('io', FN, `cannot flush folder ${dir}: ${fsReason(e)}`, { cause: e });
    }
  } finally {
    await handle.close();
  }
}

/**
 * Saves a validated checkpoint: new shards (named after the manifest, with a fresh id) and a
 * temporary manifest are written and flushed, the manifest is renamed over the old one, the
 * folder is flushed, and then exactly the shards the replaced manifest listed (and the new one
 * does not) are removed. A save that fails before the rename removes the files it made.
 */
export async function writeCheckpoint(
  paths: CheckpointPaths,
  content: CheckpointContent,
  shardBytes: number,
  hooks: FileSystemHooks = {},
): Promise<void> {
  const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
  const crypto = await nodeImport<typeof NodeCrypto>('node:crypto');
  const step = (s: SaveStep): void => hooks.beforeStep?.(s);
  const { dir, json, base } = paths;
  await io('create folder', dir, () => fs.mkdir(dir, { recursive: true }));
  const id = crypto.randomBytes(6).toString('hex');
  const shards = cut(content.data, shardBytes);
  const names = shardNames(base, id, shards.length);
  const weightsManifest: tf.io.WeightsManifestConfig = [{ paths: names, weights: content.specs }];
  const tmp = `${json}.${id}.tmp`;
  const made: string[] = [];
  let previous: string[];
  try {
    step('write-weights');
    for (const [k, shard] of shards.entries()) {
      const file = `${dir}/${names[k] as string}`;
      made.push(file);
      await writeSynced(fs, file, shard, () => step('sync-weights'));
    }
    step('write-json');
    made.push(tmp);
    const text = JSON.stringify({ ...content.manifest, weightsManifest });
    await writeSynced(fs, tmp, [text], () => step('sync-json'));
    previous = await listedShards(fs, json);
    step('rename-json');
    await io('replace', json, () => fs.rename(tmp, json));
  } catch (e) {
    await Promise.all(made.map((f) => fs.rm(f, { force: true }).catch(() => undefined)));
    throw e;
  }
  step('sync-dir');
  await syncDir(fs, dir);
  step('remove-old-weights');
  for (const name of previous) {
    if (!names.includes(name)) {
      await io('remove old weights', `${dir}/${name}`, () =>
        fs.rm(`${dir}/${name}`, { force: true }),
      );
    }
  }
}
