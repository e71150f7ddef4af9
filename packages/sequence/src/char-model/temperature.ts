import { assertNumber } from '@dlkit/core';

/**
 * Checks a sampling temperature: a finite number above 0 (0 would be the arg max, which
 * `sample` does not do by accident; below 0 inverts the distribution).
 */
export function checkTemperature(fn: string, argument: string, temperature: unknown): number {
  return assertNumber(fn, argument, temperature, { min: 0, minExclusive: true, max: 1e6 });
}

/**
 * The distribution to sample from at temperature `T`: `p_i ∝ y_i^(1/T)` (that is,
 * `softmax(z / T)` for `y = softmax(z)`), renormalised in float64 so it sums to 1 as
 * `RandomState.choice` (NumPy's `np.random.choice`) requires of float32 probabilities. `T = 1`
 * only renormalises; `T < 1` sharpens, `T > 1` flattens.
 */
export function withTemperature(y: ArrayLike<number>, temperature: number): Float64Array {
  const p = Float64Array.from(y);
  if (temperature !== 1) {
    let max = 0;
    for (const v of p) if (v > max) max = v;
    const logMax = Math.log(max);
    for (let i = 0; i < p.length; i++) {
      const v = p[i] as number;
      p[i] = v > 0 ? Math.exp((Math.log(v) - logMax) / temperature) : 0;
    }
  }
  let sum = 0;
  for (const v of p) sum += v;
  for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) / sum;
  return p;
}
