import * as tf from '@tensorflow/tfjs';
import { assertNumber, DlkitError } from '@dlkit/core';
import { describeValue } from './describe-value.js';
import { checkpointPaths } from './paths.js';
import { readCheckpoint } from './read-checkpoint.js';
import { validateArtifacts } from './validate-artifacts.js';
import { DEFAULT_SHARD_BYTES, writeCheckpoint, type FileSystemHooks } from './write-checkpoint.js';

export type { FileSystemHooks, SaveStep } from './write-checkpoint.js';

/**
 * Options of {@link fileSystem}.
 *
 * @category Backends
 */
export interface FileSystemOptions {
  /**
   * Largest weights file a save writes, in bytes; larger weights go to several shards
   * (default 4 MiB, tfjs' converter's shard size). An integer from 1 to 2^31 - 1.
   */
  shardBytes?: number;
}

const SCHEME = 'file://';

/**
 * The IOHandler {@link fileSystem} returns: tfjs' `IOHandler` with both `save` and `load`.
 *
 * @category Backends
 */
export type FileSystemHandler = tf.io.IOHandler & Required<Pick<tf.io.IOHandler, 'save' | 'load'>>;

function checkedShardBytes(options: unknown): number {
  if (options === undefined) return DEFAULT_SHARD_BYTES;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new DlkitError(
      'value',
      'fileSystem',
      `options must be an object, got ${describeValue(options)}`,
      { argument: 'options' },
    );
  }
  const { shardBytes, ...rest } = options as FileSystemOptions;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) {
    throw new DlkitError('value', 'fileSystem', `options.${unknown} is not an option`, {
      argument: `options.${unknown}`,
    });
  }
  if (shardBytes === undefined) return DEFAULT_SHARD_BYTES;
  return assertNumber('fileSystem', 'options.shardBytes', shardBytes, {
    min: 1,
    max: 2 ** 31 - 1,
    integer: true,
  });
}

/**
 * A tfjs `IOHandler` that saves a model to, and loads it from, a folder in Node's file
 * system, in the format of `@tensorflow/tfjs-node` (a `model.json` manifest plus binary weights
 * files), so `model.save` and `tf.loadLayersModel` work without native TensorFlow.
 *
 * Saves are atomic and touch only their own files: the model is checked first (a bad one is a
 * `DlkitError` and the folder stays as it was); the weights go to new shards named after the
 * manifest (`model.weights.<id>.bin`, or `.<id>.1.bin`, `.<id>.2.bin`, … above
 * `shardBytes`), the manifest to a temporary file renamed over the old one, and only then are
 * the shards the old manifest listed removed. A process killed at any point leaves the previous
 * (or the new) checkpoint loadable, and several models can share a folder. A missing or corrupt
 * file is a `DlkitError` of kind `io` naming the file.
 *
 * @param path - A folder (the model goes to `path/model.json`) or a `.json` file path, with or
 *   without the `file://` prefix.
 * @param options - The shard size.
 * @returns The handler, for `model.save(handler)` and `tf.loadLayersModel(handler)`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { fileSystem } from '@dlkit/backend';
 * const dir = join(mkdtempSync(join(tmpdir(), 'dlkit-')), 'model');
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * await model.save(fileSystem(dir));
 * const loaded = await tf.loadLayersModel(fileSystem(dir));
 * console.log(loaded.layers.length); // 1
 * model.dispose();
 * loaded.dispose();
 * ```
 *
 * @category Backends
 */
export function fileSystem(path: string, options?: FileSystemOptions): FileSystemHandler {
  return fileSystemWithHooks(path, {}, options);
}

/** {@link fileSystem} with test hooks (not part of the public API). */
export function fileSystemWithHooks(
  path: string,
  hooks: FileSystemHooks,
  options?: FileSystemOptions,
): FileSystemHandler {
  const paths = checkpointPaths('fileSystem', path);
  const shardBytes = checkedShardBytes(options);
  return {
    save: async (modelArtifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      const content = validateArtifacts('fileSystem.save', modelArtifacts);
      await writeCheckpoint(paths, content, shardBytes, hooks);
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(modelArtifacts) };
    },
    load: () => readCheckpoint(paths),
  };
}

let routerRegistered = false;

/**
 * Registers {@link fileSystem} as tfjs' handler for `file://` URLs, so `model.save('file://dir')`
 * and `tf.loadLayersModel('file://dir/model.json')` work in Node. Does nothing when another
 * handler (such as `@tensorflow/tfjs-node`'s) already serves `file://`, or outside Node.
 * {@link setupBackend} calls it.
 *
 * @returns Whether dlkit's handler now serves `file://` URLs.
 *
 * @example
 * ```ts
 * import { registerFileSystemRouter } from '@dlkit/backend';
 * console.log(registerFileSystemRouter()); // true in Node
 * ```
 *
 * @category Backends
 */
export function registerFileSystemRouter(): boolean {
  if (routerRegistered) return true;
  const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
  if (!isNode) return false;
  if (tf.io.getSaveHandlers(`${SCHEME}probe`).length > 0) return false;
  const router = (url: string | string[]): tf.io.IOHandler | null => {
    if (Array.isArray(url)) return url.length === 1 ? router(url[0] as string) : null;
    return typeof url === 'string' && url.startsWith(SCHEME) ? fileSystem(url) : null;
  };
  const ioRouter = router as Parameters<typeof tf.io.registerSaveRouter>[0];
  tf.io.registerSaveRouter(ioRouter);
  tf.io.registerLoadRouter(ioRouter);
  routerRegistered = true;
  return true;
}
