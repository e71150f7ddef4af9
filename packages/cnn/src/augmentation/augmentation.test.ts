import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import { fileSystem } from '@dlkit/backend';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import {
  RandomContrast,
  RandomFlip,
  RandomRotation,
  RandomTranslation,
  RandomZoom,
  rotationMatrix,
  zoomMatrix,
} from '../index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Images `[m, nH, nW, nC]` holding 0, 1, 2, … so every pixel is told apart. */
function counting(shape: [number, number, number, number]): tf.Tensor4D {
  return tf.tidy(() =>
    tf
      .range(
        0,
        shape.reduce((a, b) => a * b),
      )
      .reshape(shape),
  ) as tf.Tensor4D;
}

/** `image[y][x][c]` read from row-major data of shape `[nH, nW, nC]`. */
function pixel(
  data: ArrayLike<number>,
  nW: number,
  nC: number,
  y: number,
  x: number,
  c: number,
): number {
  return data[(y * nW + x) * nC + c] as number;
}

const everyLayer = (): tf.layers.Layer[] => [
  new RandomFlip({ seed: 1 }),
  new RandomRotation({ factor: 0.2, seed: 2 }),
  new RandomZoom({ heightFactor: 0.3, widthFactor: [-0.2, 0.1], seed: 3 }),
  new RandomTranslation({ heightFactor: 0.2, widthFactor: 0.1, fillMode: 'nearest', seed: 4 }),
  new RandomContrast({ factor: [0.2, 0.4], seed: 5 }),
];

describe('augmentation layers at inference', () => {
  it.each(everyLayer().map((l) => [l.getClassName(), l]))(
    '%s passes images through unchanged',
    async (_, layer) => {
      const images = tf.randomUniform([2, 6, 5, 3], 0, 255, 'float32', 7);
      const same = layer.apply(images) as tf.Tensor;
      expectTensorsClose(same, images, { rtol: 0, atol: 0 });
      const explicit = layer.apply(images, { training: false }) as tf.Tensor;
      expectTensorsClose(explicit, images, { rtol: 0, atol: 0 });
      expect(await expectNoLeaks(() => layer.apply(images) as tf.Tensor)).toBe(1);
      expect(await expectNoLeaks(() => layer.apply(images, { training: true }) as tf.Tensor)).toBe(
        1,
      );
      tf.dispose([images, same, explicit]);
    },
  );

  it('act only in training inside a model: predict is the identity, fit changes the images', () => {
    const input = tf.input({ shape: [6, 6, 1] });
    const augmented = everyLayer().reduce((x, l) => l.apply(x) as tf.SymbolicTensor, input);
    const model = tf.model({ inputs: input, outputs: augmented });
    const images = tf.randomUniform([3, 6, 6, 1], 0, 255, 'float32', 8);
    const predicted = model.predict(images) as tf.Tensor;
    expectTensorsClose(predicted, images, { rtol: 0, atol: 0 });
    const trained = model.apply(images, { training: true }) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(trained, images))).dataSync()[0]).toBeGreaterThan(1);
    tf.dispose([images, predicted, trained]);
    model.dispose();
  });
});

