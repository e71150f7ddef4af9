import { DlkitError } from '@dlkit/core';
import { describeValue } from './describe-value.js';

/** Where a checkpoint lives: its folder, its manifest and the manifest's name without `.json`. */
export interface CheckpointPaths {
  /** The folder holding the manifest and its weight shards. */
  dir: string;
  /** The manifest (`model.json` unless the path names another `.json` file). */
  json: string;
  /** The manifest's file name without `.json`: the prefix of its shards' names. */
  base: string;
}

const SCHEME = 'file://';

/**
 * Splits `fileSystem`'s `path` (a folder, or a `.json` file, with or without `file://`) into
 * the checkpoint's folder, manifest and shard prefix.
 */
export function checkpointPaths(fn: string, path: unknown): CheckpointPaths {
  const bad = (why: string): never => {
    throw new DlkitError('value', fn, `path must be ${why}, got ${describeValue(path)}`, {
      argument: 'path',
    });
  };
  if (typeof path !== 'string') return bad('a folder or a .json file path (a string)');
  const p = path.startsWith(SCHEME) ? path.slice(SCHEME.length) : path;
  if (p.trim() === '' || p.includes('\0')) return bad('a non-empty path without NUL characters');
  if (p.endsWith('.json')) {
    const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    const name = p.slice(cut + 1);
    if (name === '.json') return bad('a folder or a .json file with a name before .json');
    return { dir: cut < 0 ? '.' : p.slice(0, cut) || '/', json: p, base: name.slice(0, -5) };
  }
  const dir = p.replace(/[/\\]+$/, '') || '/';
  return { dir, json: `${dir === '/' ? '' : dir}/model.json`, base: 'model' };
}
