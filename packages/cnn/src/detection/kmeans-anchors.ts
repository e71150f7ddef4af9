import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  MAX_ITERATIONS,
  RandomState,
  ShapeChecker,
  asCaller,
  assertNumber,
  assertOptions,
  assertSize,
} from '@dlkit/core';

/**
 * Options of `kmeansAnchors`.
 *
 * @category C4 W3 · Object detection
 */
export interface KmeansAnchorsOptions {
  /** Seed of the initial centroids (k distinct boxes drawn by `RandomState`). Default 1. */
  seed?: number;
  /** Most assignment/update rounds. Default 100 (the runs here settle within 20). */
  maxIterations?: number;
}

/**
 * What `kmeansAnchors` found.
 *
 * @category C4 W3 · Object detection
 */
export interface KmeansAnchorsResult {
  /** `[k, 2]` anchor sizes `(w, h)`, smallest area first, in the boxes' units. The caller owns it. */
  anchors: tf.Tensor2D;
  /** The mean, over the boxes, of each box's IoU with its best anchor (both centred at the origin). */
  meanIou: number;
}

/** IoU of two boxes of sizes (w1, h1), (w2, h2) with the same centre. */
function sizeIou(w1: number, h1: number, w2: number, h2: number): number {
  const inter = Math.min(w1, w2) * Math.min(h1, h2);
  const union = w1 * h1 + w2 * h2 - inter;
  return union > 0 ? inter / union : 0;
}

/** The index of the centroid with the highest IoU with box `(w, h)`, and that IoU. */
function nearest(w: number, h: number, c: Float64Array): [number, number] {
  let best = -1;
  let at = 0;
  for (let j = 0; j < c.length / 2; j++) {
    const v = sizeIou(w, h, c[2 * j]!, c[2 * j + 1]!);
    if (v > best) [best, at] = [v, j];
  }
  return [at, best];
}

/** k-means on sizes with distance 1 − IoU; returns the centroids and the mean best IoU. */
function cluster(
  wh: Float32Array,
  k: number,
  seed: number,
  rounds: number,
): [Float64Array, number] {
  const n = wh.length / 2;
  const order = new RandomState(seed).permutation(n);
  const c = new Float64Array(2 * k);
  for (let j = 0; j < k; j++) c.set([wh[2 * order[j]!]!, wh[2 * order[j]! + 1]!], 2 * j);
  const assign = new Int32Array(n).fill(-1);
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      const [j] = nearest(wh[2 * i]!, wh[2 * i + 1]!, c);
      if (assign[i] !== j) [assign[i], changed] = [j, true];
    }
    if (!changed) break;
    const sum = new Float64Array(3 * k);
    for (let i = 0; i < n; i++) {
      const j = assign[i]!;
      sum[3 * j] = sum[3 * j]! + wh[2 * i]!;
      sum[3 * j + 1] = sum[3 * j + 1]! + wh[2 * i + 1]!;
      sum[3 * j + 2] = sum[3 * j + 2]! + 1;
    }
    for (let j = 0; j < k; j++) {
      const count = sum[3 * j + 2]!;
      if (count > 0) c.set([sum[3 * j]! / count, sum[3 * j + 1]! / count], 2 * j); // an empty cluster keeps its centroid
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += nearest(wh[2 * i]!, wh[2 * i + 1]!, c)[1];
  return [c, total / n];
}

/**
 * Anchor box sizes learnt from data, as YOLOv2 chose its anchors: k-means on the boxes' widths
 * and heights with the distance `1 − IoU` (boxes compared centred at the same point), so a big
 * box does not pull harder than a small one as it would with Euclidean distance.
 *
 * @param boxWh - `[n, 2]` box sizes `(w, h)`, all positive (in grid cells to use them as `yoloHead`'s anchors).
 * @param k - Number of anchors, `1 … n`.
 * @param options - `seed` (default 1) and `maxIterations` (default 100).
 * @returns `{ anchors, meanIou }`: `[k, 2]` sizes smallest area first, and the mean IoU of each box
 *   with its best anchor. The caller owns `anchors`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { kmeansAnchors } from '@dlkit/cnn';
 * const wh = tf.tensor2d([[1, 1], [1.1, 0.9], [4, 2], [3.8, 2.2]]);
 * const { anchors, meanIou } = kmeansAnchors(wh, 2);
 * console.log(anchors.arraySync(), meanIou > 0.9); // [[1.05, 0.95], [3.9, 2.1]] true
 * tf.dispose([wh, anchors]);
 * ```
 *
 * @category C4 W3 · Object detection
 */
export function kmeansAnchors(
  boxWh: tf.Tensor,
  k: number,
  options: KmeansAnchorsOptions = {},
): KmeansAnchorsResult {
  const fn = 'kmeansAnchors';
  const n = new ShapeChecker(fn).checkFloat('boxWh', boxWh, ['n', 2], { finite: true }).dim('n');
  const kk = assertSize(fn, 'k', k, 1);
  if (kk > n) {
    throw new DlkitError('value', fn, `k must be at most the number of boxes n = ${n}, got ${kk}`, {
      argument: 'k',
    });
  }
  const o = assertOptions(fn, 'options', options ?? undefined, ['seed', 'maxIterations']);
  const seed = assertNumber(fn, 'options.seed', o.seed ?? 1, {
    integer: true,
    min: 0,
    max: 2 ** 32 - 1,
  });
  const rounds = assertSize(fn, 'options.maxIterations', o.maxIterations ?? 100, 1);
  if (rounds > MAX_ITERATIONS)
    assertNumber(fn, 'options.maxIterations', rounds, { max: MAX_ITERATIONS });
  const wh = boxWh.dataSync() as Float32Array;
  if (wh.some((v) => v <= 0)) {
    throw new DlkitError('value', fn, 'boxWh must hold widths and heights > 0', {
      argument: 'boxWh',
    });
  }
  const [c, meanIou] = cluster(wh, kk, seed, rounds);
  const sorted = Array.from({ length: kk }, (_, j) => [c[2 * j]!, c[2 * j + 1]!]).sort(
    (a, b) => a[0]! * a[1]! - b[0]! * b[1]!,
  );
  return { anchors: asCaller(fn, () => tf.tensor2d(sorted, [kk, 2])), meanIou };
}