describe('RandomFlip', () => {
  it('flips exactly the images whose draw is below 1/2, left-right', () => {
    const m = 12;
    const images = counting([m, 3, 4, 2]);
    const out = new RandomFlip({ mode: 'horizontal', seed: 3 }).apply(images, {
      training: true,
    }) as tf.Tensor;
    const draws = new RandomState(3).uniformArray(0, 1, m);
    const [x, y] = [images.arraySync(), out.arraySync() as number[][][][]];
    let flipped = 0;
    for (let i = 0; i < m; i++) {
      const expected = (draws[i] as number) < 0.5 ? x[i]!.map((row) => [...row].reverse()) : x[i];
      expect(y[i]).toEqual(expected);
      flipped += (draws[i] as number) < 0.5 ? 1 : 0;
    }
    expect(flipped).toBeGreaterThan(0);
    expect(flipped).toBeLessThan(m);
    tf.dispose([images, out]);
  });

  it('flips up-down in vertical mode, and both ways with two sets of draws', () => {
    const m = 10;
    const images = counting([m, 3, 2, 1]);
    const x = images.arraySync();
    const vertical = new RandomFlip({ mode: 'vertical', seed: 5 }).apply(images, {
      training: true,
    }) as tf.Tensor;
    const both = new RandomFlip({ seed: 5 }).apply(images, { training: true }) as tf.Tensor;
    const rng = new RandomState(5);
    const [h, v] = [rng.uniformArray(0, 1, m), rng.uniformArray(0, 1, m)];
    const vDraws = new RandomState(5).uniformArray(0, 1, m);
    const [vy, by] = [vertical.arraySync() as number[][][][], both.arraySync() as number[][][][]];
    for (let i = 0; i < m; i++) {
      expect(vy[i]).toEqual((vDraws[i] as number) < 0.5 ? [...x[i]!].reverse() : x[i]);
      let e = x[i]!;
      if ((h[i] as number) < 0.5) e = e.map((row) => [...row].reverse());
      if ((v[i] as number) < 0.5) e = [...e].reverse();
      expect(by[i]).toEqual(e);
    }
    tf.dispose([images, vertical, both]);
  });

  it('draws new flips at every call and the same ones for the same seed', () => {
    const images = counting([16, 2, 2, 1]);
    const [a, b] = [new RandomFlip({ seed: 9 }), new RandomFlip({ seed: 9 })];
    const a1 = a.apply(images, { training: true }) as tf.Tensor;
    const a2 = a.apply(images, { training: true }) as tf.Tensor;
    const b1 = b.apply(images, { training: true }) as tf.Tensor;
    expect(a1.arraySync()).toEqual(b1.arraySync());
    expect(a1.arraySync()).not.toEqual(a2.arraySync());
    tf.dispose([images, a1, a2, b1]);
  });
});

describe('RandomRotation', () => {
  it('rotates by 90° counter-clockwise exactly as np.rot90 does (factor [0.25, 0.25], nearest)', () => {
    const images = counting([2, 4, 4, 3]);
    const out = new RandomRotation({
      factor: [0.25, 0.25],
      interpolation: 'nearest',
      seed: 1,
    }).apply(images, {
      training: true,
    }) as tf.Tensor;
    const [x, y] = [images.dataSync(), out.dataSync()];
    for (let i = 0; i < 2; i++)
      for (let r = 0; r < 4; r++)
        for (let c = 0; c < 4; c++)
          for (let k = 0; k < 3; k++) {
            // np.rot90(A)[r][c] = A[c][n - 1 - r]
            expect(y[i * 48 + (r * 4 + c) * 3 + k]).toBe(x[i * 48 + (c * 4 + (3 - r)) * 3 + k]);
          }
    tf.dispose([images, out]);
  });

  it('matches the NumPy reference at 30° with bilinear sampling and constant fill', () => {
    const f = loadFixture<{
      rotation: {
        factor: number;
        fill_value: number;
        image: FixtureTensor;
        rotated: FixtureTensor;
      };
    }>('cnn_augmentation').rotation;
    const image = fixtureTensor(f.image);
    const rotated = fixtureTensor(f.rotated);
    const layer = new RandomRotation({
      factor: [f.factor, f.factor],
      fillMode: 'constant',
      fillValue: f.fill_value,
      seed: 1,
    });
    const out = layer.apply(image, { training: true }) as tf.Tensor;
    expectTensorsClose(out, rotated, { rtol: 1e-5, atol: 1e-5 });
    tf.dispose([image, rotated, out]);
  });

  it("uses Keras's rotation matrix, which keeps the centre fixed", () => {
    const [a, b, c, d, e, g] = rotationMatrix(0.7, 5, 9);
    const [cx, cy] = [(9 - 1) / 2, (5 - 1) / 2];
    expect(a! * cx + b! * cy + c!).toBeCloseTo(cx, 12);
    expect(d! * cx + e! * cy + g!).toBeCloseTo(cy, 12);
  });
});

