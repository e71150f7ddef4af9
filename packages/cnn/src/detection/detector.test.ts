import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSystem } from '@dlkit/backend';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { yoloTargets } from './yolo-targets.js';
import { yoloLoss } from './yolo-loss.js';
import { yoloDetector } from './yolo-detector.js';
import { yoloDetect } from './yolo-detect.js';
import { yoloHead } from './yolo-head.js';
import { drawBoxes } from './draw-boxes.js';

interface LossCase {
  gridShape: [number, number];
  boxes: FixtureTensor;
  classes: FixtureTensor;
  yTrue: FixtureTensor;
  yPred: FixtureTensor;
  objects: number;
  losses: {
    options: { lambdaCoord?: number; lambdaNoobj?: number };
    loss: number;
    grad: FixtureTensor;
  }[];
}
const fx = loadFixture<{
  anchors: FixtureTensor;
  numClasses: number;
  cases: Record<'square' | 'wide' | 'targets', LossCase>;
}>('cnn_yolo_loss');
/** The torch loss is float64 on the same float32 inputs; dlkit computes in float32. */
const LOSS_TOL = { rtol: 1e-5, atol: 0 };
const GRAD_TOL = { rtol: 1e-5, atol: 1e-5 };

const dir = mkdtempSync(join(tmpdir(), 'dlkit-detector-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('yoloTargets', () => {
  it("gives each object its centre's cell and best-fitting anchor, by hand", () => {
    tf.tidy(() => {
      // 2×2 grid, anchors 1×1 and 2×1 cells, 2 classes. Object 0: x 0…1, y 0.5…0.75, 2 × 0.5 cells
      // (IoU 1/3 with anchor 0, 1/2 with anchor 1), centred at (0.5, 0.625): row 1, column 1.
      // Object 1 is padding.
      const boxes = tf.tensor3d([
        [
          [0.5, 0, 0.75, 1],
          [0, 0, 0, 0],
        ],
      ]);
      const classes = tf.tensor2d([[1, -1]], [1, 2], 'int32');
      const y = yoloTargets(
        boxes,
        classes,
        tf.tensor2d([
          [1, 1],
          [2, 1],
        ]),
        2,
        2,
      ).arraySync();
      expect(y[0]![1]![1]!.slice(7)).toEqual([0.5, 0.625, 1, 0.25, 1, 0, 1]);
      expect(y[0]![1]![1]!.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(y.flat(3).reduce((a, b) => a + b, 0)).toBeCloseTo(0.5 + 0.625 + 1 + 0.25 + 2, 6);
    });
  });

  it('gives a second object of the same cell and shape the next anchor', () => {
    tf.tidy(() => {
      const boxes = tf.tensor3d([
        [
          [0.1, 0.1, 0.2, 0.2],
          [0.12, 0.12, 0.22, 0.22],
        ],
      ]);
      const classes = tf.tensor2d([[0, 1]], [1, 2], 'int32');
      const y = yoloTargets(
        boxes,
        classes,
        tf.tensor2d([
          [1, 1],
          [3, 3],
        ]),
        1,
        2,
      );
      expect(y.reshape([2, 7]).slice([0, 4], [2, 1]).arraySync()).toEqual([[1], [1]]);
    });
  });

  it('returns one tensor and leaks nothing', async () => {
    const boxes = tf.tensor3d([[[0.1, 0.1, 0.5, 0.5]]]);
    const classes = tf.tensor2d([[0]], [1, 1], 'int32');
    const anchors = tf.tensor2d([[1, 1]]);
    expect(await expectNoLeaks(() => yoloTargets(boxes, classes, anchors, 4, 1))).toBe(1);
    tf.dispose([boxes, classes, anchors]);
  });

  it('rejects reversed boxes and classes beyond numClasses', () => {
    tf.tidy(() => {
      const a = tf.tensor2d([[1, 1]]);
      expectDlkitError(
        () =>
          yoloTargets(
            tf.tensor3d([[[0.5, 0.1, 0.2, 0.5]]]),
            tf.tensor2d([[0]], [1, 1], 'int32'),
            a,
            2,
            1,
          ),
        'yoloTargets: boxes must hold corner boxes [y1, x1, y2, x2] with y2 >= y1, got y1 = 0.5, y2 = 0.20000000298023224 in box 0',
      );
      expectDlkitError(
        () =>
          yoloTargets(
            tf.tensor3d([[[0.1, 0.1, 0.2, 0.5]]]),
            tf.tensor2d([[3]], [1, 1], 'int32'),
            a,
            2,
            1,
          ),
        'yoloTargets: classes must be -1 or below numClasses = 1, got 3',
      );
    });
  });
});

describe('yoloLoss', () => {
  it('is hand-computed for one object on a 1×1 grid', () => {
    tf.tidy(() => {
      // One cell, one anchor 1×1, 2 classes; the object is centred at (0.5, 0.5), 1 × 1 cells, class 0.
      const yTrue = tf.tensor4d([[[[0.5, 0.5, 1, 1, 1, 1, 0]]]]);
      const yPred = tf.tensor4d([[[[0, 0, 0.5, -0.5, 0, Math.log(3), 0]]]]);
      // coord: 5 · (0 + 0 + 0.25 + 0.25); objectness: (0.5 − 1)²; class: −log(3 / 4).
      const expected = 5 * 0.5 + 0.25 - Math.log(0.75);
      expect(yoloLoss(tf.tensor2d([[1, 1]]), 2)(yTrue, yPred).dataSync()[0]).toBeCloseTo(
        expected,
        5,
      );
      // An empty cell costs λ_noobj σ(t_o)².
      const empty = yoloLoss(tf.tensor2d([[1, 1]]), 2, { lambdaNoobj: 2 })(
        tf.zeros([1, 1, 1, 7]),
        yPred,
      );
      expect(empty.dataSync()[0]).toBeCloseTo(2 * 0.25, 6);
    });
  });

  it('is minimal where the prediction decodes to the target (its gradient vanishes there)', () => {
    tf.tidy(() => {
      const anchors = tf.tensor2d([[2, 1]]);
      const yTrue = tf.tensor4d([0.3, 0.6, 0.4, 0.1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0], [1, 1, 2, 7]);
      const loss = yoloLoss(anchors, 2, { lambdaNoobj: 0 });
      const f = (p: tf.Tensor) => loss(yTrue, p);
      // 1 row, 2 columns: σ(t_x) = 0.3 · 2 − 0 = 0.6 (column 0), σ(t_y) = 0.6 · 1 − 0, e^{t_w} · 2 / 2 = 0.4 …
      const logit = (p: number) => Math.log(p / (1 - p));
      const at = tf.tensor4d(
        [logit(0.6), logit(0.6), Math.log(0.4), Math.log(0.1), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        [1, 1, 2, 7],
      );
      const g = (tf.grad(f)(at).reshape([-1]).arraySync() as number[]).slice(0, 4);
      g.forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-5));
      const out = yoloHead(at, anchors, 2);
      expectTensorsClose(out.boxXy.reshape([-1]).slice(0, 2), tf.tensor1d([0.3, 0.6]), {
        atol: 1e-6,
      });
      expectTensorsClose(out.boxWh.reshape([-1]).slice(0, 2), tf.tensor1d([0.4, 0.1]), {
        atol: 1e-6,
      });
    });
  });

  it('returns one scalar and leaks nothing', async () => {
    const a = tf.tensor2d([[1, 1]]);
    const y = tf.zeros([2, 2, 2, 7]);
    const loss = yoloLoss(a, 2);
    expect(await expectNoLeaks(() => loss(y, y))).toBe(1);
    tf.dispose([a, y]);
  });

  it('rejects a prediction of the wrong depth', () => {
    tf.tidy(() => {
      const loss = yoloLoss(tf.tensor2d([[1, 1]]), 2);
      expectDlkitError(
        () => loss(tf.zeros([1, 2, 2, 8]), tf.zeros([1, 2, 2, 8])),
        'yoloLoss: yPred must have shape [m, sH, sW, 7], got [1, 2, 2, 8]',
      );
    });
  });
});

