import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectDlkitError,
  expectNoLeaks,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { meanIou } from './mean-iou.js';
import { colorMask, vocColor } from './color-mask.js';

interface IouCase {
  yTrue: FixtureTensor;
  yPred: FixtureTensor;
  nClasses: number;
  perClass: (number | 'NaN')[];
  meanIou: number;
  confusion: number[][];
}
const fx = loadFixture<{ meanIou: Record<'random' | 'absent', IouCase> }>('cnn_unet');

describe('meanIou', () => {
  it.each(['random', 'absent'] as const)(
    "equals scikit-learn's jaccard_score per class and its mean (%s masks)",
    (name) => {
      const c = fx.meanIou[name];
      const [yTrue, yPred] = [fixtureTensor(c.yTrue), fixtureTensor(c.yPred)];
      const r = meanIou(yTrue, yPred, c.nClasses);
      expect(r.confusion).toEqual(c.confusion);
      r.perClass.forEach((v, i) => {
        const want = c.perClass[i]!;
        if (want === 'NaN') expect(v, `class ${i}`).toBeNaN();
        else expect(v, `class ${i}`).toBeCloseTo(want, 12);
      });
      expect(r.meanIou).toBeCloseTo(c.meanIou, 12);
      tf.dispose([yTrue, yPred]);
    },
  );

  it('leaves a class in neither mask out of the mean, and scores a class in one mask only 0', () => {
    const c = fx.meanIou.absent;
    expect(c.perClass[4]).toBe('NaN');
    expect(c.perClass[3]).toBe(0);
    const [yTrue, yPred] = [fixtureTensor(c.yTrue), fixtureTensor(c.yPred)];
    const r = meanIou(yTrue, yPred, 5);
    expect(r.meanIou).toBeCloseTo(r.perClass.slice(0, 4).reduce((s, v) => s + v, 0) / 4, 12);
    tf.dispose([yTrue, yPred]);
  });

  it('is 1 for a perfect prediction, and makes no tensor', async () => {
    const y = tf.tensor([0, 2, 2, 1], [1, 2, 2, 1], 'int32');
    let r: ReturnType<typeof meanIou> | undefined;
    expect(await expectNoLeaks(() => void (r = meanIou(y, y, 3)))).toBe(0);
    expect(r!.perClass).toEqual([1, 1, 1]);
    expect(r!.meanIou).toBe(1);
    y.dispose();
  });

  it('rejects bad masks with a DlkitError naming meanIou', () => {
    const a = tf.tensor([0, 1, 2, 3], [1, 2, 2, 1], 'int32');
    const b = tf.tensor([0, 1, 2, 3], [1, 4, 1, 1], 'int32');
    const f = tf.tensor([0, 1, 2, 3], [1, 2, 2, 1]);
    expectDlkitError(
      () => meanIou(a, a, 3),
      'meanIou: yTrue must hold class indices in [0, 2], got 3 at flat index 3 of shape [1, 2, 2, 1]',
    );
    expectDlkitError(
      () => meanIou(a, b, 4),
      'meanIou: yPred must have shape [m, nH, nW, 1] with nH = 2 (from yTrue), got [1, 4, 1, 1]',
    );
    expectDlkitError(() => meanIou(a, f, 4), 'meanIou: yPred must have dtype int32, got float32');
    expectDlkitError(
      () => meanIou(a, a, 0),
      'meanIou: nClasses must be an integer >= 1 and <= 1024, got 0',
    );
    const flat = tf.tensor([0, 1], [2], 'int32');
    expectDlkitError(
      () => meanIou(flat, flat, 2),
      'meanIou: yTrue must have shape [m, nH, nW, 1], got [2]',
    );
    tf.dispose([a, b, f, flat]);
  });
});

describe('colorMask', () => {
  it("colours classes with PASCAL VOC's colour map", () => {
    // The map's first entries as the VOC development kit lists them (VOCdevkit's labelcolormap).
    const voc = [
      [0, 0, 0],
      [128, 0, 0],
      [0, 128, 0],
      [128, 128, 0],
      [0, 0, 128],
      [128, 0, 128],
      [0, 128, 128],
      [128, 128, 128],
      [64, 0, 0],
      [192, 0, 0],
    ];
    voc.forEach((rgb, c) => expect(vocColor(c), `class ${c}`).toEqual(rgb));
    expect(vocColor(255)).toEqual([224, 224, 192]);
    const mask = tf.tensor3d([0, 1, 2, 3, 4, 9], [2, 3, 1], 'int32');
    const rgb = colorMask(mask);
    expect(rgb.shape).toEqual([2, 3, 3]);
    expect(rgb.dtype).toBe('int32');
    expect(Array.from(rgb.dataSync())).toEqual([0, 1, 2, 3, 4, 9].flatMap((c) => voc[c]!));
    tf.dispose([mask, rgb]);
  });

  it('takes [nH, nW] masks too, returns one tensor and leaks nothing', async () => {
    const mask = tf.tensor2d([1, 2], [1, 2], 'int32');
    expect(await expectNoLeaks(() => colorMask(mask))).toBe(1);
    mask.dispose();
  });

  it('rejects bad masks with a DlkitError naming colorMask', () => {
    const wide = tf.zeros([2, 2, 3], 'int32');
    const big = tf.tensor2d([256], [1, 1], 'int32');
    const float = tf.zeros([2, 2, 1]);
    expectDlkitError(
      () => colorMask(wide),
      'colorMask: mask must have shape [nH, nW, 1] or [nH, nW], got [2, 2, 3]',
    );
    expectDlkitError(
      () => colorMask(big),
      'colorMask: mask must hold class indices in [0, 255], got 256 at flat index 0 of shape [1, 1]',
    );
    expectDlkitError(() => colorMask(float), 'colorMask: mask must have dtype int32, got float32');
    tf.dispose([wide, big, float]);
  });
});
