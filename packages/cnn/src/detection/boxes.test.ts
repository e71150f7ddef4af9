import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { boxConvert, type BoxFormat } from './box-convert.js';
import { boxIou, iou } from './iou.js';

interface Fixture {
  boxes1: FixtureTensor;
  boxes2: FixtureTensor;
  box_iou: FixtureTensor;
  xywh: FixtureTensor;
  cxcywh: FixtureTensor;
}
const fx = loadFixture<Fixture>('cnn_detection');

describe('iou', () => {
  it("gives the notebook's printed values", () => {
    expect(iou([2, 1, 4, 3], [1, 2, 3, 4])).toBeCloseTo(1 / 7, 15); // notebook: 0.14285714285714285
    expect(iou([1, 2, 3, 4], [5, 6, 7, 8])).toBe(0); // no intersection
    expect(iou([1, 1, 2, 2], [2, 2, 3, 3])).toBe(0); // vertices touch
    expect(iou([1, 1, 3, 3], [2, 3, 3, 4])).toBe(0); // edges touch
  });

  it('is 1 for a box with itself, 0 for two empty boxes, and hand-computed for nested boxes', () => {
    expect(iou([0, 0, 4, 2], [0, 0, 4, 2])).toBe(1);
    expect(iou([1, 1, 1, 1], [1, 1, 1, 1])).toBe(0);
    expect(iou([0, 0, 4, 4], [1, 1, 3, 3])).toBe(4 / 16);
  });

  it('rejects a box whose lower-right corner is left of or above its upper-left one', () => {
    expectDlkitError(
      () => iou([3, 1, 2, 3], [1, 2, 3, 4]),
      'iou: box1 must be a corner box [x1, y1, x2, y2] with x2 >= x1, got x1 = 3, x2 = 2',
    );
    expectDlkitError(
      () => iou([1, 1, 2, 2], [0, 5, 1, 4]),
      'iou: box2 must be a corner box [x1, y1, x2, y2] with y2 >= y1, got y1 = 5, y2 = 4',
    );
    expectDlkitError(
      () => iou([1, 2, 3] as never, [1, 2, 3, 4]),
      /^iou: box1 must be an array \[x1, y1, x2, y2\] of 4 numbers/,
    );
    expectDlkitError(
      () => iou([1, 2, 3, NaN], [1, 2, 3, 4]),
      'iou: box1[3] must be a finite number, got NaN',
    );
  });
});

describe('boxIou', () => {
  it("equals torchvision's box_iou", () => {
    tf.tidy(() => {
      const m = boxIou(fixtureTensor(fx.boxes1), fixtureTensor(fx.boxes2));
      expectTensorsClose(m, fixtureTensor(fx.box_iou), { rtol: 1e-5, atol: 1e-6 });
    });
  });

  it('agrees with the notebook-style iou of each pair, in either corner order', () => {
    tf.tidy(() => {
      const a = fixtureTensor(fx.boxes1);
      const b = fixtureTensor(fx.boxes2);
      const m = boxIou(a, b).arraySync();
      const pa = a.arraySync() as number[][];
      const pb = b.arraySync() as number[][];
      pa.forEach((x, i) => pb.forEach((y, j) => expect(m[i]![j]).toBeCloseTo(iou(x, y), 5)));
      const swap = (t: tf.Tensor) => boxConvert(t, 'xyxy', 'yxyx');
      expectTensorsClose(boxIou(swap(a), swap(b)), m, { rtol: 1e-5, atol: 1e-6 });
    });
  });

  it('returns one tensor and leaks nothing', async () => {
    const a = tf.tensor2d([[0, 0, 1, 1]]);
    expect(await expectNoLeaks(() => boxIou(a, a))).toBe(1);
    a.dispose();
  });

  it('rejects x2 < x1 and boxes that are not [n, 4]', () => {
    tf.tidy(() => {
      const good = tf.tensor2d([[0, 0, 1, 1]]);
      expectDlkitError(
        () =>
          boxIou(
            good,
            tf.tensor2d([
              [0, 0, 1, 1],
              [2, 0, 1, 1],
            ]),
          ),
        'boxIou: boxes2 must hold corner boxes [x1, y1, x2, y2] with x2 >= x1, got x1 = 2, x2 = 1 in box 1',
      );
      expectDlkitError(
        () => boxIou(tf.zeros([3, 3]), good),
        'boxIou: boxes1 must have shape [n, 4], got [3, 3]',
      );
      expectDlkitError(
        () => boxIou(tf.zeros([4]), good),
        'boxIou: boxes1 must have rank 2, got shape [4]',
      );
    });
  });
});

describe('boxConvert', () => {
  it("equals torchvision's box_convert and round-trips through every layout", () => {
    tf.tidy(() => {
      const b = fixtureTensor(fx.boxes1);
      expectTensorsClose(boxConvert(b, 'xyxy', 'xywh'), fixtureTensor(fx.xywh), {
        rtol: 1e-6,
        atol: 1e-6,
      });
      expectTensorsClose(boxConvert(b, 'xyxy', 'cxcywh'), fixtureTensor(fx.cxcywh), {
        rtol: 1e-6,
        atol: 1e-6,
      });
      const formats: BoxFormat[] = ['yxyx', 'xywh', 'cxcywh', 'xyxy'];
      for (const f of formats) {
        expectTensorsClose(boxConvert(boxConvert(b, 'xyxy', f), f, 'xyxy'), b, {
          rtol: 1e-5,
          atol: 1e-5,
        });
      }
    });
  });

  it('swaps corners into tfjs order, by hand', () => {
    tf.tidy(() => {
      expect(boxConvert(tf.tensor2d([[1, 2, 5, 4]]), 'xyxy', 'yxyx').arraySync()).toEqual([
        [2, 1, 4, 5],
      ]);
      expect(boxConvert(tf.tensor2d([[3, 3, 4, 2]]), 'cxcywh', 'xywh').arraySync()).toEqual([
        [1, 2, 4, 2],
      ]);
    });
  });

  it('returns one tensor and leaks nothing', async () => {
    const b = tf.tensor2d([[0, 0, 1, 1]]);
    expect(await expectNoLeaks(() => boxConvert(b, 'xyxy', 'cxcywh'))).toBe(1);
    b.dispose();
  });

  it('rejects reversed corners, negative sizes and unknown layouts', () => {
    tf.tidy(() => {
      expectDlkitError(
        () => boxConvert(tf.tensor2d([[0, 3, 1, 2]]), 'yxyx', 'xyxy'),
        'boxConvert: boxes must hold corner boxes [y1, x1, y2, x2] with x2 >= x1, got x1 = 3, x2 = 2 in box 0',
      );
      expectDlkitError(
        () => boxConvert(tf.tensor2d([[0, 0, -1, 2]]), 'xywh', 'xyxy'),
        'boxConvert: boxes must have widths and heights >= 0, got w = -1, h = 2 in box 0',
      );
      expectDlkitError(
        () => boxConvert(tf.tensor2d([[0, 0, 1, 1]]), 'ltrb' as never, 'xyxy'),
        "boxConvert: inFmt must be one of 'yxyx', 'xyxy', 'xywh', 'cxcywh', got ltrb",
      );
    });
  });
});
