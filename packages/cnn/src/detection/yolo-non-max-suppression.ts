import * as tf from '@tensorflow/tfjs';
import {
  ShapeChecker,
  asCaller,
  assertNumber,
  assertOptions,
  assertTensor,
  assertOneOf,
  MAX_ELEMENTS,
} from '@dlkit/core';
import { FINITE, checkBoxes } from './box-checks.js';
import type { Detections } from './yolo-filter-boxes.js';

/**
 * Options of `yoloNonMaxSuppression` and `yoloEval` beyond the notebook's arguments.
 *
 * @category C4 W3 · Object detection
 */
export interface NmsOptions {
  /**
   * `false` (the notebook's, default): one suppression over all boxes, so a box hides any box of
   * any class it overlaps. `true`: boxes suppress only boxes of their own class (torchvision's
   * `batched_nms`).
   */
  perClass?: boolean;
}

/**
 * Non-max suppression of YOLO's filtered boxes, the notebook's `yolo_non_max_suppression`: keep
 * the best-scoring box, drop every box whose IoU with it exceeds `iouThreshold`, repeat, up to
 * `maxBoxes` boxes (tfjs's `tf.image.nonMaxSuppression`, as the notebook uses TensorFlow's).
 *
 * @param scores - `[n]` box scores.
 * @param boxes - `[n, 4]` corner boxes `[y1, x1, y2, x2]` (`y2 >= y1`, `x2 >= x1`).
 * @param classes - `[n]` int32 class of each box.
 * @param maxBoxes - Most boxes kept. Default 10.
 * @param iouThreshold - Overlap above which a box is suppressed, in `[0, 1]`. Default 0.5.
 * @param options - `perClass` (see `NmsOptions`).
 * @returns `{ scores, boxes, classes }` of the kept boxes, best score first. The caller owns them.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { yoloNonMaxSuppression } from '@dlkit/cnn';
 * const scores = tf.tensor1d([0.9, 0.8, 0.7]);
 * const boxes = tf.tensor2d([[0, 0, 10, 10], [1, 1, 10, 10], [20, 20, 30, 30]]);
 * const classes = tf.tensor1d([0, 0, 1], 'int32');
 * const kept = yoloNonMaxSuppression(scores, boxes, classes, 10, 0.5);
 * console.log(kept.scores.arraySync()); // [0.9, 0.7]: the second box overlaps the first
 * tf.dispose([scores, boxes, classes, kept.scores, kept.boxes, kept.classes]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function yoloNonMaxSuppression(
  scores: tf.Tensor,
  boxes: tf.Tensor,
  classes: tf.Tensor,
  maxBoxes = 10,
  iouThreshold = 0.5,
  options: NmsOptions = {},
): Detections {
  const fn = 'yoloNonMaxSuppression';
  const s = assertTensor(fn, 'scores', scores, { rank: 1, finite: true });
  checkBoxes(fn, 'boxes', boxes, 'yxyx', 2);
  assertTensor(fn, 'classes', classes, { dtypes: ['int32'], ...FINITE });
  new ShapeChecker(fn)
    .check('scores', s, ['n'])
    .check('boxes', boxes, ['n', 4])
    .check('classes', classes, ['n']);
  const max = assertNumber(fn, 'maxBoxes', maxBoxes, { integer: true, min: 0, max: MAX_ELEMENTS });
  const thr = assertNumber(fn, 'iouThreshold', iouThreshold, { min: 0, max: 1 });
  const perClass = readNmsOptions(fn, options);
  return asCaller(fn, () =>
    suppress(s as tf.Tensor1D, boxes as tf.Tensor2D, classes as tf.Tensor1D, max, thr, perClass),
  );
}

/** Checks `NmsOptions` and returns `perClass` (default `false`). */
export function readNmsOptions(fn: string, options: unknown): boolean {
  const o = assertOptions(fn, 'options', (options ?? undefined) as NmsOptions | undefined, [
    'perClass',
  ]);
  return assertOneOf(fn, 'options.perClass', o.perClass ?? false, [false, true]);
}

/** `yoloNonMaxSuppression`'s work, unchecked. */
export function suppress(
  scores: tf.Tensor1D,
  boxes: tf.Tensor2D,
  classes: tf.Tensor1D,
  maxBoxes: number,
  iouThreshold: number,
  perClass: boolean,
): Detections {
  return tf.tidy(() => {
    // torchvision's batched_nms: shift each class's boxes by its own offset so that no two
    // classes overlap, then one suppression handles every class.
    const shifted =
      perClass && scores.size > 0
        ? boxes.add(classes.toFloat().mul(boxes.max().sub(boxes.min()).add(1)).reshape([-1, 1]))
        : boxes;
    const keep = tf.image.nonMaxSuppression(
      shifted as tf.Tensor2D,
      scores,
      maxBoxes,
      iouThreshold,
      -Infinity,
    );
    return {
      scores: tf.gather(scores, keep) as tf.Tensor1D,
      boxes: tf.gather(boxes, keep) as tf.Tensor2D,
      classes: tf.gather(classes, keep) as tf.Tensor1D,
    };
  });
}
