// Between image tensors [h, w, c] and the RGBA bytes the codecs use. Internal.
import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertTensor, asCaller } from '@dlkit/core';

/** The largest image side the codecs accept (PNG allows more; no course image comes near). */
export const MAX_SIDE = 16384;

/** An image's pixels as RGBA bytes, row by row, as pngjs and jpeg-js take and give them. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Checks an image tensor `[h, w, 1 | 3]` (int32 `0…255`, or float32 in `[0, 1]`) and returns its
 * RGBA bytes (float values scaled by 255; both rounded and clamped to `0…255`).
 */
export function tensorToRgba(fn: string, image: unknown): RgbaImage {
  const t = assertTensor(fn, 'image', image, {
    dtypes: ['int32', 'float32'],
    rank: 3,
    finite: true,
  });
  const [height, width, c] = t.shape as [number, number, number];
  if (c !== 1 && c !== 3) {
    throw new DlkitError(
      'shape',
      fn,
      `image must have shape [h, w, 3] (RGB) or [h, w, 1] (grey), got [${t.shape.join(', ')}]`,
      { argument: 'image' },
    );
  }
  if (height < 1 || width < 1 || height > MAX_SIDE || width > MAX_SIDE) {
    throw new DlkitError(
      'shape',
      fn,
      `image sides must be 1 to ${MAX_SIDE} pixels, got [${t.shape.join(', ')}]`,
      { argument: 'image' },
    );
  }
  const values = t.dataSync();
  const scale = t.dtype === 'float32' ? 255 : 1;
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let k = 0; k < 3; k++) {
      const v = (values[p * c + (c === 3 ? k : 0)] as number) * scale;
      data[p * 4 + k] = Math.min(255, Math.max(0, Math.round(v)));
    }
    data[p * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** RGBA bytes to an RGB tensor `[h, w, 3]`: int32 `0…255`, or float32 `/ 255` when normalising. */
export function rgbaToTensor(fn: string, rgba: RgbaImage, normalize: boolean): tf.Tensor3D {
  const { width, height, data } = rgba;
  const rgb = new Int32Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    for (let k = 0; k < 3; k++) rgb[p * 3 + k] = data[p * 4 + k] as number;
  }
  return asCaller(fn, () =>
    normalize
      ? tf.tidy(() => tf.div(tf.tensor3d(rgb, [height, width, 3], 'int32'), 255) as tf.Tensor3D)
      : tf.tensor3d(rgb, [height, width, 3], 'int32'),
  );
}
