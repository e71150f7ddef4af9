import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, assertNumber, assertOptions } from '@dlkit/core';

/**
 * Options of {@link multiTaskLoss} and {@link multiTaskLossBackward}.
 *
 * @category C3 W2 · Multi-task learning
 */
export interface MultiTaskLossOptions {
  /** Whether `yPred` holds logits `z` (default false: probabilities `σ(z)`). */
  fromLogits?: boolean;
  /**
   * Which labels are known, `[m, nTasks]`, 1 for labelled and 0 for missing. Default: every label
   * of `yTrue` that is not NaN.
   */
  mask?: tf.Tensor;
  /** What the summed loss is divided by: `examples` (m, the course's default) or `labels` (the number of known labels). */
  normalize?: 'examples' | 'labels';
  /** Probabilities are clipped to `[epsilon, 1 - epsilon]` (default 1e-7, as Keras). */
  epsilon?: number;
}

function prepare(fn: string, yTrue: tf.Tensor, yPred: tf.Tensor, options: MultiTaskLossOptions) {
  new ShapeChecker(fn)
    .check('yTrue', yTrue, ['m', 'nTasks'])
    .check('yPred', yPred, ['m', 'nTasks']);
  if (options.mask !== undefined)
    new ShapeChecker(fn).check('mask', options.mask, [
      yTrue.shape[0] as number,
      yTrue.shape[1] as number,
    ]);
  const normalize = options.normalize ?? 'examples';
  if (normalize !== 'examples' && normalize !== 'labels') {
    throw new DlkitError(
      'value',
      fn,
      `normalize must be 'examples' or 'labels', got ${String(normalize)}`,
      {
        argument: 'normalize',
      },
    );
  }
  const epsilon = assertNumber(fn, 'epsilon', options.epsilon ?? 1e-7, {
    min: 0,
    max: 0.5,
    maxExclusive: true,
  });
  return { normalize, epsilon };
}

/** Mask (1 known, 0 missing) and labels with missing ones replaced by 0 (NaN-free). @internal */
function maskAndLabels(yTrue: tf.Tensor, mask: tf.Tensor | undefined): [tf.Tensor, tf.Tensor] {
  const y = yTrue.toFloat();
  const known =
    mask === undefined
      ? tf.logicalNot(tf.isNaN(y)).toFloat()
      : mask.toFloat().mul(tf.logicalNot(tf.isNaN(y)).toFloat());
  const clean = tf.where(known.cast('bool'), y, tf.zerosLike(y));
  return [known, clean];
}

function denominator(known: tf.Tensor, m: number, normalize: 'examples' | 'labels'): tf.Tensor {
  return normalize === 'examples' ? tf.scalar(m) : tf.maximum(known.sum(), 1);
}

/**
 * The course's multi-task loss for multi-label targets with missing labels (C3 W2, the
 * self-driving car that detects pedestrians, cars, stop signs and traffic lights in one image):
 * `J = (1/m) Σ_i Σ_j L(ŷ_ij, y_ij)`, a binary cross-entropy per task summed only over the labels
 * that are known (`?` in the course's `Y` is NaN here, or 0 in `mask`). Batch-first: row `i` is
 * an example, column `j` a task (the transpose of the course's `Y` of shape `[nTasks, m]`).
 * Missing labels contribute neither loss nor gradient, so the function is safe under `tf.grad`
 * and as a `model.compile` loss (see {@link multiTaskLossFn}). The caller owns the returned scalar.
 *
 * @param yTrue - Labels in `{0, 1}`, NaN for missing, `[m, nTasks]`.
 * @param yPred - Probabilities (or logits with `fromLogits`), `[m, nTasks]`.
 * @param options - `fromLogits`, `mask`, `normalize`, `epsilon`.
 * @returns The loss, a scalar.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { multiTaskLoss } from '@dlkit/strategy';
 * // Two images, four tasks (pedestrian, car, stop sign, traffic light); NaN is the course's '?'.
 * const Y = tf.tensor2d([[0, 1, 1, NaN], [1, 0, NaN, 0]]);
 * const Yhat = tf.tensor2d([[0.1, 0.8, 0.7, 0.5], [0.6, 0.2, 0.9, 0.1]]);
 * const J = multiTaskLoss(Y, Yhat);
 * J.print();
 * tf.dispose([Y, Yhat, J]);
 * ```
 *
 * @see The guide `docs/strategy/multitask.md`.
 *
 * @category C3 W2 · Multi-task learning
 */
