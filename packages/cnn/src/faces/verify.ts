import type * as tf from '@tensorflow/tfjs';
import { assertString, DlkitError } from '@dlkit/core';
import { euclideanDistance } from './distance.js';
import { assertFaceDatabase, type FaceDatabase } from './face-database.js';
import type { FaceModel } from './face-model.js';
import { encodingValues } from './img-to-encoding.js';
import { readThreshold, type FaceMatchOptions } from './threshold.js';

/**
 * What {@link verify} returns: the notebook's `(dist, door_open)`.
 *
 * @category C4 W4 · Face recognition
 */
export interface VerifyResult {
  /** `‖encoding(image) − database[identity]‖₂`. */
  dist: number;
  /** Whether `dist < threshold`: the person is who they claim to be. */
  doorOpen: boolean;
}

/**
 * Face verification (the notebook's `verify`, a 1:1 problem): is the person in `image` the
 * `identity` they claim? Encodes the image with {@link imgToEncoding} and opens the door when its
 * distance to the identity's encoding in the database is below the threshold.
 *
 * @param image - The picture at the door `[h, w, 3]`, pixels 0–255; not disposed.
 * @param identity - The name claimed; a key of `database`.
 * @param database - Name → encoding (see {@link buildFaceDatabase}).
 * @param model - The embedding function (see {@link FaceModel}).
 * @param options - The threshold (default 0.7).
 * @returns `{ dist, doorOpen }`; no tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { verify } from '@dlkit/cnn';
 * const model = (x: tf.Tensor3D) => tf.tensor1d([0, 1]); // a stub: every face encodes to [0, 1]
 * const database = { younes: [0.6, 0.8] };
 * const image = tf.zeros([4, 4, 3]);
 * const { dist, doorOpen } = await verify(image, 'younes', database, model);
 * console.log(dist.toFixed(3), doorOpen); // 0.632 true (√(0.36 + 0.04) < 0.7)
 * image.dispose();
 * ```
 *
 * @category C4 W4 · Face recognition
 */
export async function verify(
  image: tf.Tensor3D,
  identity: string,
  database: FaceDatabase,
  model: FaceModel,
  options: FaceMatchOptions = {},
): Promise<VerifyResult> {
  const fn = 'verify';
  assertString(fn, 'identity', identity);
  const { dim } = assertFaceDatabase(fn, 'database', database);
  const threshold = readThreshold(fn, options);
  if (!Object.hasOwn(database, identity)) {
    throw new DlkitError(
      'value',
      fn,
      `identity ${identity} is not in the database (${Object.keys(database).join(', ')})`,
      {
        argument: 'identity',
      },
    );
  }
  const encoding = await encodingValues(fn, image, model);
  checkDim(fn, encoding.length, dim);
  const dist = euclideanDistance(encoding, database[identity] as number[]);
  return { dist, doorOpen: dist < threshold };
}

/** An encoding must have as many numbers as the database's. */
export function checkDim(fn: string, got: number, dim: number): void {
  if (got !== dim) {
    throw new DlkitError(
      'value',
      fn,
      `model's encoding has ${got} numbers, the database's have ${dim}`,
      {
        argument: 'model',
      },
    );
  }
}
