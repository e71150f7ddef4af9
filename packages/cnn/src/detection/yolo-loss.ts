import * as tf from '@tensorflow/tfjs';
import { ShapeChecker, asCaller, assertNumber, assertOptions, assertSize } from '@dlkit/core';
import { gridIndex } from './yolo-head.js';
import { anchorList } from './yolo-targets.js';

/**
 * Options of `yoloLoss`: the YOLO paper's weights.
 *
 * @category C4 W3 · Object detection
 */
export interface YoloLossOptions {
  /** Weight of the box terms, λ_coord. Default 5 (YOLO's). */
  lambdaCoord?: number;
  /** Weight of the objectness term of anchors with no object, λ_noobj. Default 0.5 (YOLO's). */
  lambdaNoobj?: number;
}

/**
 * YOLO's training loss, for `model.compile({ loss })` on a detector trained against
 * `yoloTargets`. With `1^obj` marking the anchor responsible for an object (`yoloTargets`' 1) and
 * the raw outputs `t` of `yoloHead`, summed over cells and anchors and averaged over the batch:
 *
 * `λ_coord Σ 1^obj [(σ(t_x) − (S x − j))² + (σ(t_y) − (S y − i))² + (t_w − log(S w / p_w))² + (t_h − log(S h / p_h))²]`
 * `+ Σ 1^obj (σ(t_o) − 1)² + λ_noobj Σ (1 − 1^obj) σ(t_o)²`
 * `+ Σ 1^obj CE(softmax(t_1 … t_C), class)`.
 *
 * YOLO v1's squared errors on positions and objectness, with the size term in YOLO v2's
 * log-space (its boxes are `p_w e^{t_w}`) instead of v1's square roots, and a cross-entropy for
 * the class as v2 has.
 *
 * @param anchors - `[B, 2]` anchor sizes `(p_w, p_h)` in grid cells (read once; the loss keeps a copy).
 * @param numClasses - `C`.
 * @param options - `lambdaCoord` (default 5), `lambdaNoobj` (default 0.5).
 * @returns `(yTrue, yPred) => loss`: `yTrue` from `yoloTargets`, `yPred` the detector's output, both
 *   `[m, S, S, B · (5 + C)]`; the loss is a scalar.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { yoloLoss } from '@dlkit/cnn';
 * const anchors = tf.tensor2d([[1, 1]]);
 * const loss = yoloLoss(anchors, 2);
 * const yTrue = tf.zeros([1, 2, 2, 7]);
 * const yPred = tf.zeros([1, 2, 2, 7]);
 * const value = loss(yTrue, yPred);
 * console.log(value.dataSync()[0]); // 0.5: four anchors, no object, σ(0)² · 0.5 each
 * tf.dispose([anchors, yTrue, yPred, value]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function yoloLoss(
  anchors: tf.Tensor,
  numClasses: number,
  options: YoloLossOptions = {},
): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar {
  const fn = 'yoloLoss';
  const a = anchorList(fn, anchors);
  const c = assertSize(fn, 'numClasses', numClasses, 1);
  const o = assertOptions(fn, 'options', options ?? undefined, ['lambdaCoord', 'lambdaNoobj']);
  const lc = assertNumber(fn, 'options.lambdaCoord', o.lambdaCoord ?? 5, { min: 0 });
  const ln = assertNumber(fn, 'options.lambdaNoobj', o.lambdaNoobj ?? 0.5, { min: 0 });
  const depth = a.length * (5 + c);
  return (yTrue, yPred) => {
    new ShapeChecker(fn)
      .checkFloat('yPred', yPred, ['m', 'sH', 'sW', depth])
      .checkFloat('yTrue', yTrue, ['m', 'sH', 'sW', depth]);
    return asCaller(fn, () => lossValue(yTrue, yPred, a, c, lc, ln));
  };
}

function lossValue(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  anchors: [number, number][],
  c: number,
  lambdaCoord: number,
  lambdaNoobj: number,
): tf.Scalar {
  return tf.tidy(() => {
    const [m, sH, sW] = yPred.shape as number[];
    const b = anchors.length;
    const shape = [m!, sH!, sW!, b, 5 + c];
    const [txy, twh, to, tc] = tf.split(yPred.reshape(shape), [2, 2, 1, c], -1) as tf.Tensor[];
    const [gxy, gwh, obj, gc] = tf.split(yTrue.reshape(shape), [2, 2, 1, c], -1) as tf.Tensor[];
    const dims = tf.tensor1d([sW!, sH!]);
    const offset = gxy!.mul(dims).sub(gridIndex(sH!, sW!));
    const logWh = tf.log(
      tf.maximum(gwh!.mul(dims).div(tf.tensor2d(anchors).reshape([1, 1, 1, b, 2])), 1e-9),
    );
    const xyErr = tf.sigmoid(txy!).sub(offset).square().sum(-1, true);
    const whErr = twh!.sub(logWh).square().sum(-1, true);
    const coord = obj!.mul(xyErr.add(whErr)).sum().mul(lambdaCoord);
    const p = tf.sigmoid(to!);
    const conf = obj!
      .mul(p.sub(1).square())
      .sum()
      .add(tf.sub(1, obj!).mul(p.square()).sum().mul(lambdaNoobj));
    const ce = gc!.mul(tf.logSoftmax(tc!)).sum(-1, true).neg();
    const cls = obj!.mul(ce).sum();
    return coord.add(conf).add(cls).div(m!) as tf.Scalar;
  });
}
