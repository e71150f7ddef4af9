import * as tf from '@tensorflow/tfjs';
import { DlkitError, asCaller, assertNumber, describeValue } from '@dlkit/core';
import { checkBoxes } from './box-checks.js';

/** Checks one corner box `[x1, y1, x2, y2]` given as plain numbers. */
export function checkBox(
  fn: string,
  argument: string,
  box: unknown,
): [number, number, number, number] {
  if (!Array.isArray(box) || box.length !== 4) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array [x1, y1, x2, y2] of 4 numbers, got ${describeValue(box)}`,
      { argument },
    );
  }
  const b = box.map((v, i) => assertNumber(fn, `${argument}[${i}]`, v)) as [
    number,
    number,
    number,
    number,
  ];
  for (const [k, name] of [
    [0, 'x'],
    [1, 'y'],
  ] as const) {
    if (b[k + 2]! < b[k]!) {
      throw new DlkitError(
        'value',
        fn,
        `${argument} must be a corner box [x1, y1, x2, y2] with ${name}2 >= ${name}1, got ${name}1 = ${b[k]}, ${name}2 = ${b[k + 2]}`,
        { argument },
      );
    }
  }
  return b;
}

/**
 * The intersection over union of two boxes, the notebook's `iou(box1, box2)`: the area both cover
 * divided by the area either covers (0 when they only touch; 0 for two empty boxes).
 *
 * @param box1 - `[x1, y1, x2, y2]`: the upper-left and lower-right corners, `x2 >= x1`, `y2 >= y1`.
 * @param box2 - The other box, the same way.
 * @returns The IoU, in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { iou } from '@dlkit/cnn';
 * console.log(iou([2, 1, 4, 3], [1, 2, 3, 4])); // 0.14285714285714285 (1 / 7, the notebook's test)
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function iou(box1: readonly number[], box2: readonly number[]): number {
  const [ax1, ay1, ax2, ay2] = checkBox('iou', 'box1', box1);
  const [bx1, by1, bx2, by2] = checkBox('iou', 'box2', box2);
  const inter =
    Math.max(Math.min(ax2, bx2) - Math.max(ax1, bx1), 0) *
    Math.max(Math.min(ay2, by2) - Math.max(ay1, by1), 0);
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * The IoU of every box of one set with every box of another, torchvision's `box_iou`. Both sets
 * are corner boxes in the same order (`[x1, y1, x2, y2]`, or tfjs's `[y1, x1, y2, x2]`: the IoU
 * is the same).
 *
 * @param boxes1 - `[n, 4]` corner boxes (`x2 >= x1`, `y2 >= y1`).
 * @param boxes2 - `[k, 4]` corner boxes.
 * @returns A new tensor `[n, k]`: entry `(i, j)` is the IoU of `boxes1[i]` and `boxes2[j]` (0 where
 *   the union is empty).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { boxIou } from '@dlkit/cnn';
 * const a = tf.tensor2d([[0, 0, 2, 2], [1, 1, 3, 3]]);
 * const b = tf.tensor2d([[0, 0, 2, 2]]);
 * const m = boxIou(a, b);
 * console.log(m.arraySync()); // [[1], [0.1428...]]
 * tf.dispose([a, b, m]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function boxIou(boxes1: tf.Tensor, boxes2: tf.Tensor): tf.Tensor2D {
  const fn = 'boxIou';
  checkBoxes(fn, 'boxes1', boxes1, 'xyxy', 2);
  checkBoxes(fn, 'boxes2', boxes2, 'xyxy', 2);
  return asCaller(fn, () => pairwiseIou(boxes1 as tf.Tensor2D, boxes2 as tf.Tensor2D));
}

/** `[n, k]` IoU of corner boxes `[n, 4]` and `[k, 4]`, unchecked (for callers that checked them). */
export function pairwiseIou(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [ax1, ay1, ax2, ay2] = tf.split(a, 4, 1) as tf.Tensor2D[]; // [n, 1] each
    const [bx1, by1, bx2, by2] = tf.split(b.transpose(), 4, 0) as tf.Tensor2D[]; // [1, k] each
    const iw = tf.relu(tf.minimum(ax2!, bx2!).sub(tf.maximum(ax1!, bx1!)));
    const ih = tf.relu(tf.minimum(ay2!, by2!).sub(tf.maximum(ay1!, by1!)));
    const inter = iw.mul(ih);
    const areaA = ax2!.sub(ax1!).mul(ay2!.sub(ay1!));
    const areaB = bx2!.sub(bx1!).mul(by2!.sub(by1!));
    const union = areaA.add(areaB).sub(inter);
    return tf.where(
      union.greater(0),
      inter.div(tf.maximum(union, 1e-30)),
      tf.zerosLike(inter),
    ) as tf.Tensor2D;
  });
}
