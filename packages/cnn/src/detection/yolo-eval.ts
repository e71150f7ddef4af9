import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  asCaller,
  assertNumber,
  assertTensor,
  describeValue,
  MAX_ELEMENTS,
} from '@dlkit/core';
import { FINITE, checkLeading } from './box-checks.js';
import { corners } from './yolo-boxes-to-corners.js';
import { filterBoxes, type Detections } from './yolo-filter-boxes.js';
import { readNmsOptions, suppress, type NmsOptions } from './yolo-non-max-suppression.js';
import { checkImageShape, scaled } from './scale-boxes.js';
import type { YoloOutputs } from './yolo-head.js';

const OUTPUTS = ['boxXy', 'boxWh', 'boxConfidence', 'boxClassProbs'] as const;

/** Checks `yoloOutputs`: four finite float32 tensors with the same leading dimensions. */
function checkOutputs(fn: string, value: unknown): YoloOutputs {
  const proto: unknown =
    value === null || typeof value !== 'object' ? undefined : Object.getPrototypeOf(value);
  if (proto !== Object.prototype) {
    throw new DlkitError(
      'value',
      fn,
      `yoloOutputs must be an object { boxXy, boxWh, boxConfidence, boxClassProbs } (what yoloHead returns), got ${describeValue(value)}`,
      { argument: 'yoloOutputs' },
    );
  }
  const o = value as Record<string, unknown>;
  for (const k of OUTPUTS) assertTensor(fn, `yoloOutputs.${k}`, o[k], FINITE);
  const out = o as unknown as YoloOutputs;
  const lead = out.boxXy.shape.slice(0, -1);
  checkLeading(fn, 'yoloOutputs.boxXy', out.boxXy, lead, 'yoloOutputs.boxXy', 2);
  checkLeading(fn, 'yoloOutputs.boxWh', out.boxWh, lead, 'yoloOutputs.boxXy', 2);
  checkLeading(fn, 'yoloOutputs.boxConfidence', out.boxConfidence, lead, 'yoloOutputs.boxXy', 1);
  checkLeading(fn, 'yoloOutputs.boxClassProbs', out.boxClassProbs, lead, 'yoloOutputs.boxXy', null);
  return out;
}

/**
 * The whole YOLO post-processing of one image, the notebook's `yolo_eval`: corners from centres
 * (`yoloBoxesToCorners`), the score filter (`yoloFilterBoxes`), scaling to pixels (`scaleBoxes`),
 * then non-max suppression (`yoloNonMaxSuppression`).
 *
 * @param yoloOutputs - `{ boxXy, boxWh, boxConfidence, boxClassProbs }` of one image (what
 *   `yoloHead` returns for a batch of one, `[1, S, S, B, ·]`, or `[S, S, B, ·]`).
 * @param imageShape - `[height, width]` in pixels. Default `[720, 1280]` (the notebook's).
 * @param maxBoxes - Most boxes returned. Default 10.
 * @param scoreThreshold - Least score kept. Default 0.6.
 * @param iouThreshold - NMS overlap threshold. Default 0.5.
 * @param options - `perClass` suppression (see `NmsOptions`).
 * @returns `{ scores, boxes, classes }`: `[n]`, `[n, 4]` pixel boxes `[y1, x1, y2, x2]`, `[n]` int32,
 *   best first. The caller owns them.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { yoloEval, yoloHead } from '@dlkit/cnn';
 * const feats = tf.randomNormal([1, 4, 4, 2 * (5 + 3)], 0, 2, 'float32', 1);
 * const anchors = tf.tensor2d([[1, 1], [2, 2]]);
 * const outputs = yoloHead(feats, anchors, 3);
 * const { scores, boxes, classes } = yoloEval(outputs, [64, 64], 5, 0.3, 0.5);
 * console.log(scores.shape[0] <= 5, boxes.shape[1]); // true 4
 * tf.dispose([feats, anchors, scores, boxes, classes, ...Object.values(outputs)]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function yoloEval(
  yoloOutputs: YoloOutputs,
  imageShape: readonly [number, number] = [720, 1280],
  maxBoxes = 10,
  scoreThreshold = 0.6,
  iouThreshold = 0.5,
  options: NmsOptions = {},
): Detections {
  const fn = 'yoloEval';
  const out = checkOutputs(fn, yoloOutputs);
  const [h, w] = checkImageShape(fn, 'imageShape', imageShape);
  const max = assertNumber(fn, 'maxBoxes', maxBoxes, { integer: true, min: 0, max: MAX_ELEMENTS });
  const score = assertNumber(fn, 'scoreThreshold', scoreThreshold);
  const thr = assertNumber(fn, 'iouThreshold', iouThreshold, { min: 0, max: 1 });
  const perClass = readNmsOptions(fn, options);
  return asCaller(fn, () => evaluate(out, h, w, max, score, thr, perClass));
}

/** `yoloEval`'s work, unchecked. */
export function evaluate(
  out: YoloOutputs,
  h: number,
  w: number,
  maxBoxes: number,
  scoreThreshold: number,
  iouThreshold: number,
  perClass: boolean,
): Detections {
  const boxes = corners(out.boxXy, out.boxWh);
  const filtered = (() => {
    try {
      return filterBoxes(boxes, out.boxConfidence, out.boxClassProbs, scoreThreshold);
    } finally {
      boxes.dispose();
    }
  })();
  try {
    const pixels = scaled(filtered.boxes, h, w);
    try {
      return suppress(
        filtered.scores,
        pixels as tf.Tensor2D,
        filtered.classes,
        maxBoxes,
        iouThreshold,
        perClass,
      );
    } finally {
      pixels.dispose();
    }
  } finally {
    tf.dispose([filtered.scores, filtered.boxes, filtered.classes]);
  }
}
