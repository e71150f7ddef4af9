import type * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { DlkitError, assertNumber, assertOptions, describeValue } from '@dlkit/core';
import { MAX_SIDE, rgbaToTensor, tensorToRgba, type RgbaImage } from './image-tensor.js';

/**
 * The options of {@link decodeImage} and `readImage`.
 *
 * @category C4 W1 · Image files
 */
export interface DecodeOptions {
  /** `false` (default): int32 values `0…255`, as the course's raw images; `true`: float32 in `[0, 1]` (the course's `X / 255`). */
  normalize?: boolean;
}

/**
 * The options of {@link encodeJpeg} (and of `writeImage` for a `.jpg` path).
 *
 * @category C4 W1 · Image files
 */
export interface JpegOptions {
  /** JPEG quality, 1 (smallest) to 100 (best). Default 90. */
  quality?: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Which codec a file's first bytes name, if any. */
export function sniffFormat(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

/** Reads `{ normalize }`. */
export function readNormalize(fn: string, options: unknown): boolean {
  const { normalize = false } = assertOptions(fn, 'options', options as DecodeOptions, [
    'normalize',
  ]);
  if (typeof normalize !== 'boolean') {
    throw new DlkitError(
      'value',
      fn,
      `options.normalize must be a boolean, got ${describeValue(normalize)}`,
      { argument: 'options.normalize' },
    );
  }
  return normalize;
}

function decodeRgba(fn: string, bytes: Uint8Array): RgbaImage {
  const format = sniffFormat(bytes);
  if (format === undefined) {
    throw new DlkitError('io', fn, 'bytes are neither a PNG nor a JPEG file (unknown signature)', {
      argument: 'bytes',
    });
  }
  try {
    if (format === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: png.data };
    }
    const img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: (MAX_SIDE * MAX_SIDE) / 1e6,
      maxMemoryUsageInMB: 1024,
    });
    return { width: img.width, height: img.height, data: img.data };
  } catch (e) {
    throw new DlkitError(
      'io',
      fn,
      `bytes are a damaged ${format.toUpperCase()} file (${(e as Error).message})`,
      { argument: 'bytes', cause: e },
    );
  }
}

/**
 * Decodes a PNG or JPEG file's bytes (the format is read from the signature) into an RGB image
 * tensor; an alpha channel is dropped, grey images become three equal channels. Pure JavaScript
 * (`pngjs`, `jpeg-js`): no native library, no canvas.
 *
 * @param bytes - The file's contents.
 * @param options - `{ normalize }` (default `false`: int32 `0…255`).
 * @returns A new `[h, w, 3]` tensor, int32 `0…255` or float32 in `[0, 1]`; the caller owns it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { decodeImage, encodePng } from '@dlkit/cnn/images';
 * const image = tf.tensor3d([255, 0, 0, 0, 128, 255], [1, 2, 3], 'int32');
 * const back = decodeImage(encodePng(image));
 * console.log(back.shape, back.dtype, Array.from(back.dataSync())); // [1, 2, 3] int32 [255, 0, 0, 0, 128, 255]
 * tf.dispose([image, back]);
 * ```
 *
 * @category C4 W1 · Image files
 */
export function decodeImage(bytes: Uint8Array, options?: DecodeOptions): tf.Tensor3D {
  const fn = 'decodeImage';
  if (!(bytes instanceof Uint8Array)) {
    throw new DlkitError('value', fn, `bytes must be a Uint8Array, got ${describeValue(bytes)}`, {
      argument: 'bytes',
    });
  }
  const normalize = readNormalize(fn, options);
  return rgbaToTensor(fn, decodeRgba(fn, bytes), normalize);
}

/** {@link decodeImage} on behalf of another function (for `readImage`). */
export function decodeAs(fn: string, bytes: Uint8Array, normalize: boolean): tf.Tensor3D {
  return rgbaToTensor(fn, decodeRgba(fn, bytes), normalize);
}

/**
 * Encodes an image tensor as a PNG file (8-bit RGB with alpha 255; lossless).
 *
 * @param image - `[h, w, 3]` (or grey `[h, w, 1]`), int32 `0…255` or float32 in `[0, 1]`; values are
 *   rounded and clamped.
 * @returns The PNG file's bytes.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { encodePng } from '@dlkit/cnn/images';
 * const image = tf.zeros([4, 4, 3]);
 * const bytes = encodePng(image);
 * console.log(bytes[1], bytes[2], bytes[3]); // 80 78 71 ("PNG")
 * image.dispose();
 * ```
 *
 * @category C4 W1 · Image files
 */
export function encodePng(image: tf.Tensor3D): Uint8Array {
  return pngBytes(tensorToRgba('encodePng', image));
}

/** An RGBA image's PNG bytes. */
export function pngBytes(rgba: RgbaImage): Uint8Array {
  const png = new PNG({ width: rgba.width, height: rgba.height });
  png.data = Buffer.from(rgba.data.buffer, rgba.data.byteOffset, rgba.data.byteLength);
  return new Uint8Array(PNG.sync.write(png));
}

/** Reads `{ quality }`. */
export function readQuality(fn: string, options: unknown): number {
  const { quality = 90 } = assertOptions(fn, 'options', options as JpegOptions, ['quality']);
  return assertNumber(fn, 'options.quality', quality, { integer: true, min: 1, max: 100 });
}

/**
 * Encodes an image tensor as a JPEG file (baseline, lossy).
 *
 * @param image - `[h, w, 3]` (or grey `[h, w, 1]`), int32 `0…255` or float32 in `[0, 1]`.
 * @param options - `{ quality }` (1–100, default 90).
 * @returns The JPEG file's bytes.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { decodeImage, encodeJpeg } from '@dlkit/cnn/images';
 * const image = tf.fill([8, 8, 3], 200, 'int32');
 * const back = decodeImage(encodeJpeg(image, { quality: 95 }));
 * console.log(back.shape); // [8, 8, 3] (values within a few levels of 200)
 * tf.dispose([image, back]);
 * ```
 *
 * @category C4 W1 · Image files
 */
export function encodeJpeg(image: tf.Tensor3D, options?: JpegOptions): Uint8Array {
  const quality = readQuality('encodeJpeg', options);
  return jpegBytes(tensorToRgba('encodeJpeg', image), quality);
}

/** An RGBA image's JPEG bytes. */
export function jpegBytes(rgba: RgbaImage, quality: number): Uint8Array {
  const out = jpeg.encode({ width: rgba.width, height: rgba.height, data: rgba.data }, quality);
  return new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength);
}
