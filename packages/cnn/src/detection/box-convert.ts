import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertOneOf, asCaller } from '@dlkit/core';
import { checkBoxes, type CornerFormat } from './box-checks.js';

/**
 * The box layouts `boxConvert` reads and writes: corners `'yxyx'` (`[y1, x1, y2, x2]`, tfjs's and
 * the notebook's order after `yolo_boxes_to_corners`), corners `'xyxy'` (`[x1, y1, x2, y2]`,
 * torchvision's and the notebook's `iou`), `'xywh'` (top-left corner, width, height) and
 * `'cxcywh'` (centre, width, height: YOLO's `box_xy`, `box_wh`).
 *
 * @category C4 W3 · Object detection
 */
export type BoxFormat = CornerFormat | 'xywh' | 'cxcywh';

const FORMATS = ['yxyx', 'xyxy', 'xywh', 'cxcywh'] as const;

/** `[x1, y1, x2, y2]` columns of boxes in `format`. */
function toXyxy(b: tf.Tensor, format: BoxFormat): tf.Tensor[] {
  const [p, q, r, s] = tf.unstack(b, -1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  if (format === 'xyxy') return [p, q, r, s];
  if (format === 'yxyx') return [q, p, s, r];
  if (format === 'xywh') return [p, q, p.add(r), q.add(s)];
  const hw = r.div(2);
  const hh = s.div(2);
  return [p.sub(hw), q.sub(hh), p.add(hw), q.add(hh)];
}

/** Boxes in `format` from `[x1, y1, x2, y2]` columns. */
function fromXyxy([x1, y1, x2, y2]: tf.Tensor[], format: BoxFormat): tf.Tensor {
  const cols = (() => {
    if (format === 'xyxy') return [x1, y1, x2, y2];
    if (format === 'yxyx') return [y1, x1, y2, x2];
    const w = x2!.sub(x1!);
    const h = y2!.sub(y1!);
    if (format === 'xywh') return [x1, y1, w, h];
    return [x1!.add(x2!).div(2), y1!.add(y2!).div(2), w, h];
  })() as tf.Tensor[];
  return tf.stack(cols, -1);
}

/**
 * Converts boxes between layouts, like torchvision's `box_convert` (which knows `'xyxy'`, `'xywh'`
 * and `'cxcywh'`) with tfjs's `'yxyx'` besides. Corner boxes whose maxima are below their minima
 * (`x2 < x1`) and sizes below zero are rejected.
 *
 * @param boxes - Boxes `[..., 4]` in `inFmt`.
 * @param inFmt - Their layout (see `BoxFormat`).
 * @param outFmt - The layout wanted.
 * @returns A new tensor `[..., 4]` in `outFmt`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { boxConvert } from '@dlkit/cnn';
 * const boxes = tf.tensor2d([[1, 2, 5, 4]]); // [x1, y1, x2, y2]
 * const centre = boxConvert(boxes, 'xyxy', 'cxcywh');
 * console.log(centre.arraySync()); // [[3, 3, 4, 2]]
 * tf.dispose([boxes, centre]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function boxConvert(boxes: tf.Tensor, inFmt: BoxFormat, outFmt: BoxFormat): tf.Tensor {
  const fn = 'boxConvert';
  const from = assertOneOf(fn, 'inFmt', inFmt, FORMATS);
  const to = assertOneOf(fn, 'outFmt', outFmt, FORMATS);
  const values = checkBoxes(
    fn,
    'boxes',
    boxes,
    from === 'xywh' || from === 'cxcywh' ? undefined : from,
  );
  if (from === 'xywh' || from === 'cxcywh') checkSizes(fn, values);
  return asCaller(fn, () => tf.tidy(() => fromXyxy(toXyxy(boxes, from), to)));
}

function checkSizes(fn: string, v: Float32Array): void {
  for (let i = 0; i < v.length; i += 4) {
    const w = v[i + 2] as number;
    const h = v[i + 3] as number;
    if (w < 0 || h < 0) {
      throw new DlkitError(
        'value',
        fn,
        `boxes must have widths and heights >= 0, got w = ${w}, h = ${h} in box ${i / 4}`,
        { argument: 'boxes' },
      );
    }
  }
}
