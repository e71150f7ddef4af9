import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import { expectNoLeaks } from '@dlkit/test-harness';
import { learningCurve, type LearningCurveProgress } from './learning-curve.js';
import { learningCurveSvg } from './learning-curve-svg.js';

/** Checks that every tag opened is closed in order (a minimal XML well-formedness check). */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)([^>]*?)(\/?)>/g)) {
    const [, close, name, , selfClose] = m;
    if (selfClose === '/') continue;
    if (close === '/') expect(stack.pop()).toBe(name);
    else stack.push(name as string);
  }
  expect(stack).toEqual([]);
}

function polyline(svg: string, cls: string): [number, number][] {
  const m = svg.match(new RegExp(`class="${cls}"[^>]*points="([^"]+)"`));
  return (m?.[1] ?? '').split(' ').map((p) => p.split(',').map(Number) as [number, number]);
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

describe('learningCurveSvg', () => {
  it('draws well-formed SVG with both curves, human level and the diagnosis', async () => {
    const curve = await learningCurve(
      (n) => ({ trainError: 2 + 100 / n, devError: 4 + 1000 / n }),
      {
        sizes: [100, 1000, 10000],
        humanLevel: 1,
        unit: 'percent',
      },
    );
    const svg = learningCurveSvg(curve, { title: 'Speech <rear-view> & mirror' });
    expectWellFormed(svg);
    expect(svg).toContain('<title>Speech &lt;rear-view&gt; &amp; mirror</title>');
    const train = polyline(svg, 'train-error');
    const dev = polyline(svg, 'dev-error');
    expect(train.length).toBe(3);
    // Log x axis: evenly spaced sizes 100, 1000, 10000 from the left edge (64) to the right (608).
    expect(train.map((p) => p[0])).toEqual([64, 336, 608]);
    // Dev error is above training error everywhere: a smaller y in SVG coordinates.
    dev.forEach((p, i) => expect(p[1]).toBeLessThan((train[i] as [number, number])[1]));
    // Errors fall with size: y grows along each curve.
    expect(dev[0]?.[1]).toBeLessThan(dev[2]?.[1] as number);
    expect(svg).toContain('class="human-level"');
    expect(svg).toContain('Diagnosis: variance dominates; try: get more training data');
    expect(svg).toContain('error (%)');
  });

  it('rejects an empty curve', () => {
    expect(() => learningCurveSvg({ points: [] } as never)).toThrow(
      'learningCurveSvg: curve must be a learning curve with at least one point',
    );
  });
});
