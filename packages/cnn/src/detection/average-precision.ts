import { DlkitError, assertNumber, assertOptions, assertSize, describeValue } from '@dlkit/core';
import { checkBox, iou } from './iou.js';

/**
 * One image's detections as plain arrays (`arraySync` of what `yoloEval` returns).
 *
 * @category C4 W3 · Object detection
 */
export interface ImageDetections {
  /** Corner boxes, each `[x1, y1, x2, y2]` (or `[y1, x1, y2, x2]`: the same order as the ground truth). */
  boxes: number[][];
  /** Each box's score. */
  scores: number[];
  /** Each box's class index. */
  classes: number[];
}

/**
 * One image's true objects.
 *
 * @category C4 W3 · Object detection
 */
export interface ImageGroundTruth {
  /** Corner boxes, in the detections' order. */
  boxes: number[][];
  /** Each box's class index. */
  classes: number[];
}

/**
 * Options of `meanAveragePrecision`.
 *
 * @category C4 W3 · Object detection
 */
export interface AveragePrecisionOptions {
  /** IoU a detection needs with a true box of its class to count as found. Default 0.5 (VOC's). */
  iouThreshold?: number;
  /** Number of classes. Default: one more than the largest class index seen. */
  numClasses?: number;
}

/**
 * What `meanAveragePrecision` measured.
 *
 * @category C4 W3 · Object detection
 */
export interface AveragePrecisionResult {
  /** The mean of `ap` over the classes that have true boxes (0 when none has). */
  map: number;
  /** Each class's average precision, `null` for a class with no true box. */
  ap: (number | null)[];
}

function checkImages(
  fn: string,
  argument: string,
  value: unknown,
  scored: boolean,
): ImageGroundTruth[] {
  if (!Array.isArray(value)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array of images, got ${describeValue(value)}`,
      { argument },
    );
  }
  value.forEach((img: unknown, i) => {
    const where = `${argument}[${i}]`;
    const fields = scored
      ? (['boxes', 'scores', 'classes'] as const)
      : (['boxes', 'classes'] as const);
    const o = img as Record<string, unknown>;
    if (img === null || typeof img !== 'object' || !fields.every((f) => Array.isArray(o[f]))) {
      throw new DlkitError(
        'value',
        fn,
        `${where} must be an object { ${fields.join(', ')} } of arrays, got ${describeValue(img)}`,
        {
          argument,
        },
      );
    }
    const n = (o['boxes'] as unknown[]).length;
    for (const f of fields) {
      const len = (o[f] as unknown[]).length;
      if (len !== n) {
        throw new DlkitError(
          'value',
          fn,
          `${where}.${f} must have one entry per box (${n}), got ${len}`,
          { argument },
        );
      }
    }
    (o['boxes'] as unknown[]).forEach((b, j) => checkBox(fn, `${where}.boxes[${j}]`, b));
    (o['classes'] as unknown[]).forEach((c, j) => assertSize(fn, `${where}.classes[${j}]`, c));
    if (scored)
      (o['scores'] as unknown[]).forEach((s, j) => assertNumber(fn, `${where}.scores[${j}]`, s));
  });
  return value as ImageGroundTruth[];
}

/** VOC's all-point interpolated area under the precision/recall curve. */
function areaUnder(recall: number[], precision: number[]): number {
  const r = [0, ...recall, 1];
  const p = [0, ...precision, 0];
  for (let i = p.length - 1; i > 0; i--) p[i - 1] = Math.max(p[i - 1]!, p[i]!);
  let area = 0;
  for (let i = 1; i < r.length; i++) area += (r[i]! - r[i - 1]!) * p[i]!;
  return area;
}

/** One class's average precision, `null` without true boxes. */
function classAp(
  dets: ImageDetections[],
  truths: ImageGroundTruth[],
  cls: number,
  thr: number,
): number | null {
  const positives = truths.reduce((s, t) => s + t.classes.filter((c) => c === cls).length, 0);
  if (positives === 0) return null;
  const found = dets
    .flatMap((d, img) =>
      d.boxes.map((box, j) => ({ img, box, score: d.scores[j]!, cls: d.classes[j]! })),
    )
    .filter((d) => d.cls === cls)
    .sort((a, b) => b.score - a.score);
  const used = truths.map((t) => t.classes.map(() => false));
  let tp = 0;
  const recall: number[] = [];
  const precision: number[] = [];
  found.forEach((d, k) => {
    const t = truths[d.img];
    let best = 0;
    let at = -1;
    t?.boxes.forEach((b, j) => {
      if (t.classes[j] !== cls) return;
      const o = iou(d.box, b);
      if (o > best) [best, at] = [o, j];
    });
    if (at >= 0 && best >= thr && !used[d.img]![at]) [used[d.img]![at], tp] = [true, tp + 1];
    recall.push(tp / positives);
    precision.push(tp / (k + 1));
  });
  return areaUnder(recall, precision);
}

/**
 * Mean average precision, PASCAL VOC style: per class, the detections of every image sorted by
 * score are matched greedily to unmatched true boxes of that class (IoU ≥ `iouThreshold` with the
 * best-overlapping one, else a false positive); AP is the area under the precision/recall curve
 * with precision made monotone (VOC 2010's all-point interpolation), and mAP their mean.
 *
 * @param detections - Per image, `{ boxes, scores, classes }` (plain arrays; see `ImageDetections`).
 * @param groundTruths - Per image (the same number), `{ boxes, classes }`.
 * @param options - `iouThreshold` (default 0.5), `numClasses`.
 * @returns `{ map, ap }` (see `AveragePrecisionResult`).
 *
 * @example
 * ```ts
 * import { meanAveragePrecision } from '@dlkit/cnn';
 * const truth = [{ boxes: [[0, 0, 10, 10]], classes: [0] }];
 * const found = [{ boxes: [[1, 1, 10, 10], [20, 20, 30, 30]], scores: [0.9, 0.8], classes: [0, 0] }];
 * console.log(meanAveragePrecision(found, truth)); // { map: 1, ap: [1] }: the best-scored box is right
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function meanAveragePrecision(
  detections: readonly ImageDetections[],
  groundTruths: readonly ImageGroundTruth[],
  options: AveragePrecisionOptions = {},
): AveragePrecisionResult {
  const fn = 'meanAveragePrecision';
  const dets = checkImages(fn, 'detections', detections, true) as ImageDetections[];
  const truths = checkImages(fn, 'groundTruths', groundTruths, false);
  if (dets.length !== truths.length) {
    throw new DlkitError(
      'value',
      fn,
      `detections and groundTruths must have one entry per image, got ${dets.length} and ${truths.length}`,
      { argument: 'groundTruths' },
    );
  }
  const o = assertOptions(fn, 'options', options ?? undefined, ['iouThreshold', 'numClasses']);
  const thr = assertNumber(fn, 'options.iouThreshold', o.iouThreshold ?? 0.5, { min: 0, max: 1 });
  const seen = Math.max(-1, ...[...dets, ...truths].flatMap((d) => d.classes)) + 1;
  const k = assertSize(fn, 'options.numClasses', o.numClasses ?? seen, 0);
  if (k < seen) {
    throw new DlkitError(
      'value',
      fn,
      `options.numClasses must exceed every class index (${seen - 1}), got ${k}`,
      {
        argument: 'options.numClasses',
      },
    );
  }
  const ap = Array.from({ length: k }, (_, c) => classAp(dets, truths, c, thr));
  const present = ap.filter((a): a is number => a !== null);
  return {
    map: present.length === 0 ? 0 : present.reduce((a, b) => a + b, 0) / present.length,
    ap,
  };
}
