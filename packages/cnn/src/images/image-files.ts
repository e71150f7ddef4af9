import type * as tf from '@tensorflow/tfjs';
import type * as NodeFs from 'node:fs/promises';
import {
  DlkitError,
  asCallerAsync,
  assertOptions,
  assertString,
  nodeImport,
  writeFileAtomically,
} from '@dlkit/core';
import {
  decodeAs,
  jpegBytes,
  pngBytes,
  readNormalize,
  readQuality,
  type DecodeOptions,
  type JpegOptions,
} from './codecs.js';
import { tensorToRgba } from './image-tensor.js';

export function ioError(fn: string, argument: string, what: string, e: unknown): DlkitError {
  const code = (e as { code?: string }).code;
  return new DlkitError('io', fn, `${what} (${code ?? (e as Error).message})`, {
    argument,
    cause: e,
  });
}

/**
 * Reads a PNG or JPEG file into an RGB image tensor (Node only: it reads the file system). The
 * format is read from the file's signature, not its name.
 *
 * @param path - The file's path.
 * @param options - `{ normalize }` (default `false`: int32 `0…255`; `true`: float32 in `[0, 1]`).
 * @returns A new `[h, w, 3]` tensor; the caller owns it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readImage, writeImage } from '@dlkit/cnn/images';
 * const path = join(mkdtempSync(join(tmpdir(), 'dlkit-')), 'red.png');
 * const red = tf.tensor3d([1, 0, 0, 1, 0, 0], [1, 2, 3]);
 * await writeImage(path, red);
 * const back = await readImage(path);
 * console.log(back.shape, Array.from(back.dataSync())); // [1, 2, 3] [255, 0, 0, 255, 0, 0]
 * tf.dispose([red, back]);
 * ```
 *
 * @category C4 W1 · Image files
 */
export async function readImage(path: string, options?: DecodeOptions): Promise<tf.Tensor3D> {
  const fn = 'readImage';
  assertString(fn, 'path', path);
  const normalize = readNormalize(fn, options);
  const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(path));
  } catch (e) {
    throw ioError(fn, 'path', `cannot read ${path}`, e);
  }
  return decodeAs(fn, bytes, normalize);
}

/**
 * Writes an image tensor to a PNG or JPEG file, chosen by the extension (`.png`; `.jpg` or
 * `.jpeg`), atomically: the bytes go to a temporary file in the same folder, which is then
 * renamed over `path`, so a reader never sees half an image and a failed write leaves the old
 * file. Node only.
 *
 * @param path - The file's path, ending `.png`, `.jpg` or `.jpeg` (any case).
 * @param image - `[h, w, 3]` (or grey `[h, w, 1]`), int32 `0…255` or float32 in `[0, 1]`.
 * @param options - `{ quality }` for JPEG (1–100, default 90).
 * @returns Resolves once the file is in place.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { mkdtempSync, statSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { writeImage } from '@dlkit/cnn/images';
 * const path = join(mkdtempSync(join(tmpdir(), 'dlkit-')), 'grey.jpg');
 * const grey = tf.fill([16, 16, 3], 0.5);
 * await writeImage(path, grey, { quality: 80 });
 * console.log(statSync(path).size > 0); // true
 * grey.dispose();
 * ```
 *
 * @category C4 W1 · Image files
 */
export async function writeImage(
  path: string,
  image: tf.Tensor3D,
  options?: JpegOptions,
): Promise<void> {
  const fn = 'writeImage';
  assertString(fn, 'path', path);
  const format = /\.png$/i.test(path) ? 'png' : /\.jpe?g$/i.test(path) ? 'jpeg' : undefined;
  if (format === undefined) {
    throw new DlkitError(
      'value',
      fn,
      `path must end in .png, .jpg or .jpeg, got ${path.slice(-60)}`,
      { argument: 'path' },
    );
  }
  const rgba = tensorToRgba(fn, image);
  const bytes =
    format === 'png'
      ? (assertOptions(fn, 'options', options, []), pngBytes(rgba))
      : jpegBytes(rgba, readQuality(fn, options));
  await asCallerAsync(fn, () => writeFileAtomically(path, bytes));
}
