import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller, assertSize, formatShape } from '@dlkit/core';
import { FINITE } from './box-checks.js';

/**
 * YOLO's decoded output, the notebook's `(box_xy, box_wh, box_confidence, box_class_probs)` as
 * an object; `yoloEval` takes it as its `yoloOutputs`. The caller owns the four tensors.
 *
 * @category C4 W3 · Object detection
 */
export interface YoloOutputs {
  /** `[m, S_h, S_w, B, 2]`: box centres `(x, y)` as fractions of the image width and height. */
  boxXy: tf.Tensor;
  /** `[m, S_h, S_w, B, 2]`: box sizes `(w, h)` as fractions of the image width and height. */
  boxWh: tf.Tensor;
  /** `[m, S_h, S_w, B, 1]`: objectness `p_c`. */
  boxConfidence: tf.Tensor;
  /** `[m, S_h, S_w, B, C]`: class probabilities (a softmax). */
  boxClassProbs: tf.Tensor;
}

/** Checks `yoloHead`'s arguments and returns the grid and anchor counts. */
export function checkHead(
  fn: string,
  feats: unknown,
  anchors: unknown,
  numClasses: unknown,
): { b: number; c: number } {
  const c = assertSize(fn, 'numClasses', numClasses, 1);
  const shapes = new ShapeChecker(fn);
  shapes.checkFloat('anchors', anchors as tf.Tensor, ['B', 2], FINITE);
  shapes.checkFloat('feats', feats as tf.Tensor, ['m', 'sH', 'sW', 'depth'], FINITE);
  const b = shapes.dim('B');
  if (shapes.dim('depth') !== b * (5 + c)) {
    throw new DlkitError(
      'shape',
      fn,
      `feats must have shape [m, sH, sW, B · (5 + numClasses)] = [m, sH, sW, ${b * (5 + c)}] with B = ${b} (from anchors), numClasses = ${c}, got ${formatShape((feats as tf.Tensor).shape)}`,
      { argument: 'feats' },
    );
  }
  if (Math.min(...(anchors as tf.Tensor).dataSync()) <= 0) {
    throw new DlkitError('value', fn, 'anchors must hold widths and heights > 0', {
      argument: 'anchors',
    });
  }
  return { b, c };
}

/**
 * Decodes a YOLO network's last feature map into boxes, the notebook's
 * `yolo_head(feats, anchors, num_classes)`: for anchor `a` of grid cell (row `i`, column `j`) with raw outputs
 * `(t_x, t_y, t_w, t_h, t_o, t_1 … t_C)`,
 * `x = (σ(t_x) + j) / S_w`, `y = (σ(t_y) + i) / S_h`, `w = p_w e^{t_w} / S_w`, `h = p_h e^{t_h} / S_h`,
 * `p_c = σ(t_o)` and class probabilities `softmax(t_1 … t_C)`.
 *
 * (The notebook's Keras code divides `(x, y)` by `(S_h, S_w)` in that order: the same numbers on
 * its square 19×19 grid; dlkit divides x by the width on any grid.)
 *
 * @param feats - `[m, S_h, S_w, B · (5 + C)]`: the network's output, B anchors of `5 + C` numbers per cell.
 * @param anchors - `[B, 2]` anchor sizes `(p_w, p_h)` in grid cells (the notebook's `yolo_anchors.txt`).
 * @param numClasses - `C`, the number of classes.
 * @returns `{ boxXy, boxWh, boxConfidence, boxClassProbs }`, each `[m, S_h, S_w, B, ·]` (see
 *   `YoloOutputs`). The caller owns them.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { yoloHead } from '@dlkit/cnn';
 * const feats = tf.zeros([1, 2, 2, 2 * (5 + 3)]);
 * const anchors = tf.tensor2d([[1, 1], [2, 1]]);
 * const out = yoloHead(feats, anchors, 3);
 * console.log(out.boxXy.shape); // [1, 2, 2, 2, 2]
 * tf.dispose([feats, anchors, out.boxXy, out.boxWh, out.boxConfidence, out.boxClassProbs]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function yoloHead(feats: tf.Tensor, anchors: tf.Tensor, numClasses: number): YoloOutputs {
  const fn = 'yoloHead';
  checkHead(fn, feats, anchors, numClasses);
  return asCaller(fn, () => decodeHead(feats, anchors, numClasses));
}

/** `yoloHead`'s work, unchecked; also YOLO's loss's decoding. */
export function decodeHead(feats: tf.Tensor, anchors: tf.Tensor, numClasses: number): YoloOutputs {
  return tf.tidy(() => {
    const [m, sH, sW] = feats.shape as [number, number, number, number];
    const b = anchors.shape[0] as number;
    const f = feats.reshape([m, sH, sW, b, 5 + numClasses]);
    const [txy, twh, to, tc] = tf.split(f, [2, 2, 1, numClasses], -1) as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
    const dims = tf.tensor1d([sW, sH]);
    const boxXy = tf.sigmoid(txy).add(gridIndex(sH, sW)).div(dims);
    const boxWh = tf
      .exp(twh)
      .mul(anchors.reshape([1, 1, 1, b, 2]))
      .div(dims);
    return {
      boxXy,
      boxWh,
      boxConfidence: tf.sigmoid(to),
      boxClassProbs: tf.softmax(tc),
    };
  });
}

/** `[1, sH, sW, 1, 2]`: each cell's `(column, row)`. */
export function gridIndex(sH: number, sW: number): tf.Tensor {
  return tf.tidy(() => {
    const cols = tf.range(0, sW).reshape([1, sW]).tile([sH, 1]);
    const rows = tf.range(0, sH).reshape([sH, 1]).tile([1, sW]);
    return tf.stack([cols, rows], -1).reshape([1, sH, sW, 1, 2]);
  });
}
