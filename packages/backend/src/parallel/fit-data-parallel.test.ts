import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, expectTensorsClose } from '@dlkit/test-harness';
import { SAME_TRAINING, expectSameWeights } from './testing/same-weights.js';
import { fitDataParallel } from './fit-data-parallel.js';

function regressor(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [3],
        units: 5,
        activation: 'tanh',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
      }),
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
  return model;
}

describe('fitDataParallel', () => {
  it('without shuffling trains as model.fit does, epoch losses included (rtol 1e-4)', async () => {
    const x = tf.randomNormal([30, 3], 0, 1, 'float32', 1);
    const y = tf.tidy(() => x.square().sum(1, true));
    const ref = regressor();
    const expected = await ref.fit(x, y, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
    const model = regressor();
    const epochs: number[] = [];
    const result = await fitDataParallel(model, x, y, {
      epochs: 3,
      batchSize: 8,
      shuffle: false,
      workers: 1,
      onEpochEnd: (epoch) => {
        epochs.push(epoch);
      },
    });
    expect(result.workers).toBe(1);
    expect(epochs).toEqual([0, 1, 2]);
    expectTensorsClose(result.history.loss, expected.history['loss'] as number[], SAME_TRAINING);
    expectSameWeights(model, ref.getWeights());
    tf.dispose([x, y]);
    ref.dispose();
    model.dispose();
  });

  it('shuffles by its seed: the same seed gives the same weights, another seed others', async () => {
    const x = tf.randomNormal([20, 3], 0, 1, 'float32', 2);
    const y = tf.tidy(() => x.sum(1, true));
    const run = async (seed: number): Promise<Float32Array> => {
      const model = regressor();
      await fitDataParallel(model, x, y, { epochs: 2, batchSize: 6, seed, workers: 1 });
      const w = model.getWeights()[0]?.dataSync() as Float32Array;
      model.dispose();
      return w;
    };
    const [a, b, c] = [await run(3), await run(3), await run(4)];
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    tf.dispose([x, y]);
  });

  it("leaves the tensor count unchanged (the optimizer's moments aside)", async () => {
    const x = tf.randomNormal([10, 3], 0, 1, 'float32', 3);
    const y = tf.tidy(() => x.sum(1, true));
    const model = regressor();
    await fitDataParallel(model, x, y, { epochs: 1, batchSize: 5, workers: 1 });
    await expectNoLeaks(() =>
      fitDataParallel(model, x, y, { epochs: 2, batchSize: 4, workers: 1 }),
    );
    tf.dispose([x, y]);
    model.dispose();
  });

  it('rejects bad input with a DlkitError naming the argument', async () => {
    const model = regressor();
    const x = tf.zeros([4, 3]);
    const y = tf.zeros([5, 1]);
    await expect(fitDataParallel(model, x, y)).rejects.toMatchObject({
      name: 'DlkitError',
      message:
        'fitDataParallel: x and y must share a first (batch) dimension m >= 1, got x [4, 3] and y [5, 1]',
    });
    await expect(fitDataParallel(model, x, x, { batchSize: 0 })).rejects.toMatchObject({
      name: 'DlkitError',
      message: expect.stringMatching(
        /^fitDataParallel: options.batchSize must be/,
      ) as unknown as string,
    });
    tf.dispose([x, y]);
    model.dispose();
  });
});
