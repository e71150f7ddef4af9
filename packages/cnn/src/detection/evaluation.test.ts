import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import { expectDlkitError, expectNoLeaks, loadFixture } from '@dlkit/test-harness';
import { kmeansAnchors } from './kmeans-anchors.js';
import {
  meanAveragePrecision,
  type ImageDetections,
  type ImageGroundTruth,
} from './average-precision.js';

interface Fixture {
  map: {
    detections: ImageDetections[];
    ground_truths: ImageGroundTruth[];
    ap: (number | null)[];
    map: number;
  };
}
const fx = loadFixture<Fixture>('cnn_detection');

describe('meanAveragePrecision', () => {
  it("equals py-faster-rcnn's voc_eval (all-point VOC AP, IoU 0.5) per class and on average", () => {
    const r = meanAveragePrecision(fx.map.detections, fx.map.ground_truths, { numClasses: 3 });
    r.ap.forEach((a, c) => expect(a).toBeCloseTo(fx.map.ap[c]!, 10));
    expect(r.map).toBeCloseTo(fx.map.map, 10);
  });

  it('is 1 for perfect detections and hand-computed for a miss, a duplicate and a false positive', () => {
    const truth: ImageGroundTruth[] = [
      {
        boxes: [
          [0, 0, 10, 10],
          [20, 20, 30, 30],
        ],
        classes: [0, 0],
      },
      { boxes: [[0, 0, 5, 5]], classes: [1] },
    ];
    const perfect: ImageDetections[] = truth.map((t) => ({
      ...t,
      scores: t.classes.map(() => 0.9),
    }));
    expect(meanAveragePrecision(perfect, truth)).toEqual({ map: 1, ap: [1, 1] });
    // Class 0, by score: a hit (0.9), a false positive elsewhere (0.8), a duplicate of the hit (0.7);
    // the second object is never found: recall 1/2 at precision 1, so AP = 0.5. Class 1: nothing found.
    const found: ImageDetections[] = [
      {
        boxes: [
          [0, 0, 10, 10],
          [50, 50, 60, 60],
          [1, 1, 10, 10],
        ],
        scores: [0.9, 0.8, 0.7],
        classes: [0, 0, 0],
      },
      { boxes: [], scores: [], classes: [] },
    ];
    expect(meanAveragePrecision(found, truth)).toEqual({ map: 0.25, ap: [0.5, 0] });
    // Classes without true boxes are null and left out of the mean.
    expect(meanAveragePrecision(found, truth, { numClasses: 3 }).ap).toEqual([0.5, 0, null]);
  });

  it('counts a detection at IoU just under the threshold as a false positive', () => {
    const truth = [{ boxes: [[0, 0, 10, 10]], classes: [0] }];
    const found = [{ boxes: [[0, 0, 10, 4.9]], scores: [1], classes: [0] }]; // IoU 0.49
    expect(meanAveragePrecision(found, truth).map).toBe(0);
    expect(meanAveragePrecision(found, truth, { iouThreshold: 0.45 }).map).toBe(1);
  });

  it('rejects reversed boxes, mismatched lengths and a different number of images', () => {
    const truth = [{ boxes: [[0, 0, 10, 10]], classes: [0] }];
    expectDlkitError(
      () => meanAveragePrecision([{ boxes: [[5, 0, 1, 10]], scores: [1], classes: [0] }], truth),
      'meanAveragePrecision: detections[0].boxes[0] must be a corner box [x1, y1, x2, y2] with x2 >= x1, got x1 = 5, x2 = 1',
    );
    expectDlkitError(
      () =>
        meanAveragePrecision([{ boxes: [[0, 0, 1, 1]], scores: [1, 0.5], classes: [0] }], truth),
      'meanAveragePrecision: detections[0].scores must have one entry per box (1), got 2',
    );
    expectDlkitError(
      () => meanAveragePrecision([], truth),
      'meanAveragePrecision: detections and groundTruths must have one entry per image, got 0 and 1',
    );
  });
});

describe('kmeansAnchors', () => {
  it('finds the centres of three well-separated size clusters, smallest first', () => {
    const rng = new RandomState(4);
    const centres = [
      [3, 1],
      [1, 1],
      [2, 4],
    ];
    const wh = centres.flatMap(([w, h]) =>
      Array.from({ length: 20 }, () => [
        w! * (1 + 0.05 * rng.nextGaussian()),
        h! * (1 + 0.05 * rng.nextGaussian()),
      ]),
    );
    const t = tf.tensor2d(wh);
    const { anchors, meanIou } = kmeansAnchors(t, 3, { seed: 2 });
    const a = anchors.arraySync();
    [
      [1, 1],
      [3, 1],
      [2, 4],
    ].forEach(([w, h], j) => {
      expect(a[j]![0]).toBeCloseTo(w!, 1);
      expect(a[j]![1]).toBeCloseTo(h!, 1);
    });
    expect(meanIou).toBeGreaterThan(0.85);
    // One anchor fits these boxes worse than three.
    const one = kmeansAnchors(t, 1);
    expect(one.meanIou).toBeLessThan(meanIou - 0.2);
    tf.dispose([t, anchors, one.anchors]);
  });

  it('with k = n puts an anchor on every box (mean IoU 1), by hand', () => {
    const t = tf.tensor2d([
      [1, 2],
      [2, 1],
    ]);
    const { anchors, meanIou } = kmeansAnchors(t, 2);
    expect(meanIou).toBe(1);
    expect(anchors.arraySync().sort()).toEqual([
      [1, 2],
      [2, 1],
    ]);
    tf.dispose([t, anchors]);
  });

  it('returns one tensor and leaks nothing', async () => {
    const t = tf.tensor2d([
      [1, 1],
      [2, 2],
    ]);
    expect(await expectNoLeaks(() => kmeansAnchors(t, 1).anchors)).toBe(1);
    t.dispose();
  });

  it('rejects k above n and sizes that are not positive', () => {
    tf.tidy(() => {
      expectDlkitError(
        () => kmeansAnchors(tf.ones([2, 2]), 3),
        'kmeansAnchors: k must be at most the number of boxes n = 2, got 3',
      );
      expectDlkitError(
        () => kmeansAnchors(tf.tensor2d([[1, 0]]), 1),
        'kmeansAnchors: boxWh must hold widths and heights > 0',
      );
      expectDlkitError(
        () => kmeansAnchors(tf.ones([2, 3]), 1),
        'kmeansAnchors: boxWh must have shape [n, 2], got [2, 3]',
      );
    });
  });
});
