import type { RandomState } from '@dlkit/core';
import {
  circle,
  ellipse,
  fillBackground,
  newCanvas,
  paint,
  randomBackground,
  type Canvas,
  type Color,
} from './raster.js';
import { classificationSet, type ImageSet, type ImageSetOptions } from './image-set.js';

/** Options for {@link makeHappyFaces}. */
export interface HappyFacesOptions extends ImageSetOptions {
  /** `'images'`: `x` is `[m, size, size, 3]`, `y` is `[m]`; `'columns'`: `x` is `[size·size·3, m]`, `y` is `[1, m]`. */
  layout?: 'images' | 'columns';
}

const SKIN: Color[] = [
  [0.98, 0.84, 0.72],
  [0.9, 0.7, 0.56],
  [0.78, 0.57, 0.42],
  [0.58, 0.4, 0.28],
  [0.42, 0.29, 0.2],
];

/**
 * A synthetic stand-in for the course's "happy house" faces (C4 W1, `load_happy_dataset`: 600
 * training and 150 test 64×64 RGB pictures, label 1 when the person smiles): a drawn face with
 * eyes and a mouth, smiling (label 1: the mouth curves up at the corners) or not (label 0: a
 * straight or down-turned mouth). Face size, position, tilt, skin tone, mouth width and
 * background vary; classes are balanced.
 *
 * @param options - Split sizes (defaults 600 / 150), image size, seed, noise, normalisation, layout.
 * @returns `{ train, test, info }`; `x` float32, `y` int32; the caller owns the four tensors.
 *
 * @example
 * ```ts
 * import { makeHappyFaces } from '@dlkit/datasets';
 * const { train, test, info } = makeHappyFaces({ trainSize: 8, testSize: 4, size: 32 });
 * console.log(train.x.shape, info.classes); // [8, 32, 32, 3] ['not-happy', 'happy']
 * [train.x, train.y, test.x, test.y].forEach((t) => t.dispose());
 * ```
 *
 * @category C4 W1 · Convolutional model application
 */
export function makeHappyFaces(options: HappyFacesOptions = {}): ImageSet {
  return classificationSet(
    'makeHappyFaces',
    'happy-faces',
    ['not-happy', 'happy'],
    options,
    { trainSize: 600, testSize: 150 },
    drawFace,
  );
}

function drawFace(rng: RandomState, label: number, size: number): Canvas {
  const c = newCanvas(size);
  const [top, bottom] = randomBackground(rng);
  fillBackground(c, top, bottom);
  const r = size * (0.3 + 0.08 * rng.nextDouble());
  const cx = size / 2 + (rng.nextDouble() - 0.5) * (size - 2.2 * r) * 0.6;
  const cy = size / 2 + (rng.nextDouble() - 0.5) * (size - 2.4 * r) * 0.6;
  const tilt = (rng.nextDouble() - 0.5) * 0.4;
  const skin = SKIN[Math.floor(rng.nextDouble() * SKIN.length)] as Color;
  paint(c, ellipse(cx, cy, r * 0.85, r, tilt), skin);
  const cos = Math.cos(tilt);
  const sin = Math.sin(tilt);
  const at = (u: number, v: number): [number, number] => [
    cx + (u * cos - v * sin) * r,
    cy + (u * sin + v * cos) * r,
  ];
  const dark: Color = [0.08, 0.06, 0.06];
  for (const side of [-1, 1]) {
    const [ex, ey] = at(side * 0.32, -0.25);
    paint(c, circle(ex, ey, Math.max(1, r * 0.09)), dark);
  }
  // The mouth: dots along v = 0.45 + bend (1 - u²); bend > 0 is a smile (the centre lower).
  const width = 0.35 + 0.15 * rng.nextDouble();
  const bend =
    label === 1
      ? 0.12 + 0.1 * rng.nextDouble()
      : rng.nextDouble() < 0.5
        ? -(0.06 + 0.1 * rng.nextDouble())
        : (rng.nextDouble() - 0.5) * 0.03;
  const lips: Color = [0.55 + 0.2 * rng.nextDouble(), 0.12, 0.15];
  const dot = Math.max(0.8, r * 0.06);
  for (let k = 0; k <= 16; k++) {
    const t = k / 8 - 1;
    const [mx, my] = at(t * width, 0.4 + bend * (1 - t * t) - bend * 0.5);
    paint(c, circle(mx, my, dot), lips);
  }
  return c;
}
