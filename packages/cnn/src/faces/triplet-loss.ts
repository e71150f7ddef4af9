import * as tf from '@tensorflow/tfjs';
import { assertNumber, assertTensor, DlkitError, describeValue, ShapeChecker } from '@dlkit/core';

const FN = 'tripletLoss';

/**
 * The encodings {@link tripletLoss} compares: the notebook's tuple `(anchor, positive, negative)`
 * of `[m, d]` (or `[d]`) tensors, or the three stacked in one `[3, m, d]` tensor.
 *
 * @category C4 W4 · Face recognition
 */
export type TripletEncodings = readonly [tf.Tensor, tf.Tensor, tf.Tensor] | tf.Tensor;

/** Checks `yPred` and splits it into anchor, positive and negative (views the caller disposes). */
function splitTriplet(yPred: unknown): [tf.Tensor, tf.Tensor, tf.Tensor, boolean] {
  if (Array.isArray(yPred)) {
    if (yPred.length !== 3) {
      throw new DlkitError(
        'value',
        FN,
        `yPred must be [anchor, positive, negative] or one [3, m, d] tensor, got an array of length ${yPred.length}`,
        { argument: 'yPred' },
      );
    }
    const names = ['anchor', 'positive', 'negative'] as const;
    const parts = yPred.map((t, i) => assertTensor(FN, `yPred[${i}] (${names[i]})`, t));
    const first = parts[0] as tf.Tensor;
    const pattern = first.rank === 1 ? ['d'] : ['m', 'd'];
    const shapes = new ShapeChecker(FN);
    parts.forEach((t, i) => shapes.check(`yPred[${i}] (${names[i]})`, t, pattern));
    return [parts[0] as tf.Tensor, parts[1] as tf.Tensor, parts[2] as tf.Tensor, false];
  }
  if (!(yPred instanceof tf.Tensor)) {
    throw new DlkitError(
      'value',
      FN,
      `yPred must be [anchor, positive, negative] or one [3, m, d] tensor, got ${describeValue(yPred)}`,
      { argument: 'yPred' },
    );
  }
  assertTensor(FN, 'yPred', yPred);
  new ShapeChecker(FN).check('yPred', yPred, [3, 'm', 'd']);
  const [a, p, n] = tf.unstack(yPred) as [tf.Tensor, tf.Tensor, tf.Tensor];
  return [a, p, n, true];
}

/**
 * The triplet loss of FaceNet (the notebook's `triplet_loss`): for each example an anchor
 * encoding `A`, a positive `P` (same person) and a negative `N` (another person),
 * `J = Σᵢ max(‖A⁽ⁱ⁾ − P⁽ⁱ⁾‖² − ‖A⁽ⁱ⁾ − N⁽ⁱ⁾‖² + α, 0)`: zero once the negative is farther from the
 * anchor than the positive by at least the margin `α`. Built from tfjs ops, so `tf.grad` and
 * optimisers differentiate it.
 *
 * @param yTrue - Keras's label argument, unused (the notebook passes `(None, None, None)`): any
 *   value, usually `null`.
 * @param yPred - `[anchor, positive, negative]`, each `[m, d]` (or `[d]` for one triplet), or one
 *   `[3, m, d]` tensor stacking them; float32.
 * @param alpha - The margin `α`. Default 0.2, the notebook's.
 * @returns The loss, a float32 scalar the caller disposes.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { tripletLoss } from '@dlkit/cnn';
 * const anchor = tf.tensor2d([[1, 1]]);
 * const positive = tf.tensor2d([[1, 1]]);
 * const negative = tf.tensor2d([[0, 0]]);
 * const loss = tripletLoss(null, [anchor, positive, negative], 3);
 * console.log(loss.dataSync()[0]); // 1 (0 − 2 + 3)
 * tf.dispose([anchor, positive, negative, loss]);
 * ```
 *
 * @category C4 W4 · Face recognition
 */
export function tripletLoss(yTrue: unknown, yPred: TripletEncodings, alpha = 0.2): tf.Scalar {
  void yTrue;
  assertNumber(FN, 'alpha', alpha);
  const [anchor, positive, negative, owned] = splitTriplet(yPred);
  try {
    return tf.tidy(() => {
      const posDist = tf.sum(tf.square(tf.sub(anchor, positive)), -1);
      const negDist = tf.sum(tf.square(tf.sub(anchor, negative)), -1);
      const basicLoss = tf.add(tf.sub(posDist, negDist), alpha);
      return tf.sum(tf.maximum(basicLoss, 0));
    });
  } finally {
    if (owned) tf.dispose([anchor, positive, negative]);
  }
}