describe('yoloLoss against PyTorch (tests/fixtures/cnn_yolo_loss.py)', () => {
  const optionName = (o: object) => JSON.stringify(o);
  describe.each([
    ['square', '4×4 grid'],
    ['wide', '3×5 grid'],
  ] as const)('%s: %s, m = 3, B = 2, C = 3', (name, _grid) => {
    const c = fx.cases[name];
    it.each(c.losses.map((l) => [optionName(l.options), l] as const))(
      'has the loss and gradient of torch with options %s',
      (_, l) => {
        tf.tidy(() => {
          const loss = yoloLoss(fixtureTensor(fx.anchors), fx.numClasses, l.options);
          const yTrue = fixtureTensor(c.yTrue);
          const yPred = fixtureTensor(c.yPred);
          expect(yPred.shape).toEqual([3, ...c.gridShape, 16]);
          expectTensorsClose(loss(yTrue, yPred), l.loss, { ...LOSS_TOL, label: 'loss' });
          const grad = tf.grad((p: tf.Tensor) => loss(yTrue, p))(yPred);
          expectTensorsClose(grad, fixtureTensor(l.grad), { ...GRAD_TOL, label: 'gradient' });
        });
      },
    );
  });

  it("builds the fixture's random 4×4 targets with yoloTargets", () => {
    tf.tidy(() => {
      const c = fx.cases.square;
      const y = yoloTargets(
        fixtureTensor(c.boxes),
        fixtureTensor(c.classes),
        fixtureTensor(fx.anchors),
        4,
        fx.numClasses,
      );
      expectTensorsClose(y, fixtureTensor(c.yTrue), { rtol: 0, atol: 0 });
      expect(y.reshape([-1, 8]).slice([0, 4], [-1, 1]).sum().dataSync()[0]).toBe(c.objects);
    });
  });

  it('gives, on yoloTargets of hand boxes, the loss torch computes on the same targets', () => {
    tf.tidy(() => {
      // yoloTargets runs in TS on the boxes; torch's loss was computed on the Python builder's
      // target of the same boxes, which must be the same tensor.
      const c = fx.cases.targets;
      const anchors = fixtureTensor(fx.anchors);
      const yTrue = yoloTargets(
        fixtureTensor(c.boxes),
        fixtureTensor(c.classes),
        anchors,
        4,
        fx.numClasses,
      );
      expectTensorsClose(yTrue, fixtureTensor(c.yTrue), { rtol: 0, atol: 0 });
      const yPred = fixtureTensor(c.yPred);
      for (const l of c.losses) {
        const loss = yoloLoss(anchors, fx.numClasses, l.options);
        expectTensorsClose(loss(yTrue, yPred), l.loss, {
          ...LOSS_TOL,
          label: `loss ${optionName(l.options)}`,
        });
        const grad = tf.grad((p: tf.Tensor) => loss(yTrue, p))(yPred);
        expectTensorsClose(grad, fixtureTensor(l.grad), {
          ...GRAD_TOL,
          label: `gradient ${optionName(l.options)}`,
        });
      }
    });
  });
});

