import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { expectTensorsClose } from './close.ts';

/** What {@link trainOn} needs: the model, its data, its starting weights and optimizer. */
export interface TrainingCase {
  /** Builds the model (called on the backend being tested). */
  build: () => tf.LayersModel;
  /** The inputs. */
  x: () => tf.Tensor;
  /** The one-hot labels (the loss is softmax cross-entropy on the model's logits). */
  y: () => tf.Tensor;
  /** The starting value of each of `model.getWeights()`, in order. */
  initial: ArrayLike<number>[];
  /** The optimizer, made anew for each run. */
  optimizer: () => tf.Optimizer;
  /** Optimizer steps after the gradient (default 3). */
  steps?: number;
}

/** What {@link trainOn} measured. */
export interface TrainingRun {
  /** The loss gradient for each trainable weight at the starting weights. */
  grads: Float32Array[];
  /** The loss before each optimizer step. */
  losses: number[];
  /** The trainable weights after the steps. */
  weights: Float32Array[];
}

/**
 * Builds a model on `backend`, sets its starting weights, computes the loss gradients, then takes
 * a few optimizer steps; checks that no tensor is left behind. Run it on two backends and compare
 * the runs with {@link expectTrainingRunsClose}: the end-to-end gradient test of a backend's
 * kernels.
 *
 * @param backend - The tfjs backend to train on (must be registered).
 * @param c - The model, data, starting weights and optimizer.
 * @returns The gradients, losses and final weights.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { trainOn } from '@dlkit/test-harness';
 * const run = await trainOn('cpu', {
 *   build: () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2 })] }),
 *   x: () => tf.tensor2d([[1, 2], [3, 4]]),
 *   y: () => tf.tensor2d([[1, 0], [0, 1]]),
 *   initial: [[0.1, 0.2, 0.3, 0.4], [0, 0]],
 *   optimizer: () => tf.train.sgd(0.1),
 * });
 * console.log(run.losses.length); // 3
 * ```
 */
export async function trainOn(backend: string, c: TrainingCase): Promise<TrainingRun> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const model = c.build();
  const start = model
    .getWeights()
    .map((w, i) => tf.tensor(Array.from(c.initial[i] as ArrayLike<number>), w.shape));
  model.setWeights(start);
  tf.dispose(start);
  const [x, y] = [tf.tidy(c.x), tf.tidy(c.y)];
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const lossFn = (): tf.Scalar =>
    tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
  const { grads, value } = tf.variableGrads(lossFn, vars);
  const gradValues = vars.map((v) => (grads[v.name] as tf.Tensor).dataSync() as Float32Array);
  tf.dispose([value, ...Object.values(grads)]);
  const opt = c.optimizer();
  const losses: number[] = [];
  for (let i = 0; i < (c.steps ?? 3); i++) {
    const loss = opt.minimize(lossFn, true, vars) as tf.Scalar;
    losses.push(loss.dataSync()[0] as number);
    loss.dispose();
  }
  const weights = vars.map((v) => v.dataSync() as Float32Array);
  tf.dispose([x, y]);
  opt.dispose();
  model.dispose();
  expect(tf.memory().numTensors, `trainOn('${backend}') left tensors behind`).toBe(before);
  return { grads: gradValues, losses, weights };
}

/**
 * Checks that two {@link TrainingRun}s agree: every gradient and final weight within `rtol` /
 * `atol` (defaults 1e-4 / 1e-5), and the losses within `rtol`.
 *
 * @param got - The run on the backend under test.
 * @param ref - The reference run (usually `cpu`).
 * @param tol - Tolerances.
 *
 * @example
 * ```ts
 * import { expectTrainingRunsClose } from '@dlkit/test-harness';
 * const run = { grads: [new Float32Array([1])], losses: [0.5], weights: [new Float32Array([2])] };
 * expectTrainingRunsClose(run, run);
 * ```
 */
export function expectTrainingRunsClose(
  got: TrainingRun,
  ref: TrainingRun,
  tol: { rtol?: number; atol?: number } = {},
): void {
  const t = { rtol: tol.rtol ?? 1e-4, atol: tol.atol ?? 1e-5 };
  const pairs = [
    ['gradient', got.grads, ref.grads],
    ['weights', got.weights, ref.weights],
  ] as const;
  for (const [what, a, b] of pairs) {
    expect(a.length, `number of ${what}`).toBe(b.length);
    a.forEach((v, i) =>
      expectTensorsClose(Array.from(v), Array.from(b[i] as Float32Array), {
        ...t,
        label: `${what} ${i}`,
      }),
    );
  }
  expectTensorsClose(got.losses, ref.losses, { rtol: t.rtol });
}
