import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, expectTensorsClose } from '@dlkit/test-harness';
import { makeCatFaces } from './cat-faces.js';
import { makeHandSigns } from './hand-signs.js';
import { makeShapeDetection, makeShapeSegmentation } from './shapes.js';

const disposeSet = (d: { train: object; test: object }): void =>
  tf.dispose(
    [...Object.values(d.train), ...Object.values(d.test)].filter((v) => v instanceof tf.Tensor),
  );

function classCounts(y: tf.Tensor, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (const v of y.dataSync()) c[v]! += 1;
  return c;
}

/** Pixels of image i that differ from the row's first pixel (the background gradient there). */
function foregroundArea(
  x: Float32Array | Int32Array | Uint8Array,
  i: number,
  size: number,
): number {
  let n = 0;
  for (let r = 0; r < size; r++) {
    const base = (i * size + r) * size * 3;
    for (let c = 1; c < size; c++) {
      const p = base + 3 * c;
      if (x[p] !== x[base] || x[p + 1] !== x[base + 1] || x[p + 2] !== x[base + 2]) n++;
    }
  }
  return n;
}

describe('makeCatFaces', () => {
  it("has the course's sizes and layout: 209 / 50 images [m, 64, 64, 3] in [0, 1], int32 labels, balanced", () => {
    const d = makeCatFaces();
    expect(d.train.x.shape).toEqual([209, 64, 64, 3]);
    expect(d.train.x.dtype).toBe('float32');
    expect(d.train.y.shape).toEqual([209]);
    expect(d.train.y.dtype).toBe('int32');
    expect(d.test.x.shape).toEqual([50, 64, 64, 3]);
    expect(classCounts(d.train.y, 2)).toEqual([105, 104]); // labels i mod 2: class 0 gets the odd one
    expect(classCounts(d.test.y, 2)).toEqual([25, 25]);
    const [lo, hi] = tf.tidy(() => [d.train.x.min().dataSync()[0], d.train.x.max().dataSync()[0]]);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(d.info).toMatchObject({ classes: ['non-cat', 'cat'], imageShape: [64, 64, 3] });
    disposeSet(d);
  });

  it("gives the C1 columns layout [size·size·3, m] (the course's train_x_flatten / 255) and raw 0…255 values", () => {
    const imgs = makeCatFaces({ trainSize: 6, testSize: 2, size: 16, seed: 3 });
    const cols = makeCatFaces({
      trainSize: 6,
      testSize: 2,
      size: 16,
      seed: 3,
      layout: 'columns',
      normalize: false,
    });
    expect(cols.train.x.shape).toEqual([768, 6]);
    expect(cols.train.y.shape).toEqual([1, 6]);
    tf.tidy(() => {
      expectTensorsClose(cols.train.x.transpose().div(255), imgs.train.x.reshape([6, 768]), {
        rtol: 1e-6,
        atol: 1e-6,
      });
    });
    disposeSet(imgs);
    disposeSet(cols);
  });

  it('reproduces with a seed, differs across seeds, and returns exactly four tensors', async () => {
    const a = makeCatFaces({ trainSize: 4, testSize: 2, size: 16, seed: 1 });
    const b = makeCatFaces({ trainSize: 4, testSize: 2, size: 16, seed: 1 });
    const c = makeCatFaces({ trainSize: 4, testSize: 2, size: 16, seed: 2 });
    expectTensorsClose(a.train.x, b.train.x, { rtol: 0, atol: 0 });
    expect(tf.tidy(() => a.train.x.sub(c.train.x).abs().max().dataSync()[0])).toBeGreaterThan(0.1);
    [a, b, c].forEach(disposeSet);
    expect(await expectNoLeaks(() => makeCatFaces({ trainSize: 2, testSize: 2, size: 16 }))).toBe(
      4,
    );
  });

  it('rejects sizes out of range', () => {
    expect(() => makeCatFaces({ size: 8 })).toThrow(
      'makeCatFaces: size must be an integer >= 16 and <= 256, got 8',
    );
    expect(() => makeCatFaces({ trainSize: 0 })).toThrow(
      'makeCatFaces: trainSize must be an integer >= 1 and <= 100000, got 0',
    );
    expect(() => makeCatFaces({ noise: 0.9 })).toThrow(
      'makeCatFaces: noise must be a finite number >= 0 and <= 0.5, got 0.9',
    );
    expect(() => makeCatFaces({ layout: 'nchw' as never })).toThrow(
      "makeCatFaces: layout must be one of 'images', 'columns', got nchw",
    );
  });
});