describe('yoloDetector and yoloDetect', () => {
  it('saves, loads and predicts the same', async () => {
    const model = yoloDetector([16, 16, 3], 2, 3, { filters: [4, 8], seed: 3 });
    expect(model.outputs[0]!.shape).toEqual([null, 4, 4, 16]);
    const x = tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 5);
    const anchors = tf.tensor2d([
      [1, 1],
      [2, 2],
    ]);
    await model.save(fileSystem(join(dir, 'detector')));
    const loaded = await tf.loadLayersModel(fileSystem(join(dir, 'detector')));
    tf.tidy(() =>
      expectTensorsClose(loaded.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor, {
        rtol: 1e-5,
        atol: 1e-6,
      }),
    );
    const opts = { scoreThreshold: 0.05, maxBoxes: 4 };
    expect(yoloDetect(loaded, x, anchors, opts)).toEqual(yoloDetect(model, x, anchors, opts));
    tf.dispose([x, anchors]);
    model.dispose();
    loaded.dispose();
  });

  it('builds the same weights from the same seed, and others from another', () => {
    const a = yoloDetector([8, 8, 3], 1, 1, { filters: [2], seed: 1 });
    const b = yoloDetector([8, 8, 3], 1, 1, { filters: [2], seed: 1 });
    const c = yoloDetector([8, 8, 3], 1, 1, { filters: [2], seed: 2 });
    tf.tidy(() => {
      expectTensorsClose(a.getWeights()[0]!, b.getWeights()[0]!, { rtol: 0, atol: 0 });
      expect(c.getWeights()[0]!.sub(a.getWeights()[0]!).abs().max().dataSync()[0]).toBeGreaterThan(
        0,
      );
    });
    [a, b, c].forEach((m) => m.dispose());
  });

  it('detects nothing for an unreachable threshold and leaks nothing', async () => {
    const model = yoloDetector([8, 8, 3], 1, 2, { filters: [2], seed: 1 });
    const x = tf.zeros([1, 8, 8, 3]);
    const anchors = tf.tensor2d([[1, 1]]);
    let found: unknown;
    expect(
      await expectNoLeaks(
        () => void (found = yoloDetect(model, x, anchors, { scoreThreshold: 2 })),
      ),
    ).toBe(0);
    expect(found).toEqual([{ boxes: [], scores: [], classes: [] }]);
    tf.dispose([x, anchors]);
    model.dispose();
  });

  it('rejects an image of the wrong size for the model, and sides the grid cannot halve', () => {
    const model = yoloDetector([8, 8, 3], 1, 2, { filters: [2], seed: 1 });
    tf.tidy(() => {
      expectDlkitError(
        () => yoloDetect(model, tf.zeros([1, 16, 16, 3]), tf.tensor2d([[1, 1]])),
        "yoloDetect: images must have shape [m, 8, 8, 3] (the model's input), got [1, 16, 16, 3]",
      );
      expectDlkitError(
        () =>
          yoloDetect(
            model,
            tf.zeros([1, 8, 8, 3]),
            tf.tensor2d([
              [1, 1],
              [2, 2],
            ]),
          ),
        'yoloDetect: model must map [m, nH, nW, nC] to [m, S, S, B · (5 + C)] with B = 2 (from anchors), got output [*, 4, 4, 7]',
      );
    });
    model.dispose();
    expectDlkitError(
      () => yoloDetector([20, 20, 3], 1, 1, { filters: [2, 2, 2] }),
      "yoloDetector: inputShape's sides must be divisible by 2^3 = 8 (one halving per block), got [20, 20, 3]",
    );
  });
});

