import * as tf from '@tensorflow/tfjs';

/**
 * The losses a data-parallel trainer can send to its workers, by name (a function cannot cross
 * a thread). The Keras names take the model's output as probabilities, as `model.compile` does;
 * `softmaxCrossEntropy` takes logits (`tf.losses.softmaxCrossEntropy`). Sparse labels are class
 * indices `[m]` or `[m, 1]`.
 *
 * @category Backends
 */
export const PARALLEL_LOSSES = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
  'softmaxCrossEntropy',
] as const;

/**
 * One of {@link PARALLEL_LOSSES}.
 *
 * @category Backends
 */
export type ParallelLoss = (typeof PARALLEL_LOSSES)[number];

/**
 * The batch mean of the named loss: what `model.compile({ loss: name })` minimises.
 *
 * @param name - The loss.
 * @param yTrue - Targets `[m, ...]`.
 * @param yPred - The model's outputs `[m, ...]` (logits for `softmaxCrossEntropy`).
 * @returns A scalar.
 */
export function meanLoss(name: ParallelLoss, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    if (name === 'softmaxCrossEntropy') {
      return tf.losses.softmaxCrossEntropy(yTrue, yPred) as tf.Scalar;
    }
    if (name === 'sparseCategoricalCrossentropy') {
      const classes = yPred.shape[yPred.rank - 1] as number;
      const labels = tf.oneHot(tf.cast(tf.reshape(yTrue, [-1]), 'int32'), classes);
      return tf.mean(tf.metrics.categoricalCrossentropy(labels, yPred)) as tf.Scalar;
    }
    return tf.mean(tf.metrics[name](yTrue, yPred)) as tf.Scalar;
  });
}
