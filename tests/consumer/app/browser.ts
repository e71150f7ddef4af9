// A user's browser entry, bundled by esbuild and run in headless Chromium.
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '@dlkit/backend';
import { RandomState, relu } from '@dlkit/core';
import { planarFlower } from '@dlkit/datasets';
import { updateParametersWithGd } from '@dlkit/optimizers';
import { accuracy } from '@dlkit/strategy';
import { zeroPad } from '@dlkit/cnn';
import { positionalEncoding } from '@dlkit/sequence';

async function main(): Promise<void> {
  const backend = await setupBackend();
  const x = new RandomState(1).randn(2, 3);
  const result = {
    backend,
    firstRandn: (await x.data())[0],
    relu: Array.from(await relu(tf.tensor1d([-1, 2])).A.data()).map((v) => v + 0), // -0 on webgl
    step: Array.from(
      await updateParametersWithGd({ W: tf.ones([2]) }, { dW: tf.ones([2]) }, 0.5).W!.data(),
    ),
    accuracy: accuracy([1, 0, 1], [1, 1, 1]),
    flower: planarFlower({ m: 6 }).X.shape,
    padded: zeroPad(tf.zeros([1, 1, 1, 1]), 2).shape,
    pe: positionalEncoding(3, 4).shape,
  };
  (window as unknown as { dlkitResult: unknown }).dlkitResult = result;
}

main().catch((e: unknown) => {
  (window as unknown as { dlkitResult: unknown }).dlkitResult = { error: String(e) };
});