export function multiTaskLoss(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: MultiTaskLossOptions = {},
): tf.Scalar {
  const fn = 'multiTaskLoss';
  assertOptions(fn, 'options', options, ['fromLogits', 'mask', 'normalize', 'epsilon']);
  const { normalize, epsilon } = prepare(fn, yTrue, yPred, options);
  return tf.tidy(() => {
    const [known, y] = maskAndLabels(yTrue, options.mask);
    let losses: tf.Tensor;
    if (options.fromLogits) {
      const z = yPred.toFloat();
      // max(z, 0) - z·y + log(1 + exp(-|z|)): the stable form of the cross-entropy of σ(z).
      losses = tf
        .relu(z)
        .sub(z.mul(y))
        .add(tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
    } else {
      const p = tf.clipByValue(yPred.toFloat(), epsilon, 1 - epsilon);
      losses = tf.neg(
        y.mul(tf.log(p)).add(
          tf
            .scalar(1)
            .sub(y)
            .mul(tf.log(tf.scalar(1).sub(p))),
        ),
      );
    }
    return losses
      .mul(known)
      .sum()
      .div(denominator(known, yTrue.shape[0] as number, normalize)) as tf.Scalar;
  });
}

/**
 * The hand-written gradient of {@link multiTaskLoss} with logits: `dJ/dz = mask · (σ(z) - y) / N`
 * with `N` = m (or the number of known labels). Missing labels get a zero gradient. The caller owns
 * the returned tensor.
 *
 * @param yTrue - Labels in `{0, 1}`, NaN for missing, `[m, nTasks]`.
 * @param logits - The logits `z`, `[m, nTasks]`.
 * @param options - `mask`, `normalize` (`fromLogits` is implied).
 * @returns `dJ/dz`, `[m, nTasks]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { multiTaskLossBackward } from '@dlkit/strategy';
 * const Y = tf.tensor2d([[1, NaN], [0, 1]]);
 * const Z = tf.tensor2d([[0.3, -1], [2, 0.5]]);
 * const dZ = multiTaskLossBackward(Y, Z);
 * dZ.print(); // the NaN label's entry is 0
 * tf.dispose([Y, Z, dZ]);
 * ```
 *
 * @see The guide `docs/strategy/multitask.md`.
 *
 * @category C3 W2 · Multi-task learning
 */
export function multiTaskLossBackward(
  yTrue: tf.Tensor,
  logits: tf.Tensor,
  options: Omit<MultiTaskLossOptions, 'fromLogits' | 'epsilon'> = {},
): tf.Tensor {
  const fn = 'multiTaskLossBackward';
  assertOptions(fn, 'options', options, ['mask', 'normalize']);
  const { normalize } = prepare(fn, yTrue, logits, options);
  return tf.tidy(() => {
    const [known, y] = maskAndLabels(yTrue, options.mask);
    return tf
      .sigmoid(logits.toFloat())
      .sub(y)
      .mul(known)
      .div(denominator(known, yTrue.shape[0] as number, normalize));
  });
}

/**
 * {@link multiTaskLoss} as a tfjs loss function `(yTrue, yPred) => loss` for
 * `model.compile({ loss })`, so a multi-label model trains on targets with missing labels (NaN).
 *
 * @param options - `fromLogits`, `normalize`, `epsilon` (a per-batch `mask` cannot be fixed here: use NaN labels).
 * @returns The loss function.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { multiTaskLossFn } from '@dlkit/strategy';
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3], activation: 'sigmoid' })] });
 * model.compile({ optimizer: 'sgd', loss: multiTaskLossFn() });
 * const x = tf.ones([2, 3]);
 * const y = tf.tensor2d([[1, 0, NaN, 1], [NaN, 1, 0, 0]]);
 * const h = await model.fit(x, y, { epochs: 1, verbose: 0 });
 * console.log(h.history.loss);
 * tf.dispose([x, y]);
 * model.dispose();
 * ```
 *
 * @see The guide `docs/strategy/multitask.md`.
 *
 * @category C3 W2 · Multi-task learning
 */
export function multiTaskLossFn(
  options: Omit<MultiTaskLossOptions, 'mask'> = {},
): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar {
  assertOptions('multiTaskLossFn', 'options', options, ['fromLogits', 'normalize', 'epsilon']);
  return (yTrue, yPred) => multiTaskLoss(yTrue, yPred, options);
}
