import type { RandomState } from '@dlkit/core';
import {
  ellipse,
  fillBackground,
  newCanvas,
  paint,
  randomBackground,
  rect,
  type Canvas,
  type Color,
} from './raster.js';
import { classificationSet, type ImageSet, type ImageSetOptions } from './image-set.js';

/** Options for {@link makeHandSigns}. */
export interface HandSignsOptions extends ImageSetOptions {
  /** `'images'`: `x` is `[m, size, size, 3]`, `y` is `[m]`; `'columns'`: `x` is `[size·size·3, m]`, `y` is `[1, m]`. */
  layout?: 'images' | 'columns';
}

const SKIN: Color[] = [
  [0.96, 0.8, 0.69],
  [0.87, 0.67, 0.53],
  [0.76, 0.55, 0.4],
  [0.55, 0.38, 0.26],
  [0.4, 0.27, 0.18],
];

/**
 * A synthetic stand-in for the course's SIGNS data set (hands showing 0 to 5 fingers, 1,080
 * training and 120 test 64×64 RGB images): a drawn palm with `label` raised fingers, rotated,
 * scaled and placed at random, in one of five skin tones on a random background. Six balanced classes.
 *
 * @param options - Split sizes (defaults 1080 / 120), image size, seed, noise, normalisation, layout.
 * @returns `{ train, test, info }`; `x` float32, `y` int32 (the number of fingers); the caller owns the four tensors.
 *
 * @example
 * ```ts
 * import { makeHandSigns } from '@dlkit/datasets';
 * const { train, test } = makeHandSigns({ trainSize: 12, testSize: 6, size: 32 });
 * console.log(train.x.shape, train.y.shape); // [12, 32, 32, 3] [12]
 * [train.x, train.y, test.x, test.y].forEach((t) => t.dispose());
 * ```
 *
 * @category C2 W3 · TensorFlow introduction
 */
export function makeHandSigns(options: HandSignsOptions = {}): ImageSet {
  return classificationSet(
    'makeHandSigns',
    'hand-signs',
    ['0', '1', '2', '3', '4', '5'],
    options,
    { trainSize: 1080, testSize: 120 },
    drawHand,
  );
}

function drawHand(rng: RandomState, fingers: number, size: number): Canvas {
  const c = newCanvas(size);
  const [top, bottom] = randomBackground(rng);
  fillBackground(c, top, bottom);
  const skin = SKIN[Math.floor(rng.nextDouble() * SKIN.length)] as Color;
  const s = size * (0.17 + 0.05 * rng.nextDouble()); // palm half-width
  const angle = (rng.nextDouble() - 0.5) * 0.6;
  const cx = size / 2 + (rng.nextDouble() - 0.5) * size * 0.12;
  const cy = size * 0.62 + (rng.nextDouble() - 0.5) * size * 0.1;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const at = (u: number, v: number): [number, number] => [
    cx + u * cos - v * sin,
    cy + u * sin + v * cos,
  ];
  // Finger slots from the little finger to the thumb; the first `fingers` slots are raised.
  const slots = [
    { u: 0.75, len: 1.1, spread: 0.18 },
    { u: 0.25, len: 1.4, spread: 0.06 },
    { u: -0.25, len: 1.5, spread: -0.04 },
    { u: -0.75, len: 1.35, spread: -0.14 },
    { u: -1.05, len: 0.95, spread: -0.9, thumb: true },
  ];
  const order = [1, 2, 0, 3, 4]; // count 1: index finger, 2: + middle, …, 5: + thumb
  for (let k = 0; k < fingers; k++) {
    const slot = slots[order[k] as number] as {
      u: number;
      len: number;
      spread: number;
      thumb?: boolean;
    };
    const len = slot.len * s * (0.9 + 0.2 * rng.nextDouble());
    const a = angle + slot.spread;
    const baseV = slot.thumb ? -0.1 * s : -0.7 * s;
    const [bx, by] = at(slot.u * s, baseV);
    const mx = bx + Math.sin(a) * len * 0.5;
    const my = by - Math.cos(a) * len * 0.5;
    paint(c, rect(mx, my, s * 0.2, len * 0.5 + s * 0.1, a), skin);
  }
  paint(c, ellipse(cx, cy, s * 1.05, s * 1.15, angle), skin);
  // A wrist.
  const [wx, wy] = at(0, s * 1.4);
  paint(c, rect(wx, wy, s * 0.7, s * 0.6, angle), skin);
  return c;
}