describe('makeHandSigns', () => {
  it("has the course's SIGNS sizes: 1080 / 120 images of 64×64×3, six balanced classes", () => {
    const d = makeHandSigns();
    expect(d.train.x.shape).toEqual([1080, 64, 64, 3]);
    expect(d.test.x.shape).toEqual([120, 64, 64, 3]);
    expect(classCounts(d.train.y, 6)).toEqual([180, 180, 180, 180, 180, 180]);
    expect(classCounts(d.test.y, 6)).toEqual([20, 20, 20, 20, 20, 20]);
    expect(d.info.classes).toEqual(['0', '1', '2', '3', '4', '5']);
    disposeSet(d);
  });

  it('draws more hand for more fingers: mean foreground area grows with the label (noise 0)', () => {
    const size = 32;
    const d = makeHandSigns({ trainSize: 240, testSize: 1, size, noise: 0, seed: 5 });
    const x = d.train.x.dataSync();
    const y = d.train.y.dataSync();
    const sum = new Array<number>(6).fill(0);
    for (let i = 0; i < 240; i++) sum[y[i] as number]! += foregroundArea(x, i, size);
    const mean = sum.map((s) => s / 40);
    for (let k = 1; k < 6; k++) expect(mean[k]).toBeGreaterThan(mean[k - 1]! * 1.03);
    disposeSet(d);
  });

  it('returns exactly four tensors', async () => {
    expect(await expectNoLeaks(() => makeHandSigns({ trainSize: 6, testSize: 6, size: 16 }))).toBe(
      4,
    );
  });
});

describe('makeShapeDetection', () => {
  it('returns images, padded boxes [m, maxObjects, 4] and classes [m, maxObjects] that agree with objects', () => {
    const d = makeShapeDetection({ trainSize: 30, testSize: 5, size: 48, seed: 2 });
    expect(d.train.x.shape).toEqual([30, 48, 48, 3]);
    expect(d.train.boxes.shape).toEqual([30, 3, 4]);
    expect(d.train.classes.shape).toEqual([30, 3]);
    expect(d.train.classes.dtype).toBe('int32');
    const boxes = d.train.boxes.arraySync();
    const classes = d.train.classes.arraySync();
    let total = 0;
    d.train.objects.forEach((objs, i) => {
      expect(objs.length).toBeGreaterThanOrEqual(1);
      expect(objs.length).toBeLessThanOrEqual(3);
      total += objs.length;
      objs.forEach((o, k) => {
        expect(classes[i]![k]).toBe(o.classId);
        expectTensorsClose(tf.tensor(boxes[i]![k]!), tf.tensor(o.box), { rtol: 0, atol: 1e-6 });
        const [y0, x0, y1, x1] = o.box;
        expect(0 <= y0 && y0 < y1 && y1 <= 1 && 0 <= x0 && x0 < x1 && x1 <= 1).toBe(true);
        // Boxes of one image never overlap.
        for (const other of objs.slice(k + 1)) {
          const [b0, a0, b1, a1] = other.box;
          expect(Math.min(y1, b1) <= Math.max(y0, b0) || Math.min(x1, a1) <= Math.max(x0, a0)).toBe(
            true,
          );
        }
      });
      for (let k = objs.length; k < 3; k++) {
        expect(classes[i]![k]).toBe(-1);
        expect(boxes[i]![k]).toEqual([0, 0, 0, 0]);
      }
    });
    expect(total).toBeGreaterThan(30);
    disposeSet(d);
  });

  it('boxes are tight: without noise, each box edge row/column holds shape pixels, the ring outside none', () => {
    const size = 40;
    const d = makeShapeDetection({
      trainSize: 10,
      testSize: 1,
      size,
      noise: 0,
      seed: 8,
      maxObjects: 1,
    });
    const x = d.train.x.dataSync();
    d.train.objects.forEach((objs, i) => {
      const [y0, x0, y1, x1] = objs[0]!.box.map((v) => Math.round(v * size)) as [
        number,
        number,
        number,
        number,
      ];
      const isFg = (r: number, c: number): boolean => {
        const p = ((i * size + r) * size + c) * 3;
        const b = ((i * size + r) * size + 0) * 3;
        return x[p] !== x[b] || x[p + 1] !== x[b + 1] || x[p + 2] !== x[b + 2];
      };
      let fgInside = 0;
      for (let r = 0; r < size; r++) {
        for (let c = 1; c < size; c++) {
          const inside = r >= y0 && r < y1 && c >= x0 && c < x1;
          if (!inside) expect(isFg(r, c)).toBe(false);
          else if (isFg(r, c)) fgInside++;
        }
      }
      expect(fgInside).toBeGreaterThan(0);
    });
    disposeSet(d);
  });

  it('returns exactly six tensors and rejects maxObjects out of range', async () => {
    expect(
      await expectNoLeaks(() => makeShapeDetection({ trainSize: 2, testSize: 2, size: 16 })),
    ).toBe(6);
    expect(() => makeShapeDetection({ maxObjects: 0 })).toThrow(
      'makeShapeDetection: maxObjects must be an integer >= 1 and <= 10, got 0',
    );
  });
});

