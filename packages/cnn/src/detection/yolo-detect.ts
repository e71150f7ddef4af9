import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  MAX_ELEMENTS,
  asCaller,
  assertNumber,
  assertOptions,
  assertTensor,
  describeValue,
  formatShape,
} from '@dlkit/core';
import type { ImageDetections } from './average-precision.js';
import { decodeHead } from './yolo-head.js';
import { evaluate } from './yolo-eval.js';
import { readNmsOptions, type NmsOptions } from './yolo-non-max-suppression.js';
import { anchorList } from './yolo-targets.js';

/**
 * Options of `yoloDetect`: `yoloEval`'s thresholds.
 *
 * @category C4 W3 · Object detection
 */
export interface YoloDetectOptions extends NmsOptions {
  /** Most boxes per image. Default 10. */
  maxBoxes?: number;
  /** Least score kept. Default 0.6. */
  scoreThreshold?: number;
  /** NMS overlap threshold. Default 0.5. */
  iouThreshold?: number;
}

/** The model's `[nH, nW, nC]` and its number of classes for `b` anchors. */
function checkModel(fn: string, model: unknown, b: number): { input: number[]; c: number } {
  if (!(model instanceof tf.LayersModel)) {
    throw new DlkitError(
      'value',
      fn,
      `model must be a tf.LayersModel, got ${describeValue(model)}`,
      { argument: 'model' },
    );
  }
  const input = model.inputs[0]?.shape.slice(1) ?? [];
  const out = model.outputs[0]?.shape ?? [];
  const depth = out.length === 4 ? (out[3] ?? 0) : 0;
  const c = depth / b - 5;
  if (model.inputs.length !== 1 || input.length !== 3 || !Number.isInteger(c) || c < 1) {
    throw new DlkitError(
      'shape',
      fn,
      `model must map [m, nH, nW, nC] to [m, S, S, B · (5 + C)] with B = ${b} (from anchors), got output ${formatShape(out)}`,
      { argument: 'model' },
    );
  }
  return { input: input as number[], c };
}

/**
 * Runs a YOLO detector on images and returns each image's boxes: the model's output decoded by
 * `yoloHead` and post-processed by `yoloEval` (score filter, pixel boxes, non-max suppression).
 *
 * @param model - A detector from `yoloDetector` (or any model `[m, nH, nW, nC] → [m, S, S, B · (5 + C)]`).
 * @param images - `[m, nH, nW, nC]`, the size the model takes.
 * @param anchors - `[B, 2]` anchor sizes in grid cells, those the model was trained with.
 * @param options - `maxBoxes` (10), `scoreThreshold` (0.6), `iouThreshold` (0.5), `perClass` (false).
 * @returns One `{ boxes, scores, classes }` per image, plain arrays; boxes are pixel corners
 *   `[y1, x1, y2, x2]`, best score first.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { yoloDetect, yoloDetector } from '@dlkit/cnn';
 * const model = yoloDetector([16, 16, 3], 1, 2, { filters: [4], seed: 1 });
 * const anchors = tf.tensor2d([[1, 1]]);
 * const images = tf.zeros([2, 16, 16, 3]);
 * const found = yoloDetect(model, images, anchors, { scoreThreshold: 0 });
 * console.log(found.length, found[0]!.boxes.length <= 10); // 2 true
 * tf.dispose([anchors, images]);
 * model.dispose();
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function yoloDetect(
  model: tf.LayersModel,
  images: tf.Tensor,
  anchors: tf.Tensor2D,
  options: YoloDetectOptions = {},
): ImageDetections[] {
  const fn = 'yoloDetect';
  const b = anchorList(fn, anchors).length;
  const { input, c } = checkModel(fn, model, b);
  const x = assertTensor(fn, 'images', images, { rank: 4, finite: true });
  if (input.some((d, i) => d !== x.shape[i + 1])) {
    throw new DlkitError(
      'shape',
      fn,
      `images must have shape [m, ${input.join(', ')}] (the model's input), got ${formatShape(x.shape)}`,
      { argument: 'images' },
    );
  }
  const o = assertOptions(fn, 'options', options ?? undefined, [
    'maxBoxes',
    'scoreThreshold',
    'iouThreshold',
    'perClass',
  ]);
  const maxBoxes = assertNumber(fn, 'options.maxBoxes', o.maxBoxes ?? 10, {
    integer: true,
    min: 0,
    max: MAX_ELEMENTS,
  });
  const score = assertNumber(fn, 'options.scoreThreshold', o.scoreThreshold ?? 0.6);
  const thr = assertNumber(fn, 'options.iouThreshold', o.iouThreshold ?? 0.5, { min: 0, max: 1 });
  const perClass = readNmsOptions(fn, { perClass: o.perClass });
  const [h, w] = input as [number, number];
  return asCaller(fn, () => {
    const feats = tf.tidy(() => model.predict(x, { batchSize: 32 }) as tf.Tensor);
    try {
      return Array.from({ length: x.shape[0] }, (_, i) => {
        const slice = feats.slice(i, 1);
        const one = decodeHead(slice, anchors, c);
        slice.dispose();
        const r = evaluate(one, h, w, maxBoxes, score, thr, perClass);
        tf.dispose(Object.values(one));
        const found = {
          boxes: r.boxes.arraySync(),
          scores: Array.from(r.scores.dataSync()),
          classes: Array.from(r.classes.dataSync()),
        };
        tf.dispose([r.boxes, r.scores, r.classes]);
        return found;
      });
    } finally {
      feats.dispose();
    }
  });
}
