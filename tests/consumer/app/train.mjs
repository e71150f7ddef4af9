// A user's Node ESM script: imports every @dlkit package from its installed tarball and trains a
// tiny model (logistic regression by gradient descent, from scratch) on the fast backend.
import * as tf from '@tensorflow/tfjs';
import { fitDataParallel, setupBackend } from '@dlkit/backend';
import { DlkitError, RandomState, sigmoid } from '@dlkit/core';
import { planarFlower } from '@dlkit/datasets';
import { updateParametersWithGd } from '@dlkit/optimizers';
import { accuracy } from '@dlkit/strategy';
import { zeroPad } from '@dlkit/cnn';
import { positionalEncoding } from '@dlkit/sequence';

const backend = await setupBackend();
const rng = new RandomState(0);
const m = 200;
// Two Gaussian blobs, examples in columns: X [2, m], Y [1, m].
const X = tf.tidy(() =>
  rng.randn(2, m).add(tf.tensor2d([[2], [2]]).mul(tf.linspace(-1, 1, m).sign())),
);
const Y = tf.tidy(() => tf.linspace(-1, 1, m).sign().add(1).div(2).reshape([1, m]));
let parameters = { W: tf.zeros([1, 2]), b: tf.zeros([1, 1]) };
const predict = () =>
  tf.tidy(() => sigmoid(parameters.W.matMul(X).add(parameters.b)).A.greater(0.5).toInt());
const labels = Y.toInt();
const before = predict();
const accuracyBefore = accuracy(labels, before);
for (let i = 0; i < 100; i++) {
  const next = tf.tidy(() => {
    const A = sigmoid(parameters.W.matMul(X).add(parameters.b)).A;
    const dZ = A.sub(Y);
    const grads = { dW: dZ.matMul(X.transpose()).div(m), db: dZ.mean(1, true) };
    return updateParametersWithGd(parameters, grads, 0.5);
  });
  tf.dispose(parameters);
  parameters = next;
}
const after = predict();
const accuracyAfter = accuracy(labels, after);

const flower = planarFlower({ m: 10 });
const padded = zeroPad(tf.zeros([1, 2, 2, 1]), 1);
const pe = positionalEncoding(4, 6);
let errorKind = 'none';
try {
  zeroPad(tf.zeros([2, 2]), 1);
} catch (e) {
  errorKind = e instanceof DlkitError ? e.kind : 'not a DlkitError';
}
// The same kind of model as a tf.layers model, trained by a worker thread beside this one (the
// worker loads dist/parallel/trainer-worker.js from the installed package).
const net = tf.sequential({
  layers: [tf.layers.dense({ inputShape: [2], units: 1, activation: 'sigmoid' })],
});
net.compile({ optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy' });
const parallel = await fitDataParallel(net, X.transpose(), Y.transpose(), {
  epochs: 5,
  batchSize: 32,
  workers: 1,
});

console.log(
  JSON.stringify({
    parallelWorkers: parallel.workers,
    parallelLossFell: parallel.history.loss[4] < parallel.history.loss[0],
    backend,
    accuracyBefore,
    accuracyAfter,
    flower: [flower.X.shape, flower.Y.shape],
    padded: padded.shape,
    pe: pe.shape,
    errorKind,
  }),
);