describe('drawBoxes', () => {
  it('draws each outline in its colour and the label above it, leaving the rest and the input alone', () => {
    tf.tidy(() => {
      const image = tf.zeros([20, 20, 3]);
      const out = drawBoxes(image, tf.tensor2d([[10, 2, 18, 12]]), ['A'], {
        colors: [1],
      }).arraySync();
      const green = [0.2, 0.9, 0.2].map((v) => Math.fround(v));
      expect(out[10]![2]).toEqual(green); // top-left corner of the outline
      expect(out[17]![11]).toEqual(green); // bottom-right corner (y2 − 1, x2 − 1)
      expect(out[14]![7]).toEqual([0, 0, 0]); // inside the box
      expect(out[19]![19]).toEqual([0, 0, 0]); // outside
      // The label: a 5 × 3 'A' in black on a 7 × 5 green plate whose bottom row is y 9.
      expect(out[3]![2]).toEqual(green);
      expect(out[4]![4]).toEqual([0, 0, 0]); // the A's top stroke
      expect(out[4]![3]).toEqual(green); // beside it
      expect(image.sum().dataSync()[0]).toBe(0);
    });
  });

  it('keeps an int32 image int32 in 0…255', () => {
    tf.tidy(() => {
      const out = drawBoxes(tf.zeros([8, 8, 3], 'int32'), tf.tensor2d([[0, 0, 8, 8]]), undefined, {
        colors: [7],
      });
      expect(out.dtype).toBe('int32');
      expect(out.arraySync()[0]![0]).toEqual([255, 255, 255]);
    });
  });

  it('returns one tensor and leaks nothing', async () => {
    const image = tf.zeros([8, 8, 3]);
    const boxes = tf.tensor2d([[1, 1, 6, 6]]);
    expect(await expectNoLeaks(() => drawBoxes(image, boxes, ['x 0.5']))).toBe(1);
    tf.dispose([image, boxes]);
  });

  it('rejects reversed boxes and a label count that differs from the boxes', () => {
    tf.tidy(() => {
      const image = tf.zeros([8, 8, 3]);
      expectDlkitError(
        () => drawBoxes(image, tf.tensor2d([[1, 6, 6, 1]])),
        'drawBoxes: boxes must hold corner boxes [y1, x1, y2, x2] with x2 >= x1, got x1 = 6, x2 = 1 in box 0',
      );
      expectDlkitError(
        () => drawBoxes(image, tf.tensor2d([[1, 1, 6, 6]]), ['a', 'b']),
        'drawBoxes: labels must be an array of 1 strings (one per box), got ["a","b"]',
      );
    });
  });
});
