import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import { expectNoLeaks } from '@dlkit/test-harness';
import { learningCurve, type LearningCurveProgress } from './learning-curve.js';
import { learningCurveSpec } from './learning-curve-spec.js';

interface Channel {
  title?: string;
  scale?: { domain?: string[] } & Record<string, unknown>;
}
interface Layer {
  data: { values: Record<string, unknown>[] };
  mark: { type: string };
  encoding: { x: Channel; y: Channel; color: Channel };
}

describe('learningCurve', () => {
  it('runs the train function at each size in order, reports progress, diagnoses the last size', async () => {
    const calls: number[] = [];
    const progress: LearningCurveProgress[] = [];
    const curve = await learningCurve(
      async (size, step) => {
        calls.push(size * 10 + step);
        await new Promise((r) => setTimeout(r, 1));
        return { trainError: 0.01 + 1 / size, devError: 0.02 + 50 / size };
      },
      { sizes: [100, 1000, 10000], humanLevel: 0.01, onProgress: (p) => progress.push(p) },
    );
    expect(calls).toEqual([1000, 10001, 100002]);
    expect(progress.map((p) => [p.step, p.total, p.point.size])).toEqual([
      [1, 3, 100],
      [2, 3, 1000],
      [3, 3, 10000],
    ]);
    expect(curve.points[2]).toEqual({ size: 10000, trainError: 0.0101, devError: 0.025 });
    expect(curve.diagnosis.gaps.variance).toBeCloseTo(0.0149, 12);
    expect(curve.diagnosis.dominant).toBe('variance');
    expect(curve.trend).toMatch(
      /^dev error is still falling .*: more training data is likely to help$/,
    );
  });

  it('says more data will not help when the curves have met above human level (high bias)', async () => {
    const curve = await learningCurve(
      (size) => ({ trainError: 0.15 + 1 / size, devError: 0.16 + 1 / size }),
      {
        sizes: [1000, 2000, 4000],
        humanLevel: 0.01,
      },
    );
    expect(curve.diagnosis.dominant).toBe('avoidable-bias');
    expect(curve.trend).toMatch(/more data alone will not help, reduce bias$/);
  });

  it('trains a real tfjs model at growing sizes without leaking tensors', async () => {
    // Two Gaussian blobs; a logistic-regression layer trained on the first `size` examples.
    const rng = new RandomState(0);
    const m = 400;
    const noise = rng.standardNormalArray(2 * m);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < m; i++) {
      const y = i % 2;
      ys.push(y);
      xs.push(
        (noise[2 * i] as number) + (y ? 1.5 : -1.5),
        (noise[2 * i + 1] as number) + (y ? 1 : -1),
      );
    }
    const devX = tf.tensor2d(xs.slice(600), [100, 2]);
    const devY = tf.tensor2d(ys.slice(300), [100, 1]);
    const errorOf = (model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor) =>
      tf.tidy(
        () =>
          (model.predict(x) as tf.Tensor)
            .greater(0.5)
            .cast('float32')
            .notEqual(y)
            .mean()
            .dataSync()[0] as number,
      );
    const train = async (size: number) => {
      const model = tf.sequential({
        layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })],
      });
      model.compile({ optimizer: tf.train.adam(0.1), loss: 'binaryCrossentropy' });
      const x = tf.tensor2d(xs.slice(0, 2 * size), [size, 2]);
      const y = tf.tensor2d(ys.slice(0, size), [size, 1]);
      await model.fit(x, y, { epochs: 20, batchSize: 32, verbose: 0 });
      const result = { trainError: errorOf(model, x, y), devError: errorOf(model, devX, devY) };
      tf.dispose([x, y]);
      model.optimizer.dispose();
      model.dispose();
      return result;
    };
    let curve: Awaited<ReturnType<typeof learningCurve>> | undefined;
    expect(
      await expectNoLeaks(async () => {
        curve = await learningCurve(train, { sizes: [10, 40, 160], humanLevel: 0 });
      }),
    ).toBe(0);
    tf.dispose([devX, devY]);
    expect(curve?.points.length).toBe(3);
    for (const p of curve?.points ?? []) {
      expect(p.trainError).toBeGreaterThanOrEqual(0);
      expect(p.devError).toBeLessThan(0.3);
    }
  });

  it('rejects bad sizes, bad errors and reports a failing train function', async () => {
    const ok = () => ({ trainError: 0.1, devError: 0.2 });
    await expect(learningCurve(ok, { sizes: [] })).rejects.toThrow(
      'learningCurve: sizes must list at least one training-set size',
    );
    await expect(learningCurve(ok, { sizes: [100, 50] })).rejects.toThrow(
      'learningCurve: sizes must increase, got 100 then 50',
    );
    await expect(
      learningCurve(() => ({ trainError: NaN, devError: 0.1 }), { sizes: [10] }),
    ).rejects.toThrow(
      'learningCurve: trainError at size 10 must be a finite number >= 0 and <= 1, got NaN',
    );
    await expect(
      learningCurve(
        async () => {
          throw new Error('out of memory');
        },
        { sizes: [10] },
      ),
    ).rejects.toThrow('learningCurve: train failed at size 10: out of memory');
  });
});