describe('RandomZoom and RandomTranslation', () => {
  it('zooms out ×2 about the centre: output (x, y) reads input (2x - 2, 2y - 2), zeros outside', () => {
    const images = counting([1, 5, 5, 1]);
    const out = new RandomZoom({ heightFactor: [1, 1], fillMode: 'constant', seed: 1 }).apply(
      images,
      {
        training: true,
      },
    ) as tf.Tensor;
    const [x, y] = [images.dataSync(), out.dataSync()];
    for (let r = 0; r < 5; r++)
      for (let c = 0; c < 5; c++) {
        const [ir, ic] = [2 * r - 2, 2 * c - 2];
        const inside = ir >= 0 && ir < 5 && ic >= 0 && ic < 5;
        expect(y[r * 5 + c]).toBeCloseTo(inside ? pixel(x, 5, 1, ir, ic, 0) : 0, 4);
      }
    tf.dispose([images, out]);
  });

  it('zooms width and height apart when widthFactor is given', () => {
    expect(zoomMatrix(2, 0.5, 5, 9)).toEqual([2, 0, -4, 0, 0.5, 1, 0, 0]);
    const layer = new RandomZoom({
      heightFactor: [0, 0],
      widthFactor: [1, 1],
      fillMode: 'constant',
      seed: 2,
    });
    const images = counting([1, 3, 5, 1]);
    const out = layer.apply(images, { training: true }) as tf.Tensor;
    // rows are kept; columns read 2c - 2
    expect(Array.from(out.dataSync()).slice(0, 5)).toEqual(
      [0, 0, 2, 4, 0].map((v, c) => (c === 0 || c === 4 ? 0 : v)),
    );
    tf.dispose([images, out]);
  });

  it('shifts by whole pixels exactly: 2 rows down and 1 column left on 8×6 images', () => {
    const images = counting([2, 8, 6, 2]);
    const layer = new RandomTranslation({
      heightFactor: [0.25, 0.25],
      widthFactor: [-1 / 6, -1 / 6],
      fillMode: 'constant',
      fillValue: -1,
      interpolation: 'nearest',
      seed: 1,
    });
    const out = layer.apply(images, { training: true }) as tf.Tensor;
    const [x, y] = [images.dataSync(), out.dataSync()];
    for (let i = 0; i < 2; i++)
      for (let r = 0; r < 8; r++)
        for (let c = 0; c < 6; c++)
          for (let k = 0; k < 2; k++) {
            const [ir, ic] = [r - 2, c + 1];
            const inside = ir >= 0 && ic < 6;
            const at = (rr: number, cc: number): number => i * 96 + (rr * 6 + cc) * 2 + k;
            expect(y[at(r, c)]).toBe(inside ? x[at(ir, ic)] : -1);
          }
    tf.dispose([images, out]);
  });
});

describe('RandomContrast', () => {
  it('scales each image around its per-channel mean by its drawn factor, then clips to [0, 255]', () => {
    const images = tf.tensor4d(
      [10, 200, 50, 100, 250, 20, 0, 255, 30, 60, 90, 120],
      [2, 2, 3, 1].slice(0, 4) as [number, number, number, number],
    );
    const out = new RandomContrast({ factor: [0.5, 0.8], seed: 4 }).apply(images, {
      training: true,
    }) as tf.Tensor;
    const draws = new RandomState(4).uniformArray(0.5, 1.8, 2);
    const x = images.dataSync();
    const y = out.dataSync();
    for (let i = 0; i < 2; i++) {
      const px = Array.from(x.slice(i * 6, i * 6 + 6));
      const mean = px.reduce((a, b) => a + b) / 6;
      px.forEach((v, j) => {
        const e = Math.min(255, Math.max(0, (v - mean) * (draws[i] as number) + mean));
        expect(y[i * 6 + j]).toBeCloseTo(e, 3);
      });
    }
    tf.dispose([images, out]);
  });
});

