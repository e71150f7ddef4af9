// The Emojifier V1's arithmetic, z = W avg + b and softmax, on float64 arrays: each step is a
// [5, 50]-sized product, too small for tfjs ops (whose dispatch would cost more than the maths),
// and float64 replays the notebook's NumPy loop digit for digit.

/**
 * `softmax(W x + b)` for one example, as the notebook's `softmax` computes it (the maximum
 * subtracted first). `W` is `[nY, nH]` row-major.
 *
 * @internal
 */
export function softmaxForward(
  W: Float64Array,
  b: Float64Array,
  x: Float64Array,
  offset: number,
  nH: number,
): Float64Array {
  const nY = b.length;
  const z = new Float64Array(nY);
  for (let k = 0; k < nY; k++) {
    let s = b[k] as number;
    for (let j = 0; j < nH; j++) s += (W[k * nH + j] as number) * (x[offset + j] as number);
    z[k] = s;
  }
  const max = Math.max(...z);
  let total = 0;
  for (let k = 0; k < nY; k++) {
    z[k] = Math.exp((z[k] as number) - max);
    total += z[k] as number;
  }
  for (let k = 0; k < nY; k++) z[k] = (z[k] as number) / total;
  return z;
}

/** The index of the largest entry (the first of equal ones, as `np.argmax`). @internal */
export function argmax(a: Float64Array): number {
  let best = 0;
  for (let k = 1; k < a.length; k++) if ((a[k] as number) > (a[best] as number)) best = k;
  return best;
}

/** Predicted classes of every row of `averages` `[m, nH]`. @internal */
export function predictClasses(
  W: Float64Array,
  b: Float64Array,
  averages: Float64Array,
  nH: number,
): number[] {
  const m = averages.length / nH;
  return Array.from({ length: m }, (_, i) => argmax(softmaxForward(W, b, averages, i * nH, nH)));
}
