import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from '@dlkit/test-harness';
import {
  bestThreshold,
  embedOnce,
  impostorRejected,
  ownAccepted,
  pairAccuracy,
} from './face-threshold.js';

describe('the face-recognition lab threshold', () => {
  // Own distances 0.1, 0.2, 0.5; impostor distances 0.3, 0.4, 0.15.
  const pairs = [
    { own: 0.1, impostor: 0.3 },
    { own: 0.2, impostor: 0.4 },
    { own: 0.5, impostor: 0.15 },
  ];

  it('counts own claims below the threshold and impostor claims at or above it', () => {
    expect(ownAccepted(pairs, 0.25)).toBeCloseTo(2 / 3);
    expect(impostorRejected(pairs, 0.25)).toBeCloseTo(2 / 3);
    expect(pairAccuracy(pairs, 0.25)).toBeCloseTo(2 / 3);
    expect(impostorRejected(pairs, 0.3)).toBeCloseTo(2 / 3); // 0.3 itself is rejected
    expect(pairAccuracy(pairs, 0.7)).toBe(0.5); // every door opens
    expect(pairAccuracy(pairs, 0)).toBe(0.5); // none does
  });

  it('picks the smallest midpoint with the best accuracy, worked out by hand', () => {
    // Sorted: 0.1 0.15 0.2 0.3 0.4 0.5; midpoints 0.125 0.175 0.25 0.35 0.45.
    // Accuracies: 0.125 → (1 + 3)/6, 0.175 → (1 + 2)/6, 0.25 → (2 + 2)/6, 0.35 → (2 + 1)/6,
    // 0.45 → (2 + 0)/6: 0.125 and 0.25 tie at 4/6, the smaller wins.
    expect(bestThreshold(pairs, 0.7)).toBeCloseTo(0.125);
    const separable = [
      { own: 0.1, impostor: 0.6 },
      { own: 0.2, impostor: 0.5 },
    ];
    expect(bestThreshold(separable, 0.7)).toBeCloseTo(0.35);
    expect(pairAccuracy(separable, bestThreshold(separable, 0.7))).toBe(1);
  });

  it('falls back with fewer than two distances', () => {
    expect(bestThreshold([], 0.7)).toBe(0.7);
  });

  it('embeds each picture once and hands out fresh copies', async () => {
    const a = tf.zeros([2, 2, 3]) as tf.Tensor3D;
    const b = tf.ones([2, 2, 3]) as tf.Tensor3D;
    let calls = 0;
    const model = embedOnce((image) => {
      calls += 1;
      return tf.tidy(() => image.mean([0, 1]).add(1));
    });
    const returned = await expectNoLeaks(async () => {
      for (const image of [a, b, a, a, b]) {
        const e = await model(image);
        expect(e.shape).toEqual([3]);
        expect(Array.from(await e.data())).toEqual(image === a ? [1, 1, 1] : [2, 2, 2]);
        e.dispose();
      }
    });
    expect(returned).toBe(0);
    expect(calls).toBe(2);
    tf.dispose([a, b]);
  });
});
