import type { RandomState } from '@dlkit/core';
import {
  circle,
  fillBackground,
  newCanvas,
  paint,
  polygon,
  randomBackground,
  randomColor,
  rect,
  triangle,
  type Canvas,
  type Color,
} from './raster.js';
import { classificationSet, type ImageSet, type ImageSetOptions } from './image-set.js';

/** Options for {@link makeCatFaces}. */
export interface CatFacesOptions extends ImageSetOptions {
  /** `'images'`: `x` is `[m, size, size, 3]`, `y` is `[m]`; `'columns'` (C1): `x` is `[size·size·3, m]`, `y` is `[1, m]`. */
  layout?: 'images' | 'columns';
}

/**
 * A synthetic stand-in for the course's cat / non-cat images (`load_dataset`, 209 training and 50
 * test 64×64 RGB pictures): label 1 is a drawn cat face (a round head with two pointed ears, eyes
 * and a nose), label 0 is something else: a plain disc, a face without ears, a square or a
 * triangle. Colours, sizes, positions and backgrounds vary; classes are balanced. Logistic
 * regression does moderately; a deeper network does better, as in the course.
 *
 * @param options - Split sizes (defaults 209 / 50), image size, seed, noise, normalisation, layout.
 * @returns `{ train, test, info }`; `x` float32, `y` int32; the caller owns the four tensors.
 *
 * @example
 * ```ts
 * import { makeCatFaces } from '@dlkit/datasets';
 * const { train, test, info } = makeCatFaces({ trainSize: 8, testSize: 4, size: 32 });
 * console.log(train.x.shape, info.classes); // [8, 32, 32, 3] ['non-cat', 'cat']
 * [train.x, train.y, test.x, test.y].forEach((t) => t.dispose());
 * ```
 *
 * @category C1 W2 · Logistic regression as a neural network
 */
export function makeCatFaces(options: CatFacesOptions = {}): ImageSet {
  return classificationSet(
    'makeCatFaces',
    'cat-faces',
    ['non-cat', 'cat'],
    options,
    { trainSize: 209, testSize: 50 },
    drawCatOrNot,
  );
}

function drawCatOrNot(rng: RandomState, label: number, size: number): Canvas {
  const c = newCanvas(size);
  const [top, bottom] = randomBackground(rng);
  fillBackground(c, top, bottom);
  const r = size * (0.18 + 0.1 * rng.nextDouble());
  const cx = size / 2 + (rng.nextDouble() - 0.5) * (size - 2.6 * r) * 0.8;
  const cy = size / 2 + r * 0.3 + (rng.nextDouble() - 0.5) * (size - 3 * r) * 0.6;
  const color = randomColor(rng);
  const kind =
    label === 1
      ? 'cat'
      : (['disc', 'face', 'square', 'triangle'] as const)[Math.floor(rng.nextDouble() * 4)];
  if (kind === 'square') {
    paint(c, rect(cx, cy, r * 0.9, r * 0.9, (rng.nextDouble() - 0.5) * 0.8), color);
    return c;
  }
  if (kind === 'triangle') {
    paint(c, triangle(cx, cy, r * 1.2, (rng.nextDouble() - 0.5) * 0.8), color);
    return c;
  }
  if (kind === 'cat') {
    for (const side of [-1, 1]) {
      const ex = cx + side * r * 0.62;
      const tip: [number, number] = [
        cx + side * r * (0.75 + 0.2 * rng.nextDouble()),
        cy - r * (1.45 + 0.2 * rng.nextDouble()),
      ];
      paint(
        c,
        polygon([[ex - r * 0.38, cy - r * 0.45], [ex + r * 0.38, cy - r * 0.45], tip]),
        color,
      );
    }
  }
  paint(c, circle(cx, cy, r), color);
  if (kind === 'disc') return c;
  const dark: Color = [0.05, 0.05, 0.08];
  const eye = Math.max(1, r * 0.14);
  paint(c, circle(cx - r * 0.38, cy - r * 0.15, eye), dark);
  paint(c, circle(cx + r * 0.38, cy - r * 0.15, eye), dark);
  paint(c, triangle(cx, cy + r * 0.2, Math.max(1, r * 0.12), Math.PI), [0.9, 0.45, 0.55]);
  return c;
}
