import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { DlkitError } from '../tensor/errors.js';
import * as basics from './index.js';
import { L1, L2, basicSigmoid, image2vector, normalizeRows, sigmoidDerivative } from './index.js';

interface Fixture {
  basic_sigmoid_1: number;
  x: FixtureTensor;
  sigmoid: FixtureTensor;
  sigmoid_derivative: FixtureTensor;
  image: FixtureTensor;
  image2vector: FixtureTensor;
  rows: FixtureTensor;
  normalize_rows: FixtureTensor;
  softmax_x: FixtureTensor;
  softmax: FixtureTensor;
  yhat: FixtureTensor;
  y: FixtureTensor;
  L1: number;
  L2: number;
}
const fx = loadFixture<Fixture>('core_basics');

describe("the Python-basics notebook's functions on its test inputs (NumPy reference)", () => {
  it('basicSigmoid(1) = 0.7310585786300049', () => {
    expect(basicSigmoid(1)).toBeCloseTo(fx.basic_sigmoid_1, 15);
  });

  it('sigmoid and sigmoidDerivative of [1, 2, 3]', () => {
    tf.tidy(() => {
      const x = fixtureTensor(fx.x);
      expectTensorsClose(basics.sigmoid(x), fixtureTensor(fx.sigmoid));
      expectTensorsClose(sigmoidDerivative(x), fixtureTensor(fx.sigmoid_derivative));
    });
  });

  it('image2vector unrolls the 3×3×2 image row-major into [18, 1]', () => {
    tf.tidy(() => {
      const v = image2vector(fixtureTensor(fx.image));
      expect(v.shape).toEqual([18, 1]);
      expectTensorsClose(v, fixtureTensor(fx.image2vector), { rtol: 0, atol: 0 });
    });
  });

  it('normalizeRows of [[0, 3, 4], [1, 6, 4]]', () => {
    tf.tidy(() =>
      expectTensorsClose(normalizeRows(fixtureTensor(fx.rows)), fixtureTensor(fx.normalize_rows)),
    );
  });

  it('softmax over the rows of [[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]], unlike core’s column softmax', () => {
    tf.tidy(() => {
      const x = fixtureTensor(fx.softmax_x);
      expectTensorsClose(basics.softmax(x), fixtureTensor(fx.softmax), { atol: 1e-7 });
      expectTensorsClose(basics.softmax(x.add(1000)), fixtureTensor(fx.softmax), { atol: 1e-7 });
    });
  });

  it('L1 = 1.1 and L2 = 0.43', () => {
    tf.tidy(() => {
      const yhat = fixtureTensor(fx.yhat);
      const y = fixtureTensor(fx.y);
      expect(L1(yhat, y)).toBeCloseTo(fx.L1, 6);
      expect(L2(yhat, y)).toBeCloseTo(fx.L2, 6);
    });
  });
});

describe('the basics leave nothing behind', () => {
  it('each returns one tensor (or a number) and leaks nothing', async () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const image = tf.ones([2, 2, 3]);
    const v = tf.tensor1d([1, 0]);
    expect(await expectNoLeaks(() => basics.sigmoid(x))).toBe(1);
    expect(await expectNoLeaks(() => sigmoidDerivative(x))).toBe(1);
    expect(await expectNoLeaks(() => image2vector(image))).toBe(1);
    expect(await expectNoLeaks(() => normalizeRows(x))).toBe(1);
    expect(await expectNoLeaks(() => basics.softmax(x))).toBe(1);
    expect(await expectNoLeaks(() => L1(v, v))).toBe(0);
    expect(await expectNoLeaks(() => L2(v, v))).toBe(0);
    const zeros = tf.zeros([1, 2]);
    // Rejecting a row of zeros leaves nothing behind either.
    const before = tf.memory().numTensors;
    expect(() => normalizeRows(zeros)).toThrow(/row of zeros/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, image, v, zeros]);
  });
});

describe('the basics reject bad input with a DlkitError naming the function', () => {
  it('basicSigmoid: not a finite number', () => {
    for (const bad of [NaN, Infinity, '1', null, undefined]) {
      expect(() => basicSigmoid(bad as number)).toThrow(DlkitError);
      expect(() => basicSigmoid(bad as number)).toThrow(/basicSigmoid/);
    }
  });

  it('tensor functions: wrong rank, dtype, NaN, disposed, not a tensor; L1/L2: lengths differ', () => {
    const disposed = tf.ones([2, 2]);
    disposed.dispose();
    const cases: [string, () => unknown][] = [
      ['image2vector', () => image2vector(tf.ones([3, 2]))],
      ['normalizeRows', () => normalizeRows(tf.ones([3]))],
      [
        'normalizeRows',
        () =>
          normalizeRows(
            tf.tensor2d([
              [0, 0],
              [1, 2],
            ]),
          ),
      ],
      ['softmax', () => basics.softmax(tf.tensor2d([[1, NaN]]))],
      ['sigmoid', () => basics.sigmoid(tf.tensor1d(['a'] as unknown as number[], 'string'))],
      ['sigmoidDerivative', () => sigmoidDerivative(disposed)],
      ['sigmoidDerivative', () => sigmoidDerivative([1, 2] as unknown as tf.Tensor)],
      ['L1', () => L1(tf.ones([3]), tf.ones([2]))],
      ['L2', () => L2(tf.ones([3, 1]), tf.ones([3, 1]))],
    ];
    for (const [fn, call] of cases) {
      tf.tidy(() => {
        expect(call).toThrow(DlkitError);
        expect(call).toThrow(new RegExp(`^${fn}: `));
      });
    }
  });
});
