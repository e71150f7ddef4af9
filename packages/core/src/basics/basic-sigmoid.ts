import { assertNumber } from '../tensor/values.js';

/**
 * The sigmoid of one real number, `1 / (1 + exp(-x))`, with `Math.exp` (the notebook's
 * `basic_sigmoid`, written with `math.exp` before NumPy is introduced).
 *
 * @param x - A finite number.
 * @returns `s`, the sigmoid of `x`, in (0, 1).
 *
 * @example
 * ```ts
 * import { basicSigmoid } from '@dlkit/core';
 * console.log(basicSigmoid(1)); // 0.7310585786300049
 * ```
 *
 * @category C1 W2 · Python basics with NumPy
 */
export function basicSigmoid(x: number): number {
  const value = assertNumber('basicSigmoid', 'x', x);
  return 1 / (1 + Math.exp(-value));
}