describe('makeShapeSegmentation', () => {
  it('returns images and int32 masks [m, size, size, 1] with classes 0…3, all present', () => {
    const d = makeShapeSegmentation({ trainSize: 20, testSize: 4, size: 32, seed: 1 });
    expect(d.train.x.shape).toEqual([20, 32, 32, 3]);
    expect(d.train.mask.shape).toEqual([20, 32, 32, 1]);
    expect(d.train.mask.dtype).toBe('int32');
    expect(d.info.classes).toEqual(['background', 'circle', 'square', 'triangle']);
    const counts = classCounts(d.train.mask, 4);
    for (const c of counts) expect(c).toBeGreaterThan(0);
    disposeSet(d);
  });

  it('masks are exact: without noise, background pixels of a row share one colour and shape pixels differ from it', () => {
    const size = 24;
    const d = makeShapeSegmentation({ trainSize: 8, testSize: 1, size, noise: 0, seed: 3 });
    const x = d.train.x.dataSync();
    const mask = d.train.mask.dataSync();
    for (let i = 0; i < 8; i++) {
      for (let r = 0; r < size; r++) {
        let bg: number[] | null = null;
        const rowPixels: [number[], number][] = [];
        for (let c = 0; c < size; c++) {
          const p = (i * size + r) * size + c;
          const rgb = [x[3 * p]!, x[3 * p + 1]!, x[3 * p + 2]!];
          rowPixels.push([rgb, mask[p]!]);
          if (mask[p] === 0) {
            if (bg === null) bg = rgb;
            else expect(rgb).toEqual(bg);
          }
        }
        if (bg !== null) for (const [rgb, m] of rowPixels) if (m !== 0) expect(rgb).not.toEqual(bg);
      }
    }
    disposeSet(d);
  });

  it('reproduces with a seed and returns exactly four tensors', async () => {
    const a = makeShapeSegmentation({ trainSize: 3, testSize: 1, size: 16, seed: 4 });
    const b = makeShapeSegmentation({ trainSize: 3, testSize: 1, size: 16, seed: 4 });
    expectTensorsClose(a.train.mask, b.train.mask, { rtol: 0, atol: 0 });
    expectTensorsClose(a.test.x, b.test.x, { rtol: 0, atol: 0 });
    [a, b].forEach(disposeSet);
    expect(
      await expectNoLeaks(() => makeShapeSegmentation({ trainSize: 2, testSize: 2, size: 16 })),
    ).toBe(4);
  });
});
