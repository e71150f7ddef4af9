import * as tf from '@tensorflow/tfjs';
import { asCallerAsync, assertShape, assertTensor, DlkitError, describeValue } from '@dlkit/core';
import { assertFaceModel, type FaceModel } from './face-model.js';

/** Checks an image argument of a face function: a live `[h, w, 3]` int32 or float32 tensor. */
export function assertFaceImage(fn: string, image: unknown): tf.Tensor3D {
  assertTensor(fn, 'image', image, { dtypes: ['float32', 'int32'] });
  assertShape(fn, 'image', image as tf.Tensor, ['h', 'w', 3]);
  return image as tf.Tensor3D;
}

/** Checks what a model returned: a live tensor of `d` values, shaped `[d]` or `[1, d]`. */
function checkEmbedding(fn: string, embedding: unknown): tf.Tensor {
  if (!(embedding instanceof tf.Tensor) || embedding.isDisposed) {
    throw new DlkitError(
      'value',
      fn,
      `model must return an embedding tensor [d] or [1, d], got ${describeValue(embedding)}`,
      { argument: 'model' },
    );
  }
  const [first, second] = embedding.shape;
  const ok = embedding.rank === 1 || (embedding.rank === 2 && first === 1);
  if (!ok || (second ?? first) === 0 || embedding.dtype !== 'float32') {
    embedding.dispose();
    throw new DlkitError(
      'value',
      fn,
      `model must return a float32 embedding [d] or [1, d], got ${embedding.dtype} [${embedding.shape.join(', ')}]`,
      { argument: 'model' },
    );
  }
  return embedding;
}

/** L2-normalises an embedding to `[1, d]`, disposing it; a zero or non-finite embedding is an error. */
function normalise(fn: string, embedding: tf.Tensor): tf.Tensor2D {
  try {
    const norm = tf.tidy(() => tf.norm(embedding).dataSync()[0] as number);
    if (!(norm > 0) || !Number.isFinite(norm)) {
      throw new DlkitError(
        'value',
        fn,
        `model returned an embedding of norm ${norm}, which cannot be normalised`,
        {
          argument: 'model',
        },
      );
    }
    return tf.tidy(() => tf.div(embedding.reshape([1, -1]), norm) as tf.Tensor2D);
  } finally {
    embedding.dispose();
  }
}

/**
 * The notebook's `img_to_encoding`: runs the model on one image and L2-normalises the result,
 * `f(x) / ‖f(x)‖₂`, so distances between encodings lie in `[0, 2]` and the course's threshold
 * 0.7 applies. dlkit takes the image as a tensor instead of a path: read a file with `readImage`
 * from `@dlkit/cnn/images`.
 *
 * @param image - The picture `[h, w, 3]`, pixels 0–255, int32 or float32 (the model's input scaling
 *   is the model's business).
 * @param model - The embedding function (see {@link FaceModel}), e.g. {@link loadFaceRecognizer}'s.
 * @returns The encoding `[1, d]`, unit length, float32; the caller disposes it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { imgToEncoding } from '@dlkit/cnn';
 * const image = tf.zeros([4, 4, 3]);
 * const model = (x: tf.Tensor3D) => tf.tensor1d([3, 4]); // a stub embedding
 * const encoding = await imgToEncoding(image, model);
 * console.log(encoding.shape, encoding.dataSync()); // [1, 2] [0.6, 0.8]
 * tf.dispose([image, encoding]);
 * ```
 *
 * @category C4 W4 · Face recognition
 */
export async function imgToEncoding(image: tf.Tensor3D, model: FaceModel): Promise<tf.Tensor2D> {
  const fn = 'imgToEncoding';
  return encodeAs(fn, image, model);
}

/** {@link imgToEncoding} on behalf of `fn` (`verify`, `whoIsIt`, `buildDatabase`). */
export async function encodeAs(fn: string, image: unknown, model: unknown): Promise<tf.Tensor2D> {
  const checked = assertFaceImage(fn, image);
  const embed = assertFaceModel(fn, model);
  return asCallerAsync(fn, async () => normalise(fn, checkEmbedding(fn, await embed(checked))));
}

/** The encoding of `image` as plain numbers (for a database or a distance), disposed. */
export async function encodingValues(
  fn: string,
  image: unknown,
  model: unknown,
): Promise<number[]> {
  const encoding = await encodeAs(fn, image, model);
  try {
    return Array.from(await encoding.data());
  } finally {
    encoding.dispose();
  }
}
