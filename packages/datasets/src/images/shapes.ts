import * as tf from '@tensorflow/tfjs';
import { RandomState } from '@dlkit/core';
import {
  addNoise,
  circle,
  fillBackground,
  newCanvas,
  paint,
  randomBackground,
  randomColor,
  rect,
  triangle,
  type Canvas,
  type Shape,
} from './raster.js';
import { canvasesToTensor, checkImageOptions, type ImageSetOptions } from './image-set.js';
import { checkCount } from '../internal/options.js';

/** The shape classes of {@link makeShapeDetection} and {@link makeShapeSegmentation}. */
export const SHAPE_CLASSES = ['circle', 'square', 'triangle'] as const;

/** Options for {@link makeShapeDetection}. */
export interface ShapeDetectionOptions extends ImageSetOptions {
  /** Most shapes per image (each image has 1…maxObjects). Default 3. */
  maxObjects?: number;
}

/** One object of a detection image. */
export interface ShapeObject {
  /** Index into `info.classes` (0 circle, 1 square, 2 triangle). */
  classId: number;
  /** The tight box of its pixels, `[yMin, xMin, yMax, xMax]` as fractions of the image side (tfjs's box order). */
  box: [number, number, number, number];
}

/** One split of {@link makeShapeDetection}. The caller owns the three tensors. */
export interface ShapeDetectionSplit {
  /** float32 `[m, size, size, 3]`. */
  x: tf.Tensor4D;
  /** float32 `[m, maxObjects, 4]`: `[yMin, xMin, yMax, xMax]` in `[0, 1]`, zero rows after the last object. */
  boxes: tf.Tensor3D;
  /** int32 `[m, maxObjects]`: class of each box, `-1` for padding. */
  classes: tf.Tensor2D;
  /** The same objects as plain arrays, one list per image. */
  objects: ShapeObject[][];
}

/** Detection data: `{ train, test, info }`. */
export interface ShapeDetectionData {
  /** Training images and boxes. */
  train: ShapeDetectionSplit;
  /** Test images and boxes. */
  test: ShapeDetectionSplit;
  /** Class names, image shape and provenance. */
  info: { name: string; classes: string[]; imageShape: [number, number, number]; maxObjects: number; source: string };
}

function randomShape(rng: RandomState, classId: number, cx: number, cy: number, r: number): Shape {
  const angle = (rng.nextDouble() - 0.5) * 0.8;
  if (classId === 0) return circle(cx, cy, r);
  if (classId === 1) return rect(cx, cy, r * 0.85, r * 0.85, angle);
  return triangle(cx, cy, r * 1.15, angle);
}

/**
 * A synthetic object-detection set standing in for the course's car-detection images: each
 * image holds 1…`maxObjects` non-overlapping circles, squares and triangles in random colours,
 * with exact bounding boxes (the tight box of each shape's pixels). Use it for IoU, YOLO box
 * encoding and non-max suppression exercises.
 *
 * @param options - Split sizes (defaults 200 / 50), image size, objects per image, seed, noise, normalisation.
 * @returns `{ train, test, info }`; see {@link ShapeDetectionSplit} for the tensors (the caller owns them).
 *
 * @example
 * ```ts
 * import { makeShapeDetection } from '@dlkit/datasets';
 * const { train, test } = makeShapeDetection({ trainSize: 4, testSize: 2, size: 32 });
 * console.log(train.boxes.shape, train.objects[0]);
 * [train.x, train.boxes, train.classes, test.x, test.boxes, test.classes].forEach((t) => t.dispose());
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function makeShapeDetection(options: ShapeDetectionOptions = {}): ShapeDetectionData {
  const fn = 'makeShapeDetection';
  const o = checkImageOptions(fn, options, { trainSize: 200, testSize: 50 });
  const maxObjects = checkCount(fn, 'maxObjects', options.maxObjects ?? 3, 1, 10);
  const rng = new RandomState(o.seed);
  const split = (m: number): ShapeDetectionSplit => {
    const canvases: Canvas[] = [];
    const objects: ShapeObject[][] = [];
    for (let i = 0; i < m; i++) {
      const c = newCanvas(o.size);
      const [top, bottom] = randomBackground(rng);
      fillBackground(c, top, bottom);
      const want = 1 + Math.floor(rng.nextDouble() * maxObjects);
      const placed: { cx: number; cy: number; r: number }[] = [];
      const objs: ShapeObject[] = [];
      for (let tries = 0; objs.length < want && tries < 50; tries++) {
        const r = o.size * (0.08 + 0.1 * rng.nextDouble());
        const cx = r * 1.2 + rng.nextDouble() * (o.size - 2.4 * r);
        const cy = r * 1.2 + rng.nextDouble() * (o.size - 2.4 * r);
        const classId = Math.floor(rng.nextDouble() * 3);
        const shape = randomShape(rng, classId, cx, cy, r);
        const color = randomColor(rng);
        // Bounding circles 1.25 r apart at least: shapes never overlap or touch.
        if (placed.some((p) => Math.hypot(p.cx - cx, p.cy - cy) < 1.25 * (p.r + r) + 1)) continue;
        const px = paint(c, shape, color);
        if (px === null) continue;
        placed.push({ cx, cy, r });
        const [y0, x0, y1, x1] = px;
        objs.push({ classId, box: [y0 / o.size, x0 / o.size, (y1 + 1) / o.size, (x1 + 1) / o.size] });
      }
      canvases.push(c);
      objects.push(objs);
    }
    for (const c of canvases) addNoise(c, rng, o.noise);
    const boxes = new Float32Array(m * maxObjects * 4);
    const classes = new Int32Array(m * maxObjects).fill(-1);
    objects.forEach((objs, i) =>
      objs.forEach((ob, k) => {
        boxes.set(ob.box, (i * maxObjects + k) * 4);
        classes[i * maxObjects + k] = ob.classId;
      }),
    );
    return {
      x: canvasesToTensor(canvases, o.size, o.normalize, 'images') as tf.Tensor4D,
      boxes: tf.tensor3d(boxes, [m, maxObjects, 4]),
      classes: tf.tensor2d(classes, [m, maxObjects], 'int32'),
      objects,
    };
  };
  const train = split(o.trainSize);
  const test = split(o.testSize);
  return {
    train,
    test,
    info: {
      name: 'shape-detection',
      classes: [...SHAPE_CLASSES],
      imageShape: [o.size, o.size, 3],
      maxObjects,
      source: 'generated by @dlkit/datasets',
    },
  };
}

/** Options for {@link makeShapeSegmentation}. */
export interface ShapeSegmentationOptions extends ImageSetOptions {
  /** Most shapes per image (1…maxObjects, later ones may cover earlier ones). Default 4. */
  maxObjects?: number;
}

