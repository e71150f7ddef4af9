// The face-recognition lab's picture: a grid of framed, labelled square tiles.
import * as tf from '@tensorflow/tfjs';
import { drawText } from './glyphs.js';

/** One picture in the grid: where it goes, its frame's colour and up to two lines of label. */
export interface MontageTile {
  /** `[size, size, 3]`, pixels 0–255; not disposed. */
  image: tf.Tensor3D;
  col: number;
  row: number;
  frame: [number, number, number];
  lines: string[];
}

const PAD = 4;
const LABEL = 26;

/**
 * A white `[rows · (size + 34), cols · (size + 8), 3]` int32 picture with each tile framed by 4
 * pixels and labelled below (8-pixel glyphs, cut to the tile's width); the caller disposes it.
 */
export async function montage(
  tiles: readonly MontageTile[],
  cols: number,
  rows: number,
  size: number,
): Promise<tf.Tensor3D> {
  const tileW = size + 2 * PAD;
  const tileH = size + 2 * PAD + LABEL;
  const width = tileW * cols;
  const height = tileH * rows;
  const pixels = new Int32Array(width * height * 3).fill(255);
  for (const { image, col, row, frame, lines } of tiles) {
    const data = await image.data();
    const x0 = col * tileW;
    const y0 = row * tileH;
    for (let y = 0; y < size + 2 * PAD; y++) {
      for (let x = 0; x < tileW; x++) pixels.set(frame, ((y0 + y) * width + x0 + x) * 3);
    }
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const from = (y * size + x) * 3;
        pixels.set(data.subarray(from, from + 3), ((y0 + PAD + y) * width + x0 + PAD + x) * 3);
      }
    }
    lines.forEach((line, i) =>
      drawText(
        pixels,
        width,
        line.slice(0, Math.floor(tileW / 8)),
        x0 + 2,
        y0 + size + 2 * PAD + 2 + 12 * i,
        [0, 0, 0],
      ),
    );
  }
  return tf.tensor3d(pixels, [height, width, 3], 'int32');
}
