import type * as tf from '@tensorflow/tfjs';
import type { WordVectors } from '../word-vectors/word-vectors.js';
import { knownRows } from './sentence-to-avg.js';

/**
 * Every sentence's `sentence_to_avg` at once, in float64 (the vectors read back once):
 * `[m, nDims]` row-major.
 *
 * @internal
 */
export function sentenceAverages(X: readonly string[], map: WordVectors): Float64Array {
  const [, nDims] = map.vectors.shape as [number, number];
  const values = map.vectors.dataSync();
  const out = new Float64Array(X.length * nDims);
  X.forEach((sentence, i) => {
    const rows = knownRows(sentence, map);
    if (rows.length === 0) return;
    for (let j = 0; j < nDims; j++) {
      let sum = 0;
      for (const row of rows) sum += values[row * nDims + j] as number;
      out[i * nDims + j] = sum / rows.length;
    }
  });
  return out;
}

/** Reads a `[..]` tensor for code that works in float64. @internal */
export function float64(t: tf.Tensor): Float64Array {
  return Float64Array.from(t.dataSync());
}
