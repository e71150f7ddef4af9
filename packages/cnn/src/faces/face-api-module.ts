import * as tf from '@tensorflow/tfjs';
import type * as NodeFs from 'node:fs/promises';
import type * as NodeModule from 'node:module';
import type * as NodePath from 'node:path';
import type * as NodeUrl from 'node:url';
import { DlkitError, nodeImport } from '@dlkit/core';

/** The optional peer that ships the face networks and their weights. */
export const FACE_API = '@vladmandic/face-api';

/** The part of face-api's API dlkit uses (its own types pull in its whole bundle). */
export interface FaceApi {
  nets: Record<'ssdMobilenetv1' | 'faceLandmark68Net' | 'faceRecognitionNet', FaceApiNet>;
  SsdMobilenetv1Options: new (o: { minConfidence: number; maxResults?: number }) => object;
  detectSingleFace(
    input: tf.Tensor3D,
    options: object,
  ): {
    withFaceLandmarks(): {
      withFaceDescriptor(): Promise<
        { descriptor: Float32Array; detection: { score: number } } | undefined
      >;
    };
  };
}

interface FaceApiNet {
  loadFromWeightMap(weights: tf.NamedTensorMap): void;
  computeFaceDescriptor?(input: tf.Tensor3D): Promise<Float32Array | Float32Array[]>;
  dispose(): void;
}

/** The weight files (in face-api's `model/` folder) of the three networks, by net. */
export const WEIGHT_FILES = {
  ssdMobilenetv1: 'ssd_mobilenetv1_model',
  faceLandmark68Net: 'face_landmark_68_model',
  faceRecognitionNet: 'face_recognition_model',
} as const;

/** The folder of the installed face-api package (resolved from this file, as Node would). */
export async function resolveFaceApiRoot(): Promise<string> {
  const { createRequire } = await nodeImport<typeof NodeModule>('node:module');
  const { dirname } = await nodeImport<typeof NodePath>('node:path');
  return dirname(createRequire(import.meta.url).resolve(`${FACE_API}/package.json`));
}

/**
 * Imports face-api's own Node wasm build (`dist/face-api.node-wasm.js`, which uses the
 * `@tensorflow/tfjs` and `@tensorflow/tfjs-backend-wasm` installed beside it: the same engine
 * and backend as dlkit's), never its root export (which needs `@tensorflow/tfjs-node`).
 */
export async function importFaceApi(fn: string): Promise<{ api: FaceApi; root: string }> {
  let root: string;
  try {
    root = await resolveFaceApiRoot();
  } catch (cause) {
    throw new DlkitError(
      'dependency',
      fn,
      `the face networks come from the optional package ${FACE_API} (1.7.x, MIT), which is not installed: run \`npm install ${FACE_API}@^1.7.15\``,
      { argument: FACE_API, cause },
    );
  }
  const { join } = await nodeImport<typeof NodePath>('node:path');
  const { pathToFileURL } = await nodeImport<typeof NodeUrl>('node:url');
  try {
    const module = (await import(
      /* @vite-ignore */ pathToFileURL(join(root, 'dist', 'face-api.node-wasm.js')).href
    )) as { default?: FaceApi } & FaceApi;
    return { api: module.default ?? module, root };
  } catch (cause) {
    throw new DlkitError(
      'dependency',
      fn,
      `${FACE_API} is installed at ${root} but its dist/face-api.node-wasm.js cannot be loaded (it needs @tensorflow/tfjs-backend-wasm beside it)`,
      { argument: FACE_API, cause },
    );
  }
}

/** Reads one network's weights from face-api's `model/` folder with the file system, offline. */
export async function readWeights(
  fn: string,
  root: string,
  name: string,
): Promise<tf.NamedTensorMap> {
  const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
  const { join } = await nodeImport<typeof NodePath>('node:path');
  const dir = join(root, 'model');
  try {
    const manifest = JSON.parse(
      await fs.readFile(join(dir, `${name}-weights_manifest.json`), 'utf8'),
    ) as {
      paths: string[];
      weights: tf.io.WeightsManifestEntry[];
    }[];
    const parts = await Promise.all(
      manifest.flatMap((g) => g.paths.map((p) => fs.readFile(join(dir, p)))),
    );
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let offset = 0;
    for (const p of parts) {
      bytes.set(p, offset);
      offset += p.byteLength;
    }
    return tf.io.decodeWeights(
      bytes.buffer,
      manifest.flatMap((g) => g.weights),
    );
  } catch (cause) {
    throw new DlkitError('io', fn, `cannot read ${FACE_API}'s ${name} weights from ${dir}`, {
      argument: FACE_API,
      cause,
    });
  }
}
