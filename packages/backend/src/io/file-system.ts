import * as tf from '@tensorflow/tfjs';
import type * as NodeFs from 'node:fs/promises';
import { DlkitError, nodeImport } from '@dlkit/core';

/** The steps of a save, in order; a crash between any two leaves a loadable checkpoint. */
export type SaveStep =
  | 'write-weights'
  | 'sync-weights'
  | 'write-json'
  | 'sync-json'
  | 'rename-json'
  | 'remove-old-weights';

/** Internal hooks for tests: called before each step of a save (throwing simulates a crash). */
export interface FileSystemHooks {
  beforeStep?: (step: SaveStep) => void;
}

const SCHEME = 'file://';

function paths(target: string): { dir: string; json: string } {
  const p = target.startsWith(SCHEME) ? target.slice(SCHEME.length) : target;
  if (p.endsWith('.json')) {
    const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    return { dir: cut < 0 ? '.' : p.slice(0, cut) || '/', json: p };
  }
  const dir = p.replace(/[/\\]+$/, '') || '/';
  return { dir, json: `${dir}/model.json` };
}

function ioError(fn: string, detail: string, cause?: unknown): DlkitError {
  return new DlkitError('io', fn, detail, cause === undefined ? {} : { cause });
}

function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return e instanceof Error ? e.message : String(e);
}

function weightBuffers(data: tf.io.WeightData | undefined): ArrayBuffer[] {
  if (data === undefined) return [];
  return Array.isArray(data) ? data : [data];
}

/**
 * A tfjs `IOHandler` that saves a model to, and loads it from, a directory in Node's file
 * system, in the format of `@tensorflow/tfjs-node` (`model.json` plus a binary weights file), so
 * `model.save` and `tf.loadLayersModel` work without native TensorFlow.
 *
 * Saves are atomic: the weights go to a new file, `model.json` is written to a temporary file
 * and renamed over the old one, and only then are the old weights removed, so a process killed
 * at any point leaves the previous (or the new) checkpoint loadable. A missing or corrupt file
 * is a `DlkitError` of kind `io` naming the file.
 *
 * @param path - A directory (the model goes to `path/model.json`) or a `.json` file path, with
 *   or without the `file://` prefix.
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
export function fileSystem(path: string): tf.io.IOHandler {
  return fileSystemWithHooks(path, {});
}

/** {@link fileSystem} with test hooks (not part of the public API). */
export function fileSystemWithHooks(path: string, hooks: FileSystemHooks): tf.io.IOHandler {
  const { dir, json } = paths(path);
  return {
    save: async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
      const step = (s: SaveStep): void => hooks.beforeStep?.(s);
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw ioError('fileSystem.save', 'cannot save a binary model topology; use a layers model');
      }
      await fs.mkdir(dir, { recursive: true });
      const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const weightsName = `weights.${stamp}.bin`;
      const weightsPath = `${dir}/${weightsName}`;
      const buffers = weightBuffers(artifacts.weightData);
      step('write-weights');
      const wf = await fs.open(weightsPath, 'w');
      try {
        for (const b of buffers) await wf.write(new Uint8Array(b));
        step('sync-weights');
        await wf.sync();
      } finally {
        await wf.close();
      }
      const modelJSON: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [weightsName], weights: artifacts.weightSpecs ?? [] }],
      };
      if (artifacts.trainingConfig !== undefined)
        modelJSON.trainingConfig = artifacts.trainingConfig;
      if (artifacts.signature !== undefined) modelJSON.signature = artifacts.signature;
      if (artifacts.userDefinedMetadata !== undefined)
        modelJSON.userDefinedMetadata = artifacts.userDefinedMetadata;
      if (artifacts.modelInitializer !== undefined)
        modelJSON.modelInitializer = artifacts.modelInitializer;
      const tmp = `${json}.${stamp}.tmp`;
      step('write-json');
      const jf = await fs.open(tmp, 'w');
      try {
        await jf.writeFile(JSON.stringify(modelJSON));
        step('sync-json');
        await jf.sync();
      } finally {
        await jf.close();
      }
      step('rename-json');
      await fs.rename(tmp, json);
      step('remove-old-weights');
      const jsonBase = json.slice(dir.length + 1);
      for (const name of await fs.readdir(dir)) {
        const stale =
          (name.startsWith('weights.') && name.endsWith('.bin') && name !== weightsName) ||
          (name.startsWith(`${jsonBase}.`) && name.endsWith('.tmp'));
        if (stale) await fs.rm(`${dir}/${name}`, { force: true });
      }
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    load: async (): Promise<tf.io.ModelArtifacts> => {
      const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
      let text: string;
      try {
        text = await fs.readFile(json, 'utf8');
      } catch (e) {
        throw ioError('fileSystem.load', `cannot read ${json}: ${reason(e)}`, e);
      }
      let modelJSON: tf.io.ModelJSON;
      try {
        modelJSON = JSON.parse(text) as tf.io.ModelJSON;
      } catch (e) {
        throw ioError('fileSystem.load', `${json} is not valid JSON (corrupt or truncated)`, e);
      }
      if (typeof modelJSON !== 'object' || modelJSON === null || modelJSON.modelTopology == null) {
        throw ioError('fileSystem.load', `${json} has no modelTopology: not a tfjs model.json`);
      }
      return tf.io.getModelArtifactsForJSON(modelJSON, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const rel of group.paths) {
            const file = `${dir}/${rel}`;
            let bytes: Uint8Array;
            try {
              bytes = await fs.readFile(file);
            } catch (e) {
              throw ioError('fileSystem.load', `cannot read weights file ${file}: ${reason(e)}`, e);
            }
            buffers.push(
              bytes.buffer.slice(
                bytes.byteOffset,
                bytes.byteOffset + bytes.byteLength,
              ) as ArrayBuffer,
            );
          }
        }
        const need = specs.reduce((sum, s) => {
          const size = s.shape.reduce((p, v) => p * v, 1);
          const bytesPer = s.quantization
            ? s.quantization.dtype === 'uint8'
              ? 1
              : 2
            : s.dtype === 'bool'
              ? 1
              : 4;
          return sum + size * bytesPer;
        }, 0);
        const have = buffers.reduce((sum, b) => sum + b.byteLength, 0);
        if (have !== need) {
          const files = manifest.flatMap((g) => g.paths.map((p) => `${dir}/${p}`)).join(', ');
          throw ioError(
            'fileSystem.load',
            `weights file ${files} has ${have} bytes but ${json} describes ${need} (corrupt or truncated)`,
          );
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
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
    return url.startsWith(SCHEME) ? fileSystem(url) : null;
  };
  const ioRouter = router as Parameters<typeof tf.io.registerSaveRouter>[0];
  tf.io.registerSaveRouter(ioRouter);
  tf.io.registerLoadRouter(ioRouter);
  routerRegistered = true;
  return true;
}
