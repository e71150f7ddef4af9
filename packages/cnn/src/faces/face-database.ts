import type * as tf from '@tensorflow/tfjs';
import { assertString, DlkitError, describeValue } from '@dlkit/core';
import { encodingValues } from './img-to-encoding.js';
import type { FaceModel } from './face-model.js';

/**
 * The notebook's `database`: each person's name → the encoding of their reference picture (unit
 * length, as {@link imgToEncoding} makes it), held as plain numbers, so it owns no tensors and
 * saves as JSON (`saveFaceDatabase` / `loadFaceDatabase` in `@dlkit/cnn/images`).
 *
 * @category C4 W4 · Face recognition
 */
export type FaceDatabase = Record<string, number[]>;

/** The JSON form of a {@link FaceDatabase}, as `faceDatabaseToJson` writes it. */
interface FaceDatabaseJson {
  format: 'dlkit-face-database';
  version: 1;
  dim: number;
  entries: FaceDatabase;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What is wrong with one encoding of a database, if anything. */
function encodingFault(encoding: unknown, dim: number | undefined): string | undefined {
  if (!Array.isArray(encoding) || encoding.length === 0) return describeValue(encoding);
  const i = encoding.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (i >= 0)
    return `${typeof encoding[i] === 'number' ? String(encoding[i]) : describeValue(encoding[i])} at index ${i}`;
  if (dim !== undefined && encoding.length !== dim) return `${encoding.length} numbers`;
  return undefined;
}

/**
 * Checks a database argument: a non-empty plain object of equally long arrays of finite numbers.
 *
 * @returns The database and its encodings' length `d`.
 */
export function assertFaceDatabase(
  fn: string,
  argument: string,
  database: unknown,
): { database: FaceDatabase; dim: number } {
  if (!isPlainObject(database) || Object.keys(database).length === 0) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a non-empty object of name → encoding (an array of numbers), got ${isPlainObject(database) ? 'an empty object' : describeValue(database)}`,
      { argument },
    );
  }
  let dim: number | undefined;
  for (const [name, encoding] of Object.entries(database)) {
    const fault = encodingFault(encoding, dim);
    if (fault !== undefined) {
      throw new DlkitError(
        'value',
        fn,
        `${argument}.${name} must be an encoding of ${dim ?? 'd'} finite numbers, got ${fault}`,
        { argument: `${argument}.${name}` },
      );
    }
    dim = (encoding as number[]).length;
  }
  return { database: database as FaceDatabase, dim: dim as number };
}

/**
 * Builds the notebook's `database` from one reference picture per person: each picture's
 * {@link imgToEncoding}, read back as numbers.
 *
 * @param images - Name → picture `[h, w, 3]` (pixels 0–255, int32 or float32); not disposed.
 * @param model - The embedding function (see {@link FaceModel}).
 * @returns The database; it holds no tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { buildFaceDatabase } from '@dlkit/cnn';
 * const images = { danielle: tf.fill([2, 2, 3], 1), younes: tf.fill([2, 2, 3], 2) };
 * const model = (x: tf.Tensor3D) => tf.tidy(() => tf.stack([x.mean(), tf.scalar(1)])); // a stub
 * const database = await buildFaceDatabase(images, model);
 * console.log(Object.keys(database), database.danielle!.length); // ['danielle', 'younes'] 2
 * tf.dispose(Object.values(images));
 * ```
 *
 * @category C4 W4 · Face recognition
 */
export async function buildFaceDatabase(
  images: Record<string, tf.Tensor3D>,
  model: FaceModel,
): Promise<FaceDatabase> {
  const fn = 'buildFaceDatabase';
  if (!isPlainObject(images) || Object.keys(images).length === 0) {
    throw new DlkitError(
      'value',
      fn,
      `images must be a non-empty object of name → image [h, w, 3], got ${describeValue(images)}`,
      { argument: 'images' },
    );
  }
  const database: FaceDatabase = {};
  for (const [name, image] of Object.entries(images)) {
    database[name] = await encodingValues(fn, image, model);
  }
  return assertFaceDatabase(fn, 'model', database).database;
}

/**
 * Writes a {@link FaceDatabase} as JSON text (`{ format, version, dim, entries }`).
 *
 * @param database - Name → encoding.
 * @returns The JSON text.
 *
 * @example
 * ```ts
 * import { faceDatabaseToJson, faceDatabaseFromJson } from '@dlkit/cnn';
 * const text = faceDatabaseToJson({ kian: [0.6, 0.8] });
 * console.log(faceDatabaseFromJson(text).kian); // [0.6, 0.8]
 * ```
 *
 * @category C4 W4 · Face recognition
 */
export function faceDatabaseToJson(database: FaceDatabase): string {
  const { dim } = assertFaceDatabase('faceDatabaseToJson', 'database', database);
  const json: FaceDatabaseJson = {
    format: 'dlkit-face-database',
    version: 1,
    dim,
    entries: database,
  };
  return `${JSON.stringify(json)}\n`;
}

/**
 * Reads a {@link FaceDatabase} from the JSON text {@link faceDatabaseToJson} writes; anything else
 * (not JSON, another format, encodings of different lengths) is a `DlkitError` of kind `io`.
 *
 * @param text - The JSON text.
 * @returns The database.
 *
 * @example
 * ```ts
 * import { faceDatabaseFromJson } from '@dlkit/cnn';
 * const text = '{"format":"dlkit-face-database","version":1,"dim":2,"entries":{"kian":[0.6,0.8]}}';
 * console.log(Object.keys(faceDatabaseFromJson(text))); // ['kian']
 * ```
 *
 * @category C4 W4 · Face recognition
 */
export function faceDatabaseFromJson(text: string): FaceDatabase {
  return parseFaceDatabase('faceDatabaseFromJson', 'text', text);
}

/** {@link faceDatabaseFromJson} on behalf of `fn`. */
export function parseFaceDatabase(fn: string, argument: string, text: unknown): FaceDatabase {
  assertString(fn, argument, text);
  const fail = (why: string, cause?: unknown): never => {
    throw new DlkitError('io', fn, `${argument} is not a dlkit face database: ${why}`, {
      argument,
      cause,
    });
  };
  let json: unknown;
  try {
    json = JSON.parse(text as string);
  } catch (e) {
    fail('not JSON', e);
  }
  if (!isPlainObject(json) || json['format'] !== 'dlkit-face-database' || json['version'] !== 1) {
    return fail('no format "dlkit-face-database", version 1');
  }
  try {
    const { database, dim } = assertFaceDatabase(fn, `${argument}.entries`, json['entries']);
    if (dim !== json['dim'])
      fail(`dim is ${String(json['dim'])} but the encodings have ${dim} numbers`);
    return database;
  } catch (e) {
    if (e instanceof DlkitError && e.kind === 'io') throw e;
    return fail((e as DlkitError).detail, e);
  }
}
