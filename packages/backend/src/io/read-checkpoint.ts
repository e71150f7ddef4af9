import * as tf from '@tensorflow/tfjs';
import type * as NodeFs from 'node:fs/promises';
import { DlkitError, nodeImport } from '@dlkit/core';
import { describeValue } from './describe-value.js';
import type { CheckpointPaths } from './paths.js';
import { weightSpecBytes } from './weight-specs.js';
import { fsReason } from './write-checkpoint.js';

const FN = 'fileSystem.load';

const ioError = (detail: string, cause?: unknown): DlkitError =>
  new DlkitError('io', FN, detail, cause === undefined ? {} : { cause });

async function readManifest(fs: typeof NodeFs, json: string): Promise<tf.io.ModelJSON> {
  let text: string;
  try {
    text = await fs.readFile(json, 'utf8');
  } catch (e) {
    throw ioError(`cannot read ${json}: ${fsReason(e)}`, e);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (e) {
    throw ioError(`${json} is not valid JSON (corrupt or truncated)`, e);
  }
  const m = manifest as Partial<tf.io.ModelJSON> | null;
  if (typeof m !== 'object' || m === null || m.modelTopology == null) {
    throw ioError(`${json} has no modelTopology: not a tfjs model.json`);
  }
  const groups = m.weightsManifest as unknown;
  if (groups !== undefined && !Array.isArray(groups)) {
    throw ioError(`${json}: weightsManifest must be an array, got ${describeValue(groups)}`);
  }
  ((groups ?? []) as unknown[]).forEach((g, i) => {
    const paths = (g as { paths?: unknown } | null)?.paths;
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && p !== '')) {
      throw ioError(`${json}: weightsManifest[${i}].paths must be an array of file names`);
    }
  });
  return m as tf.io.ModelJSON;
}

async function readShard(fs: typeof NodeFs, file: string): Promise<ArrayBuffer> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw ioError(`cannot read weights file ${file}: ${fsReason(e)}`, e);
  }
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * Loads the checkpoint at `paths`: its manifest (any tfjs `model.json`, including those of
 * tfjs-node and of dlkit's earlier `weights.<stamp>.bin` naming) and the shards it lists,
 * checked against the byte count its weight specs describe.
 */
export async function readCheckpoint({
  dir,
  json,
}: CheckpointPaths): Promise<tf.io.ModelArtifacts> {
  const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
  const manifest = await readManifest(fs, json);
  return tf.io.getModelArtifactsForJSON(manifest, async (groups) => {
    const specs = groups.flatMap((g, i) => {
      const fail = (detail: string): never => {
        throw ioError(`${json}: ${detail}`);
      };
      weightSpecBytes(`weightsManifest[${i}].weights`, g.weights, fail);
      return g.weights;
    });
    const files = groups.flatMap((g) => g.paths.map((p) => `${dir}/${p}`));
    const buffers: ArrayBuffer[] = [];
    for (const file of files) buffers.push(await readShard(fs, file));
    const need = weightSpecBytes('weightsManifest', specs, (d) => {
      throw ioError(`${json}: ${d}`);
    });
    const have = buffers.reduce((sum, b) => sum + b.byteLength, 0);
    if (need !== null && have !== need) {
      throw ioError(
        `weights file ${files.join(', ')} has ${have} bytes but ${json} describes ${need} (corrupt or truncated)`,
      );
    }
    return [specs, tf.io.concatenateArrayBuffers(buffers)];
  });
}
