import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectDlkitError, expectNoLeaks } from '@dlkit/test-harness';
import { makeHappyFaces } from './happy-faces.js';

const dispose = (d: ReturnType<typeof makeHappyFaces>): void =>
  tf.dispose([d.train.x, d.train.y, d.test.x, d.test.y]);

/**
 * How far the middle of each image's mouth sits below its corners, in pixels: the mean row of the
 * lip-coloured pixels (exactly the drawn lip colour, so noise must be 0) in the middle third of
 * the mouth's columns minus the mean row in the outer thirds. A smile is positive.
 */
function mouthSag(x: tf.Tensor, size: number, i: number): number {
  const v = x.dataSync();
  const lips: [number, number][] = [];
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const p = ((i * size + r) * size + c) * 3;
      const [red, g, b] = [v[p] as number, v[p + 1] as number, v[p + 2] as number];
      if (red > 0.5 && Math.abs(g - 0.12) < 1e-3 && Math.abs(b - 0.15) < 1e-3) lips.push([r, c]);
    }
  }
  const cols = lips.map(([, c]) => c);
  const [lo, hi] = [Math.min(...cols), Math.max(...cols)];
  const third = (hi - lo) / 3;
  const mean = (ps: [number, number][]): number => ps.reduce((s, [r]) => s + r, 0) / ps.length;
  const middle = lips.filter(([, c]) => c > lo + third && c < hi - third);
  const outer = lips.filter(([, c]) => c <= lo + third || c >= hi - third);
  return mean(middle) - mean(outer);
}

describe('makeHappyFaces', () => {
  it("has the course's sizes: 600 / 150 images [m, 64, 64, 3] in [0, 1], two balanced classes", () => {
    const d = makeHappyFaces();
    expect(d.train.x.shape).toEqual([600, 64, 64, 3]);
    expect(d.test.x.shape).toEqual([150, 64, 64, 3]);
    expect(d.train.y.dtype).toBe('int32');
    const ones = tf.tidy(() => d.train.y.sum().dataSync()[0]);
    expect(ones).toBe(300);
    const [lo, hi] = tf.tidy(() => [d.train.x.min().dataSync()[0], d.train.x.max().dataSync()[0]]);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(d.info).toMatchObject({ classes: ['not-happy', 'happy'], imageShape: [64, 64, 3] });
    dispose(d);
  });

  it('is seeded, and a seed changes the pictures', () => {
    const [a, b, c] = [1, 1, 2].map((seed) =>
      makeHappyFaces({ trainSize: 4, testSize: 2, size: 16, seed }),
    );
    expect(a!.train.x.dataSync()).toEqual(b!.train.x.dataSync());
    expect(a!.train.x.dataSync()).not.toEqual(c!.train.x.dataSync());
    [a, b, c].forEach((d) => dispose(d!));
  });

  it('draws a smile (the mouth sags in the middle) exactly for label 1', () => {
    const d = makeHappyFaces({ trainSize: 40, testSize: 2, noise: 0, seed: 4 });
    const labels = Array.from(d.train.y.dataSync());
    const sags = labels.map((_, i) => mouthSag(d.train.x, 64, i));
    labels.forEach((label, i) => {
      if (label === 1) expect(sags[i], `image ${i}`).toBeGreaterThan(0.5);
      else expect(sags[i], `image ${i}`).toBeLessThan(0.5);
    });
    dispose(d);
  });

  it('returns four tensors and leaks nothing; rejects bad options', async () => {
    expect(
      await expectNoLeaks(() => {
        const d = makeHappyFaces({ trainSize: 2, testSize: 2, size: 16 });
        return [d.train.x, d.train.y, d.test.x, d.test.y];
      }),
    ).toBe(4);
    expectDlkitError(
      () => makeHappyFaces({ size: 8 }),
      /^makeHappyFaces: (options\.)?size must be an integer >= 16 and <= 256, got 8$/,
    );
  });
});
