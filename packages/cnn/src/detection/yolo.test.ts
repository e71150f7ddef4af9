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
import { yoloBoxesToCorners } from './yolo-boxes-to-corners.js';
import { yoloFilterBoxes } from './yolo-filter-boxes.js';
import { yoloHead } from './yolo-head.js';
import { yoloNonMaxSuppression } from './yolo-non-max-suppression.js';
import { scaleBoxes } from './scale-boxes.js';
import { yoloEval } from './yolo-eval.js';

interface Fixture {
  nms: {
    boxes: FixtureTensor;
    scores: FixtureTensor;
    classes: FixtureTensor;
    keep_05: number[];
    keep_03: number[];
    keep_batched_05: number[];
  };
  head: Record<
    | 'anchors'
    | 'feats'
    | 'box_xy'
    | 'box_wh'
    | 'box_confidence'
    | 'box_class_probs'
    | 'corners'
    | 'filter_scores'
    | 'filter_boxes'
    | 'filter_classes',
    FixtureTensor
  >;
  eval: Record<'feats' | 'scores' | 'boxes' | 'classes', FixtureTensor>;
}
const fx = loadFixture<Fixture>('cnn_detection');
const TOL = { rtol: 1e-4, atol: 1e-5 };

/** The NMS fixture's boxes in tfjs order [y1, x1, y2, x2] (torchvision's are [x1, y1, x2, y2]). */
function nmsInputs() {
  const xyxy = fixtureTensor(fx.nms.boxes);
  const [x1, y1, x2, y2] = tf.unstack(xyxy, 1);
  return {
    boxes: tf.stack([y1!, x1!, y2!, x2!], 1),
    scores: fixtureTensor(fx.nms.scores),
    classes: fixtureTensor(fx.nms.classes),
  };
}

describe('yoloHead', () => {
  it("decodes like the notebook's yolo_head (yad2k, in NumPy) on a 3×3 grid of 3 anchors", () => {
    tf.tidy(() => {
      const out = yoloHead(fixtureTensor(fx.head.feats), fixtureTensor(fx.head.anchors), 4);
      expectTensorsClose(out.boxXy, fixtureTensor(fx.head.box_xy), TOL);
      expectTensorsClose(out.boxWh, fixtureTensor(fx.head.box_wh), TOL);
      expectTensorsClose(out.boxConfidence, fixtureTensor(fx.head.box_confidence), TOL);
      expectTensorsClose(out.boxClassProbs, fixtureTensor(fx.head.box_class_probs), TOL);
    });
  });

  it('puts a zero output at the centre of its cell with the anchor size, by hand', () => {
    tf.tidy(() => {
      // 2 rows × 4 columns, one anchor of 2 × 1 cells, 1 class.
      const out = yoloHead(tf.zeros([1, 2, 4, 6]), tf.tensor2d([[2, 1]]), 1);
      const xy = out.boxXy.arraySync() as number[][][][][];
      expect(xy[0]![1]![3]![0]).toEqual([3.5 / 4, 1.5 / 2]); // row 1, column 3
      expect((out.boxWh.arraySync() as number[][][][][])[0]![0]![0]![0]).toEqual([0.5, 0.5]);
      expectTensorsClose(out.boxConfidence, tf.fill([1, 2, 4, 1, 1], 0.5));
      expectTensorsClose(out.boxClassProbs, tf.ones([1, 2, 4, 1, 1]));
    });
  });

  it('returns four tensors and leaks nothing', async () => {
    const feats = tf.zeros([1, 2, 2, 7]);
    const anchors = tf.tensor2d([[1, 1]]);
    expect(await expectNoLeaks(() => Object.values(yoloHead(feats, anchors, 2)))).toBe(4);
    tf.dispose([feats, anchors]);
  });

  it('names the depth it needs from the anchors and classes', () => {
    tf.tidy(() => {
      expectDlkitError(
        () => yoloHead(tf.zeros([1, 2, 2, 10]), tf.ones([2, 2]), 3),
        'yoloHead: feats must have shape [m, sH, sW, B · (5 + numClasses)] = [m, sH, sW, 16] with B = 2 (from anchors), numClasses = 3, got [1, 2, 2, 10]',
      );
      expectDlkitError(
        () => yoloHead(tf.zeros([1, 2, 2, 6]), tf.zeros([1, 2]), 1),
        'yoloHead: anchors must hold widths and heights > 0',
      );
      expectDlkitError(
        () => yoloHead(tf.zeros([1, 2, 2, 6]), tf.ones([1, 3]), 1),
        'yoloHead: anchors must have shape [B, 2], got [1, 3]',
      );
    });
  });
});

