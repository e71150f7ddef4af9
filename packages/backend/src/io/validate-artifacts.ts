import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '@dlkit/core';
import { describeValue } from './describe-value.js';
import { weightSpecBytes } from './weight-specs.js';

/** A model checked for saving: its manifest without the weight paths, its specs and bytes. */
export interface CheckpointContent {
  /** `model.json` without `weightsManifest` (the writer adds it with the shards' names). */
  manifest: Omit<tf.io.ModelJSON, 'weightsManifest'>;
  /** The weight specs, in the order of the bytes. */
  specs: tf.io.WeightsManifestEntry[];
  /** The weight bytes, in pieces (tfjs may hand them over as several buffers). */
  data: Uint8Array[];
}

const OBJECT_FIELDS = ['trainingConfig', 'signature', 'userDefinedMetadata', 'modelInitializer'];
const STRING_FIELDS = ['format', 'generatedBy'];

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof ArrayBuffer);

function weightPieces(fail: (d: string) => never, data: unknown): Uint8Array[] {
  if (data === undefined) return [];
  const list = Array.isArray(data) ? (data as unknown[]) : [data];
  return list.map((b, i) => {
    if (!(b instanceof ArrayBuffer)) {
      const at = Array.isArray(data)
        ? `modelArtifacts.weightData[${i}]`
        : 'modelArtifacts.weightData';
      fail(`${at} must be an ArrayBuffer, got ${describeValue(b)}`);
    }
    return new Uint8Array(b as ArrayBuffer);
  });
}

/**
 * Checks everything `fileSystem(...).save(modelArtifacts)` writes before it touches the
 * folder: a JSON topology, well-formed weight specs whose byte count equals the weight data's,
 * and JSON-serialisable optional fields. Throws a `DlkitError` (kind `value`, argument
 * `modelArtifacts`) naming the field at fault.
 */
export function validateArtifacts(fn: string, artifacts: unknown): CheckpointContent {
  const fail = (detail: string): never => {
    throw new DlkitError('value', fn, detail, { argument: 'modelArtifacts' });
  };
  if (!isPlainObject(artifacts) || artifacts instanceof tf.Tensor) {
    return fail(
      `modelArtifacts must be a tfjs ModelArtifacts object, got ${describeValue(artifacts)}`,
    );
  }
  const a = artifacts as Partial<tf.io.ModelArtifacts>;
  if (a.modelTopology instanceof ArrayBuffer) {
    fail('cannot save a binary model topology; use a layers model');
  }
  if (!isPlainObject(a.modelTopology)) {
    fail(`modelArtifacts.modelTopology must be an object, got ${describeValue(a.modelTopology)}`);
  }
  const data = weightPieces(fail, a.weightData);
  const specs = a.weightSpecs ?? (a.weightData === undefined ? [] : undefined);
  const need = weightSpecBytes('modelArtifacts.weightSpecs', specs, fail);
  const have = data.reduce((sum, b) => sum + b.byteLength, 0);
  if (need !== null && need !== have) {
    fail(
      `modelArtifacts.weightData has ${have} bytes but modelArtifacts.weightSpecs describe ${need}`,
    );
  }
  for (const key of STRING_FIELDS) {
    const v = (a as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'string') {
      fail(`modelArtifacts.${key} must be a string, got ${describeValue(v)}`);
    }
  }
  if (a.convertedBy != null && typeof a.convertedBy !== 'string') {
    fail(
      `modelArtifacts.convertedBy must be a string or null, got ${describeValue(a.convertedBy)}`,
    );
  }
  for (const key of OBJECT_FIELDS) {
    const v = (a as Record<string, unknown>)[key];
    if (v !== undefined && !isPlainObject(v)) {
      fail(`modelArtifacts.${key} must be an object, got ${describeValue(v)}`);
    }
  }
  const manifest: CheckpointContent['manifest'] = {
    modelTopology: a.modelTopology as object,
    format: a.format ?? 'layers-model',
    generatedBy: a.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: a.convertedBy ?? null,
  };
  for (const key of OBJECT_FIELDS) {
    const v = (a as Record<string, unknown>)[key];
    if (v !== undefined) (manifest as Record<string, unknown>)[key] = v;
  }
  try {
    JSON.stringify(manifest);
  } catch (e) {
    fail(`modelArtifacts cannot be written as JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { manifest, specs: specs as tf.io.WeightsManifestEntry[], data };
}
