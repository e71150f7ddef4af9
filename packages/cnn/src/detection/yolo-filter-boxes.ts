import * as tf from '@tensorflow/tfjs';
import { asCaller, assertNumber, assertTensor } from '@dlkit/core';
import { FINITE, checkBoxes, checkLeading } from './box-checks.js';

/**
 * Detections as the notebook returns them: `(scores, boxes, classes)` as an object. The caller
 * owns the three tensors.
 *
 * @category C4 W3 · Object detection
 */
export interface Detections {
  /** `[n]` float32: each box's score, `box_confidence × box_class_prob` of its class. */
  scores: tf.Tensor1D;
  /** `[n, 4]` float32: the boxes, in the layout they were given. */
  boxes: tf.Tensor2D;
  /** `[n]` int32: each box's class index. */
  classes: tf.Tensor1D;
}

/**
 * Keeps the boxes whose best class score (objectness × class probability) reaches a threshold,
 * the notebook's `yolo_filter_boxes`.
 *
 * @param boxes - `[..., 4]` boxes, e.g. `[19, 19, 5, 4]` (any layout; kept as given).
 * @param boxConfidence - `[..., 1]` objectness `p_c` of each box, the same leading dimensions.
 * @param boxClassProbs - `[..., C]` class probabilities `c_1 … c_C` of each box.
 * @param threshold - The score a box needs to be kept (`>=`). Default 0.6 (the notebook's).
 * @returns `{ scores, boxes, classes }`: `[n]`, `[n, 4]`, `[n]` int32 for the `n` kept boxes, in
 *   the boxes' row-major order. The caller owns them.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { yoloFilterBoxes } from '@dlkit/cnn';
 * const boxes = tf.tensor2d([[0, 0, 1, 1], [0, 0, 2, 2]]);
 * const confidence = tf.tensor2d([[0.9], [0.5]]);
 * const probs = tf.tensor2d([[0.2, 0.8], [0.6, 0.4]]);
 * const { scores, boxes: kept, classes } = yoloFilterBoxes(boxes, confidence, probs, 0.6);
 * console.log(scores.arraySync(), classes.arraySync()); // [0.72] [1]
 * tf.dispose([boxes, confidence, probs, scores, kept, classes]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function yoloFilterBoxes(
  boxes: tf.Tensor,
  boxConfidence: tf.Tensor,
  boxClassProbs: tf.Tensor,
  threshold = 0.6,
): Detections {
  const fn = 'yoloFilterBoxes';
  checkBoxes(fn, 'boxes', boxes, undefined);
  const lead = boxes.shape.slice(0, -1);
  checkLeading(
    fn,
    'boxConfidence',
    assertTensor(fn, 'boxConfidence', boxConfidence, FINITE),
    lead,
    'boxes',
    1,
  );
  checkLeading(
    fn,
    'boxClassProbs',
    assertTensor(fn, 'boxClassProbs', boxClassProbs, FINITE),
    lead,
    'boxes',
    null,
  );
  assertNumber(fn, 'threshold', threshold);
  return asCaller(fn, () => filterBoxes(boxes, boxConfidence, boxClassProbs, threshold));
}

/** `yoloFilterBoxes`'s work, unchecked. */
export function filterBoxes(
  boxes: tf.Tensor,
  boxConfidence: tf.Tensor,
  boxClassProbs: tf.Tensor,
  threshold: number,
): Detections {
  const c = boxClassProbs.shape.at(-1) as number;
  const [scoresAll, classesAll, flatBoxes] = tf.tidy(() => {
    const boxScores = boxConfidence.mul(boxClassProbs).reshape([-1, c]);
    return [boxScores.max(-1), boxScores.argMax(-1), boxes.reshape([-1, 4])];
  });
  try {
    const s = scoresAll.dataSync();
    const keep: number[] = [];
    for (let i = 0; i < s.length; i++) if ((s[i] as number) >= threshold) keep.push(i);
    return tf.tidy(() => {
      const idx = tf.tensor1d(keep, 'int32');
      return {
        scores: tf.gather(scoresAll, idx) as tf.Tensor1D,
        boxes: tf.gather(flatBoxes, idx) as tf.Tensor2D,
        classes: tf.gather(classesAll, idx).toInt() as tf.Tensor1D,
      };
    });
  } finally {
    tf.dispose([scoresAll, classesAll, flatBoxes]);
  }
}
