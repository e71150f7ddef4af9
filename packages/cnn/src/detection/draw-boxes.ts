import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  asCaller,
  assertNumber,
  assertOptions,
  assertTensor,
  describeValue,
  formatShape,
} from '@dlkit/core';
import { checkBoxes } from './box-checks.js';
import { GLYPH_HEIGHT, rasterText, textWidth } from './bitmap-font.js';

/**
 * Options of `drawBoxes`.
 *
 * @category C4 W3 · Object detection
 */
export interface DrawBoxesOptions {
  /** Each box's colour index into a palette of 8 distinct colours (e.g. its class). Default: the box's index. */
  colors?: number[];
  /** Line width in pixels. Default 1. */
  thickness?: number;
  /** Size of a label's font pixel in image pixels (the font is 3×5). Default 1. */
  fontScale?: number;
}

/** Eight colours (RGB in [0, 1]) that stand out from each other and from most backgrounds. */
const PALETTE: readonly (readonly [number, number, number])[] = [
  [1, 0.2, 0.2],
  [0.2, 0.9, 0.2],
  [0.25, 0.45, 1],
  [1, 0.85, 0.1],
  [1, 0.3, 1],
  [0.1, 0.9, 0.9],
  [1, 0.55, 0.1],
  [1, 1, 1],
];

interface Canvas {
  h: number;
  w: number;
  px: Float32Array;
  max: number;
}

function fill(
  cv: Canvas,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  rgb: readonly number[],
): void {
  for (let y = Math.max(0, y0); y <= Math.min(cv.h - 1, y1); y++) {
    for (let x = Math.max(0, x0); x <= Math.min(cv.w - 1, x1); x++) {
      for (let k = 0; k < 3; k++) cv.px[(y * cv.w + x) * 3 + k] = rgb[k]! * cv.max;
    }
  }
}

/** A box outline, its sides `t` pixels wide inside the box. */
function outline(cv: Canvas, [y1, x1, y2, x2]: number[], t: number, rgb: readonly number[]): void {
  const [a, b, c, d] = [Math.round(y1!), Math.round(x1!), Math.round(y2!) - 1, Math.round(x2!) - 1];
  fill(cv, b, a, d, a + t - 1, rgb);
  fill(cv, b, c - t + 1, d, c, rgb);
  fill(cv, b, a, b + t - 1, c, rgb);
  fill(cv, d - t + 1, a, d, c, rgb);
}

/** A label in black on the box's colour, above the box (inside it at the image's top edge). */
function label(
  cv: Canvas,
  text: string,
  [y1, x1]: number[],
  scale: number,
  rgb: readonly number[],
): void {
  const h = GLYPH_HEIGHT * scale + 2;
  const w = textWidth(text) * scale + 2;
  const top = Math.round(y1!) - h >= 0 ? Math.round(y1!) - h : Math.max(0, Math.round(y1!));
  const left = Math.min(Math.max(0, Math.round(x1!)), Math.max(0, cv.w - w));
  fill(cv, left, top, left + w - 1, top + h - 1, rgb);
  rasterText(text, scale, (x, y) =>
    fill(cv, left + 1 + x, top + 1 + y, left + 1 + x, top + 1 + y, [0, 0, 0]),
  );
}

function checkLabels(fn: string, labels: unknown, n: number): string[] | undefined {
  if (labels === undefined) return undefined;
  if (
    !Array.isArray(labels) ||
    labels.length !== n ||
    !labels.every((l) => typeof l === 'string')
  ) {
    throw new DlkitError(
      'value',
      fn,
      `labels must be an array of ${n} strings (one per box), got ${describeValue(labels)}`,
      {
        argument: 'labels',
      },
    );
  }
  return labels as string[];
}

function checkColors(fn: string, colors: unknown, n: number): number[] {
  if (colors === undefined) return Array.from({ length: n }, (_, i) => i);
  if (!Array.isArray(colors) || colors.length !== n) {
    throw new DlkitError(
      'value',
      fn,
      `options.colors must be an array of ${n} indices (one per box), got ${describeValue(colors)}`,
      {
        argument: 'options.colors',
      },
    );
  }
  return colors.map((c, i) =>
    assertNumber(fn, `options.colors[${i}]`, c, { integer: true, min: 0, max: 2 ** 31 }),
  );
}

/**
 * Draws labelled boxes onto an image, as the notebook's `draw_boxes` does for its car photos: each
 * box's outline, and above it its label (a 3×5 bitmap font in black on the box's colour). The
 * image is not changed; write the result with `writeImage` from `@dlkit/cnn/images`.
 *
 * @param image - `[h, w, 3]`: float32 in `[0, 1]` or int32 in `0 … 255`.
 * @param boxes - `[n, 4]` pixel corner boxes `[y1, x1, y2, x2]` (what `yoloEval` returns), `y2 >= y1`, `x2 >= x1`.
 * @param labels - One text per box (e.g. `"circle 0.93"`), or none.
 * @param options - `colors`, `thickness`, `fontScale` (see `DrawBoxesOptions`).
 * @returns A new image tensor, the input's shape and dtype. The caller owns it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { drawBoxes } from '@dlkit/cnn';
 * const image = tf.zeros([32, 32, 3]);
 * const boxes = tf.tensor2d([[10, 4, 28, 20]]);
 * const drawn = drawBoxes(image, boxes, ['car 0.9']);
 * console.log(drawn.shape); // [32, 32, 3]
 * tf.dispose([image, boxes, drawn]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function drawBoxes(
  image: tf.Tensor,
  boxes: tf.Tensor,
  labels?: readonly string[],
  options: DrawBoxesOptions = {},
): tf.Tensor3D {
  const fn = 'drawBoxes';
  const img = assertTensor(fn, 'image', image, {
    dtypes: ['float32', 'int32'],
    rank: 3,
    finite: true,
  });
  if (img.shape[2] !== 3) {
    throw new DlkitError(
      'shape',
      fn,
      `image must have shape [h, w, 3], got ${formatShape(img.shape)}`,
      { argument: 'image' },
    );
  }
  const b = checkBoxes(fn, 'boxes', boxes, 'yxyx', 2);
  const n = b.length / 4;
  const texts = checkLabels(fn, labels, n);
  const o = assertOptions(fn, 'options', options ?? undefined, [
    'colors',
    'thickness',
    'fontScale',
  ]);
  const colors = checkColors(fn, o.colors, n);
  const t = assertNumber(fn, 'options.thickness', o.thickness ?? 1, {
    integer: true,
    min: 1,
    max: 64,
  });
  const scale = assertNumber(fn, 'options.fontScale', o.fontScale ?? 1, {
    integer: true,
    min: 1,
    max: 64,
  });
  const [h, w] = img.shape as [number, number, number];
  const cv: Canvas = {
    h,
    w,
    px: Float32Array.from(img.dataSync()),
    max: img.dtype === 'int32' ? 255 : 1,
  };
  for (let i = 0; i < n; i++) {
    const box = Array.from(b.subarray(4 * i, 4 * i + 4));
    const rgb = PALETTE[colors[i]! % PALETTE.length]!;
    outline(cv, box, t, rgb);
    if (texts !== undefined && texts[i] !== '') label(cv, texts[i]!, box, scale, rgb);
  }
  return asCaller(fn, () =>
    img.dtype === 'int32'
      ? tf.tensor3d(Int32Array.from(cv.px, Math.round), [h, w, 3], 'int32')
      : tf.tensor3d(cv.px, [h, w, 3]),
  );
}
