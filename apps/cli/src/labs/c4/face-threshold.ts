// The face-recognition lab's verification threshold: the accuracy of verify's claims at a
// threshold, the threshold that maximises it on one group of people (the calibration group; the
// lab then applies it to a disjoint held-out group), and a face model that embeds each picture
// once (the lab asks verify, whoIsIt and imgToEncoding about the same picture several times).
import * as tf from '@tensorflow/tfjs';
import type { FaceModel } from '@dlkit/cnn';

/** One picture's two verify claims: the distance to its own reference and to an impostor's. */
export interface ClaimPair {
  /** The distance to the reference of the person in the picture (the door should open). */
  own: number;
  /** The distance to another person's reference (the door should stay shut). */
  impostor: number;
}

/** The share of own-identity claims accepted at threshold `t` (distance below `t`). */
export function ownAccepted(pairs: readonly ClaimPair[], t: number): number {
  return pairs.filter((p) => p.own < t).length / pairs.length;
}

/** The share of impostor claims rejected at threshold `t` (distance at or above `t`). */
export function impostorRejected(pairs: readonly ClaimPair[], t: number): number {
  return pairs.filter((p) => p.impostor >= t).length / pairs.length;
}

/** Verification accuracy over both claims of every pair (as many own claims as impostor ones). */
export function pairAccuracy(pairs: readonly ClaimPair[], t: number): number {
  return (ownAccepted(pairs, t) + impostorRejected(pairs, t)) / 2;
}

/**
 * The threshold with the best {@link pairAccuracy} on `pairs`: the candidates are the midpoints
 * between consecutive sorted distances, and of equally good ones the smallest wins. Optimistic on
 * the pairs it was chosen on; the lab chooses it on calibration people and reports held-out ones.
 * `fallback` when there are fewer than two distances.
 */
export function bestThreshold(pairs: readonly ClaimPair[], fallback: number): number {
  const d = pairs.flatMap((p) => [p.own, p.impostor]).sort((a, b) => a - b);
  const candidates = d.slice(1).map((x, i) => (x + (d[i] as number)) / 2);
  let best = candidates[0] ?? fallback;
  let bestAccuracy = pairAccuracy(pairs, best);
  for (const t of candidates) {
    const accuracy = pairAccuracy(pairs, t);
    if (accuracy > bestAccuracy) {
      best = t;
      bestAccuracy = accuracy;
    }
  }
  return best;
}

/**
 * `model`, embedding each picture (the same tensor object) once: later calls on it return a new
 * tensor with the same values, which the caller disposes as usual.
 */
export function embedOnce(model: FaceModel): FaceModel {
  const seen = new WeakMap<
    tf.Tensor3D,
    { values: tf.TypedArray; shape: number[]; dtype: 'float32' }
  >();
  return async (image) => {
    let known = seen.get(image);
    if (known === undefined) {
      const embedding = await model(image);
      try {
        known = {
          values: (await embedding.data()).slice(),
          shape: embedding.shape,
          dtype: embedding.dtype as 'float32',
        };
      } finally {
        embedding.dispose();
      }
      seen.set(image, known);
    }
    return tf.tensor(known.values, known.shape, known.dtype);
  };
}
