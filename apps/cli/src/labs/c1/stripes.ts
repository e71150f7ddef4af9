// A seeded synthetic stand-in for the course's cat pictures that logistic regression cannot
// solve: horizontal (label 1) against vertical (label 0) stripes at random rows/columns with
// random brightness, polarity and noise (the polarity flips the sign of every pixel's evidence,
// so no linear weighting of the pixels separates the classes; the deep nets can).
import * as tf from '@tensorflow/tfjs';
import { RandomState } from '@dlkit/core';

/** `m` images of `size × size` pixels in the course's layout: `X` `[size², m]`, `Y` `[1, m]`. */
function stripes(m: number, size: number, rs: RandomState): { X: tf.Tensor2D; Y: tf.Tensor2D } {
  const nX = size * size;
  const x = new Float32Array(nX * m); // row-major [nX, m]: pixel p of image i at p * m + i
  const y = new Float32Array(m);
  const img = new Float64Array(nX);
  for (let i = 0; i < m; i++) {
    const label = i % 2;
    img.fill(rs.uniform(0.2, 0.8));
    const polarity = rs.randomSampleArray(1)[0]! < 0.5 ? 1 : -1;
    const k = rs.randint(1, 4);
    for (let s = 0; s < k; s++) {
      const pos = rs.randint(0, size);
      const width = rs.randint(1, 3);
      const delta = polarity * rs.uniform(0.2, 0.4);
      for (let a = pos; a < Math.min(size, pos + width); a++) {
        for (let b = 0; b < size; b++) {
          const p = label === 1 ? a * size + b : b * size + a;
          img[p] = img[p]! + delta;
        }
      }
    }
    const noise = rs.normalArray(0, 0.05, nX);
    for (let p = 0; p < nX; p++) x[p * m + i] = Math.min(1, Math.max(0, img[p]! + noise[p]!));
    y[i] = label;
  }
  return { X: tf.tensor2d(x, [nX, m]), Y: tf.tensor2d(y, [1, m]) };
}

/** Training and test stripes from one seeded generator (the caller owns the four tensors). */
export function syntheticStripes(mTrain: number, mTest: number, size: number, seed: number) {
  const rs = new RandomState(seed);
  const train = stripes(mTrain, size, rs);
  const test = stripes(mTest, size, rs);
  return { trainX: train.X, trainY: train.Y, testX: test.X, testY: test.Y };
}