describe('serialization', () => {
  it('a model holding every augmentation layer saves and loads through @dlkit/backend with its config, and augments the same way', async () => {
    const build = (): tf.LayersModel => {
      const input = tf.input({ shape: [6, 6, 1] });
      const out = everyLayer().reduce((x, l) => l.apply(x) as tf.SymbolicTensor, input);
      return tf.model({ inputs: input, outputs: out });
    };
    const model = build();
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-augment-'));
    dirs.push(dir);
    await model.save(fileSystem(dir));
    const loaded = await tf.loadLayersModel(fileSystem(dir));
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(
      model.layers.map((l) => l.getClassName()),
    );
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    const images = tf.randomUniform([2, 6, 6, 1], 0, 255, 'float32', 3);
    const a = loaded.apply(images, { training: true }) as tf.Tensor;
    const b = build().apply(images, { training: true }) as tf.Tensor;
    expectTensorsClose(a, b, { rtol: 0, atol: 1e-4 });
    const p = loaded.predict(images) as tf.Tensor;
    expectTensorsClose(p, images, { rtol: 0, atol: 0 });
    tf.dispose([images, a, b, p]);
    model.dispose();
    loaded.dispose();
  });
});

describe('bad arguments', () => {
  it('name the layer, the argument and what was given', () => {
    expectDlkitError(
      () => new RandomFlip({ mode: 'diagonal' as never }),
      "RandomFlip: args.mode must be one of 'horizontal', 'vertical', 'horizontal_and_vertical', got diagonal",
    );
    expectDlkitError(
      () => new RandomRotation({ factor: NaN }),
      'RandomRotation: args.factor must be a finite number >= 0 and <= 1, got NaN',
    );
    expectDlkitError(
      () => new RandomRotation({ factor: [0.3, 0.1] }),
      'RandomRotation: args.factor[1] must be a finite number >= 0.3 and <= 1, got 0.1',
    );
    expectDlkitError(
      () => new RandomRotation({ factor: 0.1, fillMode: 'mirror' as never }),
      "RandomRotation: args.fillMode must be one of 'reflect', 'wrap', 'constant', 'nearest', got mirror",
    );
    expectDlkitError(
      () => new RandomZoom({ heightFactor: [-2, 0] }),
      'RandomZoom: args.heightFactor[0] must be a finite number >= -1 and <= 1000000, got -2',
    );
    expectDlkitError(
      () => new RandomTranslation({ heightFactor: 0.1 } as never),
      'RandomTranslation: args.widthFactor must be a number or a pair [lower, upper], got undefined',
    );
    expectDlkitError(
      () => new RandomContrast({ factor: 1.5 }),
      'RandomContrast: args.factor must be a finite number >= 0 and <= 1, got 1.5',
    );
    expectDlkitError(
      () => new RandomFlip({ sed: 1 } as never),
      /^RandomFlip: args has an unknown field sed /,
    );
    expectDlkitError(
      () => new RandomFlip({ seed: -1 }),
      /^RandomFlip: args.seed must be an integer >= 0 and <= 4294967295, got -1$/,
    );
    const flip = new RandomFlip({ seed: 1 });
    const vector = tf.zeros([3]);
    expectDlkitError(
      () => flip.apply(vector, { training: true }),
      'RandomFlip.call: inputs must have shape [m, nH, nW, nC] or [nH, nW, nC], got [3]',
    );
    vector.dispose();
    const disposed = tf.zeros([1, 2, 2, 1]);
    disposed.dispose();
    expectDlkitError(() => flip.call(disposed), /^RandomFlip.call: inputs /);
  });
});

describe('rotationMatrix and zoomMatrix', () => {
  it('reject what is not a finite angle, a positive zoom or a size', () => {
    expectDlkitError(
      () => rotationMatrix(NaN, 4, 4),
      'rotationMatrix: angle must be a finite number, got NaN',
    );
    expectDlkitError(() => rotationMatrix(0, 0, 4), /^rotationMatrix: nH must be an integer >= 1/);
    expectDlkitError(
      () => zoomMatrix(0, 1, 4, 4),
      'zoomMatrix: zx must be a finite number > 0, got 0',
    );
  });
});