describe('yoloBoxesToCorners and scaleBoxes', () => {
  it("equal the notebook's corners", () => {
    tf.tidy(() => {
      const c = yoloBoxesToCorners(fixtureTensor(fx.head.box_xy), fixtureTensor(fx.head.box_wh));
      expectTensorsClose(c, fixtureTensor(fx.head.corners), TOL);
    });
  });

  it('scale [y1, x1, y2, x2] by [h, w, h, w], by hand', () => {
    tf.tidy(() => {
      const c = yoloBoxesToCorners(tf.tensor2d([[0.5, 0.25]]), tf.tensor2d([[0.2, 0.1]]));
      expectTensorsClose(c, tf.tensor2d([[0.2, 0.4, 0.3, 0.6]]));
      expect(scaleBoxes(tf.tensor2d([[0.25, 0.5, 0.5, 1]]), [720, 1280]).arraySync()).toEqual([
        [180, 640, 360, 1280],
      ]);
    });
  });

  it('return one tensor each and leak nothing', async () => {
    const xy = tf.tensor2d([[0.5, 0.5]]);
    expect(await expectNoLeaks(() => yoloBoxesToCorners(xy, xy))).toBe(1);
    const b = tf.tensor2d([[0, 0, 1, 1]]);
    expect(await expectNoLeaks(() => scaleBoxes(b, [2, 3]))).toBe(1);
    tf.dispose([xy, b]);
  });

  it('reject mismatched shapes, reversed corners and a bad image shape', () => {
    tf.tidy(() => {
      expectDlkitError(
        () => yoloBoxesToCorners(tf.zeros([3, 2]), tf.zeros([4, 2])),
        'yoloBoxesToCorners: boxWh must have shape [3, 2] (leading dimensions from boxXy), got [4, 2]',
      );
      expectDlkitError(
        () => scaleBoxes(tf.tensor2d([[0.5, 0, 0.4, 1]]), [720, 1280]),
        'scaleBoxes: boxes must hold corner boxes [y1, x1, y2, x2] with y2 >= y1, got y1 = 0.5, y2 = 0.4000000059604645 in box 0',
      );
      expectDlkitError(
        () => scaleBoxes(tf.zeros([1, 4]), [720] as never),
        'scaleBoxes: imageShape must be [height, width], got [720]',
      );
    });
  });
});

