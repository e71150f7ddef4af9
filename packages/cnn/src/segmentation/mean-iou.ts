import type * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, assertNumber, assertTensor } from '@dlkit/core';
import { readClassMask } from './class-mask.js';

/** The most classes {@link meanIou} counts (its confusion matrix is nClasses²). */
const MAX_CLASSES = 1024;

/**
 * What {@link meanIou} returns.
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export interface MeanIouResult {
  /** IoU of each class, `TP / (TP + FP + FN)`; `NaN` for a class in neither mask. */
  perClass: number[];
  /** The mean of `perClass` over the classes present in either mask. */
  meanIou: number;
  /** `confusion[i][j]`: pixels of true class `i` predicted as `j` (`nClasses × nClasses`). */
  confusion: number[][];
}

/** The confusion matrix of two class masks. */
function confusionMatrix(t: Int32Array, p: Int32Array, k: number): number[][] {
  const c = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < t.length; i++) c[t[i] as number]![p[i] as number]! += 1;
  return c;
}

/** Per-class IoU from a confusion matrix: `TP / (row + column - TP)`, NaN where both are 0. */
function iouFromConfusion(c: number[][]): number[] {
  return c.map((row, i) => {
    const tp = row[i]!;
    const union = row.reduce((s, v) => s + v, 0) + c.reduce((s, r) => s + r[i]!, 0) - tp;
    return union === 0 ? Number.NaN : tp / union;
  });
}

/**
 * Intersection over union of segmentation masks, per class and averaged (mean IoU, the usual
 * score of semantic segmentation; C4 W3): for class `c`,
 * `IoU_c = |true c ∩ predicted c| / |true c ∪ predicted c| = TP / (TP + FP + FN)`, counted over every pixel of every image. A class
 * in neither mask has no IoU (`NaN` in `perClass`) and does not count in the mean, as Keras's
 * `MeanIoU`; a class in one mask only scores 0 and counts.
 *
 * @param yTrue - True classes, int32 `[m, nH, nW, 1]` (the course's mask layout), values in `[0, nClasses)`.
 * @param yPred - Predicted classes, int32 `[m, nH, nW, 1]` (e.g. from `predictMasks`).
 * @param nClasses - The number of classes.
 * @returns `{ perClass, meanIou, confusion }` as plain numbers (no tensor).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { meanIou } from '@dlkit/cnn';
 * const yTrue = tf.tensor([0, 0, 1, 1], [1, 2, 2, 1], 'int32');
 * const yPred = tf.tensor([0, 1, 1, 1], [1, 2, 2, 1], 'int32');
 * const { perClass, meanIou: miou } = meanIou(yTrue, yPred, 3);
 * console.log(perClass, miou); // [0.5, 0.6667, NaN] 0.5833 (class 2 is absent)
 * tf.dispose([yTrue, yPred]);
 * ```
 *
 * @category C4 W3 · Semantic segmentation with U-Net
 */
export function meanIou(yTrue: tf.Tensor, yPred: tf.Tensor, nClasses: number): MeanIouResult {
  const fn = 'meanIou';
  const k = assertNumber(fn, 'nClasses', nClasses, { integer: true, min: 1, max: MAX_CLASSES });
  assertTensor(fn, 'yTrue', yTrue, { dtypes: ['int32'] });
  assertTensor(fn, 'yPred', yPred, { dtypes: ['int32'] });
  new ShapeChecker(fn)
    .check('yTrue', yTrue, ['m', 'nH', 'nW', 1])
    .check('yPred', yPred, ['m', 'nH', 'nW', 1]);
  if (yTrue.size === 0) {
    throw new DlkitError(
      'shape',
      fn,
      `yTrue must hold at least one pixel, got [${yTrue.shape.join(', ')}]`,
      {
        argument: 'yTrue',
      },
    );
  }
  const confusion = confusionMatrix(
    readClassMask(fn, 'yTrue', yTrue, k),
    readClassMask(fn, 'yPred', yPred, k),
    k,
  );
  const perClass = iouFromConfusion(confusion);
  const present = perClass.filter((v) => !Number.isNaN(v));
  return { perClass, meanIou: present.reduce((s, v) => s + v, 0) / present.length, confusion };
}
