import * as tf from '@tensorflow/tfjs';
import { zeroPad } from './zero-pad.js';
import type { WindowGeometry } from './hparameters.js';

/** A padded copy of `x` read into a buffer (the padded tensor is disposed). */
function paddedBuffer(x: tf.Tensor4D, pad: number): tf.TensorBuffer<tf.Rank.R4> {
  const padded = zeroPad(x, pad);
  const buffer = padded.bufferSync();
  padded.dispose();
  return buffer;
}

/**
 * The notebook's `conv_forward` loops: for each example `i`, output row `h`, column `w` and
 * filter `c`, `Z[i, h, w, c] = sum(aPrevPad[i, window] * W[:, :, :, c]) + b[c]`.
 */
export function convForwardLoop(
  aPrev: tf.Tensor4D,
  W: tf.Tensor4D,
  b: tf.Tensor4D,
  g: WindowGeometry,
): tf.Tensor4D {
  const { m, nCPrev, f, stride, pad, nH, nW } = g;
  const nC = W.shape[3];
  const aPrevPad = paddedBuffer(aPrev, pad);
  const w = W.bufferSync();
  const bias = b.bufferSync();
  const Z = tf.buffer<tf.Rank.R4>([m, nH, nW, nC], 'float32');
  for (let i = 0; i < m; i++) {
    for (let h = 0; h < nH; h++) {
      const vertStart = stride * h;
      for (let x = 0; x < nW; x++) {
        const horizStart = stride * x;
        for (let c = 0; c < nC; c++) {
          let z = bias.get(0, 0, 0, c);
          for (let dh = 0; dh < f; dh++) {
            for (let dw = 0; dw < f; dw++) {
              for (let k = 0; k < nCPrev; k++) {
                z += aPrevPad.get(i, vertStart + dh, horizStart + dw, k) * w.get(dh, dw, k, c);
              }
            }
          }
          Z.set(z, i, h, x, c);
        }
      }
    }
  }
  return Z.toTensor();
}

/**
 * The notebook's `conv_backward` loops: every output `(i, h, w, c)` adds `W[:, :, :, c] * dZ` to
 * its window of `dAPrevPad`, `aSlice * dZ` to `dW[:, :, :, c]` and `dZ` to `db[c]`.
 */
export function convBackwardLoop(
  dZ: tf.Tensor4D,
  aPrev: tf.Tensor4D,
  W: tf.Tensor4D,
  g: WindowGeometry,
): { dAPrev: tf.Tensor4D; dW: tf.Tensor4D; db: tf.Tensor4D } {
  const { m, nHPrev, nWPrev, nCPrev, f, stride, pad, nH, nW } = g;
  const nC = W.shape[3];
  const aPrevPad = paddedBuffer(aPrev, pad);
  const w = W.bufferSync();
  const dz = dZ.bufferSync();
  const dAPrevPad = tf.buffer<tf.Rank.R4>(
    [m, nHPrev + 2 * pad, nWPrev + 2 * pad, nCPrev],
    'float32',
  );
  const dW = tf.buffer<tf.Rank.R4>([f, f, nCPrev, nC], 'float32');
  const db = tf.buffer<tf.Rank.R4>([1, 1, 1, nC], 'float32');
  for (let i = 0; i < m; i++) {
    for (let h = 0; h < nH; h++) {
      for (let x = 0; x < nW; x++) {
        for (let c = 0; c < nC; c++) {
          const [vertStart, horizStart] = [stride * h, stride * x];
          const grad = dz.get(i, h, x, c);
          for (let dh = 0; dh < f; dh++) {
            for (let dw = 0; dw < f; dw++) {
              for (let k = 0; k < nCPrev; k++) {
                const [r, s] = [vertStart + dh, horizStart + dw];
                dAPrevPad.set(dAPrevPad.get(i, r, s, k) + w.get(dh, dw, k, c) * grad, i, r, s, k);
                dW.set(dW.get(dh, dw, k, c) + aPrevPad.get(i, r, s, k) * grad, dh, dw, k, c);
              }
            }
          }
          db.set(db.get(0, 0, 0, c) + grad, 0, 0, 0, c);
        }
      }
    }
  }
  const dAPrev = tf.tidy(() =>
    dAPrevPad.toTensor().slice([0, pad, pad, 0], [m, nHPrev, nWPrev, nCPrev]),
  );
  return { dAPrev, dW: dW.toTensor(), db: db.toTensor() };
}