describe('yoloFilterBoxes', () => {
  it("keeps what the notebook's yolo_filter_boxes keeps (threshold 0.3)", () => {
    tf.tidy(() => {
      const h = fx.head;
      const r = yoloFilterBoxes(
        fixtureTensor(h.corners),
        fixtureTensor(h.box_confidence),
        fixtureTensor(h.box_class_probs),
        0.3,
      );
      expect(r.scores.shape[0]).toBeGreaterThan(0);
      expectTensorsClose(r.scores, fixtureTensor(h.filter_scores), TOL);
      expectTensorsClose(r.boxes, fixtureTensor(h.filter_boxes), TOL);
      expect(r.classes.dtype).toBe('int32');
      expect(r.classes.arraySync()).toEqual(fixtureTensor(h.filter_classes).arraySync());
    });
  });

  it('scores a box by objectness × its best class, keeping scores >= threshold, by hand', () => {
    tf.tidy(() => {
      const boxes = tf.tensor2d([
        [0, 0, 1, 1],
        [0, 0, 2, 2],
        [0, 0, 3, 3],
      ]);
      const conf = tf.tensor2d([[0.9], [0.5], [1]]);
      const probs = tf.tensor2d([
        [0.2, 0.8],
        [0.6, 0.4],
        [0.4, 0.6],
      ]);
      const r = yoloFilterBoxes(boxes, conf, probs); // default threshold 0.6
      expectTensorsClose(r.scores, tf.tensor1d([0.72, 0.6]));
      expect(r.classes.arraySync()).toEqual([1, 1]);
      expect(r.boxes.arraySync()).toEqual([
        [0, 0, 1, 1],
        [0, 0, 3, 3],
      ]);
      expect(yoloFilterBoxes(boxes, conf, probs, 0.99).scores.shape).toEqual([0]);
    });
  });

  it('returns three tensors and leaks nothing', async () => {
    const b = tf.zeros([2, 2, 4]);
    const c = tf.ones([2, 2, 1]);
    const p = tf.fill([2, 2, 3], 1 / 3);
    expect(await expectNoLeaks(() => Object.values(yoloFilterBoxes(b, c, p, 0.1)))).toBe(3);
    tf.dispose([b, c, p]);
  });

  it('rejects confidences whose leading dimensions differ from the boxes', () => {
    tf.tidy(() => {
      expectDlkitError(
        () =>
          yoloFilterBoxes(
            tf.zeros([19, 19, 5, 4]),
            tf.zeros([19, 19, 5, 2]),
            tf.zeros([19, 19, 5, 80]),
          ),
        'yoloFilterBoxes: boxConfidence must have shape [19, 19, 5, 1] (leading dimensions from boxes), got [19, 19, 5, 2]',
      );
      expectDlkitError(
        () => yoloFilterBoxes(tf.zeros([3, 4]), tf.zeros([3, 1]), tf.zeros([2, 80])),
        'yoloFilterBoxes: boxClassProbs must have shape [3, n] (leading dimensions from boxes), got [2, 80]',
      );
    });
  });
});

describe('yoloNonMaxSuppression', () => {
  it("keeps the boxes torchvision's nms keeps (class-agnostic) at IoU 0.5 and 0.3", () => {
    tf.tidy(() => {
      const { boxes, scores, classes } = nmsInputs();
      for (const [thr, keep] of [
        [0.5, fx.nms.keep_05],
        [0.3, fx.nms.keep_03],
      ] as const) {
        const r = yoloNonMaxSuppression(scores, boxes, classes, 100, thr);
        expectTensorsClose(r.scores, tf.gather(scores, keep), { rtol: 0, atol: 0 });
        expectTensorsClose(r.boxes, tf.gather(boxes, keep), { rtol: 0, atol: 0 });
      }
    });
  });

  it("keeps what torchvision's batched_nms keeps per class, and maxBoxes caps the count", () => {
    tf.tidy(() => {
      const { boxes, scores, classes } = nmsInputs();
      const r = yoloNonMaxSuppression(scores, boxes, classes, 100, 0.5, { perClass: true });
      const keep = fx.nms.keep_batched_05;
      expect(keep.length).toBeGreaterThan(fx.nms.keep_05.length);
      expectTensorsClose(r.scores, tf.gather(scores, keep), { rtol: 0, atol: 0 });
      expect(r.classes.arraySync()).toEqual(tf.gather(classes, keep).arraySync());
      const top = yoloNonMaxSuppression(scores, boxes, classes); // notebook defaults: 10, 0.5
      expectTensorsClose(top.scores, tf.gather(scores, fx.nms.keep_05.slice(0, 10)), {
        rtol: 0,
        atol: 0,
      });
    });
  });

  it('suppresses an overlapping box of another class unless perClass, by hand', () => {
    tf.tidy(() => {
      const scores = tf.tensor1d([0.9, 0.8, 0.7]);
      const boxes = tf.tensor2d([
        [0, 0, 10, 10],
        [1, 1, 10, 10],
        [20, 20, 30, 30],
      ]); // IoU(0, 1) = 0.81
      const classes = tf.tensor1d([0, 1, 1], 'int32');
      expect(yoloNonMaxSuppression(scores, boxes, classes).classes.arraySync()).toEqual([0, 1]);
      const per = yoloNonMaxSuppression(scores, boxes, classes, 10, 0.5, { perClass: true });
      expectTensorsClose(per.scores, tf.tensor1d([0.9, 0.8, 0.7]));
      expect(yoloNonMaxSuppression(scores, boxes, classes, 10, 0.9).scores.shape).toEqual([3]);
    });
  });

  it('returns three tensors and leaks nothing, also with no boxes', async () => {
    const s = tf.tensor1d([0.5]);
    const b = tf.tensor2d([[0, 0, 1, 1]]);
    const c = tf.tensor1d([0], 'int32');
    expect(
      await expectNoLeaks(() =>
        Object.values(yoloNonMaxSuppression(s, b, c, 10, 0.5, { perClass: true })),
      ),
    ).toBe(3);
    const none = [tf.zeros([0]), tf.zeros([0, 4]), tf.zeros([0], 'int32')] as const;
    expect(
      await expectNoLeaks(() =>
        Object.values(yoloNonMaxSuppression(...none, 10, 0.5, { perClass: true })),
      ),
    ).toBe(3);
    tf.dispose([s, b, c, ...none]);
  });

  it('rejects scores and boxes of different lengths and reversed corners', () => {
    tf.tidy(() => {
      const c = tf.tensor1d([0, 0], 'int32');
      expectDlkitError(
        () => yoloNonMaxSuppression(tf.tensor1d([0.9, 0.8]), tf.zeros([3, 4]), c),
        'yoloNonMaxSuppression: boxes must have shape [n, 4] with n = 2 (from scores), got [3, 4]',
      );
      expectDlkitError(
        () =>
          yoloNonMaxSuppression(
            tf.tensor1d([0.9, 0.8]),
            tf.tensor2d([
              [0, 0, 1, 1],
              [0, 2, 1, 1],
            ]),
            c,
          ),
        'yoloNonMaxSuppression: boxes must hold corner boxes [y1, x1, y2, x2] with x2 >= x1, got x1 = 2, x2 = 1 in box 1',
      );
      expectDlkitError(
        () => yoloNonMaxSuppression(tf.tensor1d([0.9, 0.8]), tf.zeros([2, 4]), tf.tensor1d([0, 0])),
        'yoloNonMaxSuppression: classes must have dtype int32, got float32',
      );
      expectDlkitError(
        () => yoloNonMaxSuppression(tf.tensor1d([0.9, 0.8]), tf.zeros([2, 4]), c, 10, 1.5),
        'yoloNonMaxSuppression: iouThreshold must be a finite number >= 0 and <= 1, got 1.5',
      );
    });
  });
});