/** One split of {@link makeShapeSegmentation}. The caller owns both tensors. */
export interface ShapeSegmentationSplit {
  /** float32 `[m, size, size, 3]`. */
  x: tf.Tensor4D;
  /** int32 `[m, size, size, 1]`: 0 background, 1 circle, 2 square, 3 triangle (the course's mask layout). */
  mask: tf.Tensor4D;
}

/** Segmentation data: `{ train, test, info }`. */
export interface ShapeSegmentationData {
  /** Training images and masks. */
  train: ShapeSegmentationSplit;
  /** Test images and masks. */
  test: ShapeSegmentationSplit;
  /** Class names (`classes[0]` is `'background'`), image shape and provenance. */
  info: { name: string; classes: string[]; imageShape: [number, number, number]; source: string };
}

/**
 * A synthetic semantic-segmentation set standing in for the course's CARLA scenes (U-Net lab):
 * images of overlapping circles, squares and triangles with a per-pixel class mask that is exact
 * (the mask is painted with the image; where shapes overlap, the one drawn last wins).
 *
 * @param options - Split sizes (defaults 200 / 50), image size, objects per image, seed, noise, normalisation.
 * @returns `{ train, test, info }`; `x` float32 `[m, size, size, 3]`, `mask` int32 `[m, size, size, 1]`; the caller owns the tensors.
 *
 * @example
 * ```ts
 * import { makeShapeSegmentation } from '@dlkit/datasets';
 * const { train, test, info } = makeShapeSegmentation({ trainSize: 4, testSize: 2, size: 32 });
 * console.log(train.mask.shape, info.classes); // [4, 32, 32, 1] ['background', 'circle', 'square', 'triangle']
 * [train.x, train.mask, test.x, test.mask].forEach((t) => t.dispose());
 * ```
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export function makeShapeSegmentation(options: ShapeSegmentationOptions = {}): ShapeSegmentationData {
  const fn = 'makeShapeSegmentation';
  const o = checkImageOptions(fn, options, { trainSize: 200, testSize: 50 });
  const maxObjects = checkCount(fn, 'maxObjects', options.maxObjects ?? 4, 1, 20);
  const rng = new RandomState(o.seed);
  const split = (m: number): ShapeSegmentationSplit => {
    const canvases: Canvas[] = [];
    const masks = new Int32Array(m * o.size * o.size);
    for (let i = 0; i < m; i++) {
      const c = newCanvas(o.size, true);
      const [top, bottom] = randomBackground(rng);
      fillBackground(c, top, bottom);
      const n = 1 + Math.floor(rng.nextDouble() * maxObjects);
      for (let k = 0; k < n; k++) {
        const r = o.size * (0.08 + 0.14 * rng.nextDouble());
        const cx = rng.nextDouble() * o.size;
        const cy = rng.nextDouble() * o.size;
        const classId = Math.floor(rng.nextDouble() * 3);
        paint(c, randomShape(rng, classId, cx, cy, r), randomColor(rng), classId + 1);
      }
      masks.set(c.mask as Int32Array, i * o.size * o.size);
      canvases.push(c);
    }
    for (const c of canvases) addNoise(c, rng, o.noise);
    return {
      x: canvasesToTensor(canvases, o.size, o.normalize, 'images') as tf.Tensor4D,
      mask: tf.tensor4d(masks, [m, o.size, o.size, 1], 'int32'),
    };
  };
  const train = split(o.trainSize);
  const test = split(o.testSize);
  return {
    train,
    test,
    info: {
      name: 'shape-segmentation',
      classes: ['background', ...SHAPE_CLASSES],
      imageShape: [o.size, o.size, 3],
      source: 'generated by @dlkit/datasets',
    },
  };
}
