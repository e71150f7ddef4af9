import * as tf from '@tensorflow/tfjs';
import { meanLoss, type ParallelLoss } from './parallel-loss.js';

/**
 * Splits `m` examples into `parts` shards as evenly as possible, the larger shards first
 * (`shardSizes(10, 3)` is `[4, 3, 3]`); shards beyond `m` are empty.
 *
 * @param m - The batch size.
 * @param parts - The number of shards (at least 1).
 * @returns The shard sizes, summing to `m`.
 */
export function shardSizes(m: number, parts: number): number[] {
  const base = Math.floor(m / parts);
  const extra = m % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The trainable variables of a model, in `model.trainableWeights` order. */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/**
 * One shard's share of a batch gradient: the gradients of `fraction × mean loss over the shard`
 * with respect to the model's trainable variables. With `fraction = shard size / batch size`,
 * the shards' results add up to the gradient (and loss) of the mean loss over the whole batch,
 * so the main thread and the workers run this same function on their shards.
 *
 * @param model - The model (run in training mode).
 * @param loss - The loss.
 * @param x - The shard's inputs `[mShard, ...]`.
 * @param y - The shard's targets `[mShard, ...]`.
 * @param fraction - The shard's share of the batch.
 * @returns The scaled loss, and one gradient per trainable variable (the caller owns them).
 */
export function shardGradients(
  model: tf.LayersModel,
  loss: ParallelLoss,
  x: tf.Tensor,
  y: tf.Tensor,
  fraction: number,
): { loss: number; grads: tf.Tensor[] } {
  const variables = trainableVariables(model);
  const { value, grads } = tf.variableGrads(
    () =>
      tf.tidy(() => {
        const out = model.apply(x, { training: true }) as tf.Tensor;
        return tf.mul(meanLoss(loss, y, out), fraction) as tf.Scalar;
      }),
    variables,
  );
  const lossValue = value.dataSync()[0] as number;
  value.dispose();
  // A variable the loss does not reach has no gradient: zeros, as an optimizer would see it.
  return {
    loss: lossValue,
    grads: variables.map((v) => grads[v.name] ?? tf.zerosLike(v)),
  };
}