describe('yoloEval', () => {
  it("returns what the notebook's yolo_eval returns (its default image shape, scores >= 0.3)", () => {
    tf.tidy(() => {
      const out = yoloHead(fixtureTensor(fx.eval.feats), fixtureTensor(fx.head.anchors), 4);
      const r = yoloEval(out, undefined, 10, 0.3, 0.5);
      expectTensorsClose(r.scores, fixtureTensor(fx.eval.scores), TOL);
      expectTensorsClose(r.boxes, fixtureTensor(fx.eval.boxes), { rtol: 1e-4, atol: 1e-3 });
      expect(r.classes.arraySync()).toEqual(fixtureTensor(fx.eval.classes).arraySync());
    });
  });

  it('returns three tensors and leaks nothing', async () => {
    const feats = tf.randomNormal([1, 3, 3, 7], 0, 2, 'float32', 3);
    const anchors = tf.tensor2d([[1, 1]]);
    const out = yoloHead(feats, anchors, 2);
    expect(await expectNoLeaks(() => Object.values(yoloEval(out, [32, 32], 5, 0.1, 0.5)))).toBe(3);
    tf.dispose([feats, anchors, ...Object.values(out)]);
  });

  it("rejects outputs that are not yoloHead's", () => {
    tf.tidy(() => {
      const out = {
        boxXy: tf.zeros([3, 2]),
        boxWh: tf.zeros([3, 2]),
        boxConfidence: tf.zeros([3, 1]),
        boxClassProbs: tf.zeros([4, 2]),
      };
      expectDlkitError(
        () => yoloEval(out),
        'yoloEval: yoloOutputs.boxClassProbs must have shape [3, n] (leading dimensions from yoloOutputs.boxXy), got [4, 2]',
      );
      expectDlkitError(
        () => yoloEval([] as never),
        /^yoloEval: yoloOutputs must be an object \{ boxXy, boxWh, boxConfidence, boxClassProbs \}/,
      );
    });
  });
});
