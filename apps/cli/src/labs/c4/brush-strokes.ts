// The style-transfer lab's style image, painted procedurally (no licence to check): short, thick
// brush strokes in a warm-and-cool palette whose directions follow a swirling field, over a dark
// blue ground, so the style is unmistakable (colour, stroke size, orientation) in the generated
// image.
import * as tf from '@tensorflow/tfjs';
import { RandomState } from '@dlkit/core';

/** The palette, RGB in [0, 1]: deep and light blues, yellow, orange, cream. */
const PALETTE: readonly (readonly [number, number, number])[] = [
  [0.09, 0.2, 0.55],
  [0.25, 0.45, 0.85],
  [0.55, 0.75, 0.95],
  [0.98, 0.85, 0.2],
  [0.95, 0.55, 0.12],
  [0.98, 0.95, 0.8],
];

/** The swirl's direction at a point (x, y in [0, 1]): circles around two centres plus waves. */
function strokeAngle(x: number, y: number): number {
  const around = (cx: number, cy: number) => Math.atan2(y - cy, x - cx) + Math.PI / 2;
  const near = (x - 0.3) ** 2 + (y - 0.35) ** 2 < (x - 0.72) ** 2 + (y - 0.68) ** 2;
  return (near ? around(0.3, 0.35) : around(0.72, 0.68)) + 0.4 * Math.sin(9 * x + 5 * y);
}

/** Paints one stroke (a thick segment) into `rgb`, a row-major `size × size × 3` array. */
function paintStroke(
  rgb: Float32Array,
  size: number,
  centre: [number, number],
  angle: number,
  colour: readonly [number, number, number],
  length: number,
  width: number,
): void {
  const [cx, cy] = centre;
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const reach = Math.ceil(length / 2 + width);
  for (let y = Math.max(0, Math.floor(cy - reach)); y < Math.min(size, cy + reach); y++) {
    for (let x = Math.max(0, Math.floor(cx - reach)); x < Math.min(size, cx + reach); x++) {
      const along = (x - cx) * dx + (y - cy) * dy;
      const across = -(x - cx) * dy + (y - cy) * dx;
      if (Math.abs(along) > length / 2 || Math.abs(across) > width / 2) continue;
      const shade = 0.85 + 0.15 * Math.cos(across * 2.5); // a bristle ridge along the stroke
      for (let c = 0; c < 3; c++) rgb[(y * size + x) * 3 + c] = (colour[c] as number) * shade;
    }
  }
}

/**
 * A seeded painting of brush strokes, `[1, size, size, 3]` float32 in [0, 1]; the caller owns it.
 * Stroke lengths and widths scale with `size` (about 8 % and 2.5 % of it).
 */
export function brushStrokes(size: number, seed: number): tf.Tensor4D {
  const random = new RandomState(seed);
  const rgb = new Float32Array(size * size * 3);
  for (let i = 0; i < size * size; i++) rgb.set(PALETTE[0]!, i * 3);
  const strokes = Math.round(size * size * 0.06);
  for (let s = 0; s < strokes; s++) {
    const [x, y] = [random.uniform(0, 1), random.uniform(0, 1)];
    const colour = PALETTE[Math.floor(random.uniform(0, PALETTE.length))]!;
    paintStroke(
      rgb,
      size,
      [x * size, y * size],
      strokeAngle(x, y),
      colour,
      size * random.uniform(0.05, 0.11),
      Math.max(1.5, size * random.uniform(0.018, 0.032)),
    );
  }
  return tf.tensor4d(rgb, [1, size, size, 3]);
}