describe('learningCurveSpec', () => {
  it('plots both curves, human level as a dashed rule and the diagnosis as a Vega-Lite spec', async () => {
    const train = (n: number) => 2 + 100 / n;
    const dev = (n: number) => 4 + 1000 / n;
    const curve = await learningCurve((n) => ({ trainError: train(n), devError: dev(n) }), {
      sizes: [100, 1000, 10000],
      humanLevel: 1,
      unit: 'percent',
    });
    const spec = learningCurveSpec(curve, { title: 'Speech <rear-view> & mirror' });
    expect(spec['$schema']).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    const title = spec['title'] as { text: string; subtitle: string[] };
    expect(title.text).toBe('Speech <rear-view> & mirror');
    expect(title.subtitle[0]).toBe('Diagnosis: variance dominates; try: get more training data');
    const [lines, human] = spec['layer'] as Layer[];
    expect(lines!.mark.type).toBe('line');
    expect(lines!.data.values).toEqual(
      [100, 1000, 10000].flatMap((size) => [
        { size, series: 'training error', error: train(size) },
        { size, series: 'dev error', error: dev(size) },
      ]),
    );
    // Sizes span a factor of 100: a log x axis, said in its title.
    expect(lines!.encoding.x.scale).toEqual({ type: 'log' });
    expect(lines!.encoding.x.title).toBe('training set size (log scale)');
    expect(lines!.encoding.y.title).toBe('error (%)');
    expect(human!.mark).toEqual({ type: 'rule', strokeDash: [6, 4], strokeWidth: 2 });
    expect(human!.data.values).toEqual([{ series: 'human-level error', error: 1 }]);
  });

  it('without human level: two series, a linear axis for a narrow span of sizes', async () => {
    const curve = await learningCurve((n) => ({ trainError: 0.1, devError: 0.1 + 1 / n }), {
      sizes: [100, 200],
    });
    const spec = learningCurveSpec(curve, { width: 300, height: 200 });
    const layers = spec['layer'] as Layer[];
    expect(layers).toHaveLength(1);
    expect(layers[0]!.encoding.color.scale?.domain).toEqual(['training error', 'dev error']);
    expect(layers[0]!.encoding.x.scale).toEqual({ zero: false });
    expect([spec['width'], spec['height']]).toEqual([300, 200]);
  });

  it('rejects an empty curve and bad options', () => {
    expect(() => learningCurveSpec({ points: [] } as never)).toThrow(
      'learningCurveSpec: curve must be a learning curve with at least one point',
    );
    const curve = {
      points: [{ size: 10, trainError: 0.1, devError: NaN }],
      diagnosis: {},
    } as never;
    expect(() => learningCurveSpec(curve)).toThrow(
      'learningCurveSpec: curve.points[0].devError must be a finite number, got NaN',
    );
  });
});
