import type * as tf from '@tensorflow/tfjs';
import { euclideanDistance } from './distance.js';
import { assertFaceDatabase, type FaceDatabase } from './face-database.js';
import type { FaceModel } from './face-model.js';
import { encodingValues } from './img-to-encoding.js';
import { readThreshold, type FaceMatchOptions } from './threshold.js';
import { checkDim } from './verify.js';

/**
 * What {@link whoIsIt} returns: the notebook's `(min_dist, identity)`, and whether the match is
 * close enough to count (the notebook prints "Not in the database." when it is not).
 *
 * @category C4 W4 · Face recognition
 */
export interface WhoIsItResult {
  /** The distance to the closest encoding in the database. */
  minDist: number;
  /** The name of the closest encoding (returned even when it is too far, as in the notebook). */
  identity: string;
  /** Whether `minDist ≤ threshold`, i.e. the person is in the database. */
  inDatabase: boolean;
}

/**
 * Face recognition (the notebook's `who_is_it`, a 1:K problem): whose encoding in the database is
 * closest to the image's? Ties go to the first name in the database's order.
 *
 * @param image - The picture `[h, w, 3]`, pixels 0–255; not disposed.
 * @param database - Name → encoding (see {@link buildFaceDatabase}).
 * @param model - The embedding function (see {@link FaceModel}).
 * @param options - The threshold (default 0.7).
 * @returns `{ minDist, identity, inDatabase }`; no tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { whoIsIt } from '@dlkit/cnn';
 * const model = (x: tf.Tensor3D) => tf.tensor1d([0, 1]); // a stub: every face encodes to [0, 1]
 * const database = { kian: [1, 0], younes: [0.6, 0.8] };
 * const image = tf.zeros([4, 4, 3]);
 * const { minDist, identity } = await whoIsIt(image, database, model);
 * console.log(identity, minDist.toFixed(3)); // younes 0.632
 * image.dispose();
 * ```
 *
 * @category C4 W4 · Face recognition
 */
export async function whoIsIt(
  image: tf.Tensor3D,
  database: FaceDatabase,
  model: FaceModel,
  options: FaceMatchOptions = {},
): Promise<WhoIsItResult> {
  const fn = 'whoIsIt';
  const { dim } = assertFaceDatabase(fn, 'database', database);
  const threshold = readThreshold(fn, options);
  const encoding = await encodingValues(fn, image, model);
  checkDim(fn, encoding.length, dim);
  let minDist = Infinity;
  let identity = '';
  for (const [name, dbEnc] of Object.entries(database)) {
    const dist = euclideanDistance(encoding, dbEnc);
    if (dist < minDist) {
      minDist = dist;
      identity = name;
    }
  }
  return { minDist, identity, inDatabase: minDist <= threshold };
}
