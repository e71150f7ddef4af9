import * as tf from '@tensorflow/tfjs';
import { assertNumber } from '@dlkit/core';

/**
 * The sinusoidal positional encodings of "Attention Is All You Need", the course's
 * `positional_encoding`: `PE(pos, 2i) = sin(pos / 10000^(2i/d))` and
 * `PE(pos, 2i+1) = cos(pos / 10000^(2i/d))`. Computed in float64, returned as float32.
 *
 * @param positions - The largest number of positions to encode (a positive integer).
 * @param d - The encoding size, `d_model` (a positive integer).
 * @returns A new tensor `[1, positions, d]`.
 *
 * @example
 * ```ts
 * import { positionalEncoding } from '@dlkit/sequence';
 * const pe = positionalEncoding(50, 16);
 * console.log(pe.shape); // [1, 50, 16]
 * pe.dispose();
 * ```
 *
 * @category C5 W4 · Transformers
 */
export function positionalEncoding(positions: number, d: number): tf.Tensor3D {
  assertNumber('positionalEncoding', 'positions', positions, { integer: true, min: 1 });
  assertNumber('positionalEncoding', 'd', d, { integer: true, min: 1 });
  const values = new Float32Array(positions * d);
  for (let pos = 0; pos < positions; pos++) {
    for (let k = 0; k < d; k++) {
      const i = Math.floor(k / 2);
      const angle = pos / Math.pow(10000, (2 * i) / d);
      values[pos * d + k] = k % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return tf.tensor3d(values, [1, positions, d]);
}
