import { assertNumber } from '@dlkit/core';

/**
 * The gradient-checking notebook's 1-D `forward_propagation(x, theta)`: `J = θ x`.
 *
 * @param x - A real number.
 * @param theta - The parameter `θ`, a real number.
 * @returns `J = θ x`.
 *
 * @example
 * ```ts
 * import { gradientChecking } from '@dlkit/optimizers';
 * console.log(gradientChecking.forwardPropagation(2, 4)); // 8
 * ```
 *
 * @see the guide page `docs/optimizers/gradient-checking.md`
 * @category C2 W1 · Gradient checking
 */
export function forwardPropagation(x: number, theta: number): number {
  const fn = 'forwardPropagation';
  return assertNumber(fn, 'theta', theta) * assertNumber(fn, 'x', x);
}

/**
 * The gradient-checking notebook's 1-D `backward_propagation(x, theta)`: `dJ/dθ = x`.
 *
 * @param x - A real number.
 * @param theta - The parameter `θ` (the derivative does not depend on it).
 * @returns `dtheta = x`.
 *
 * @example
 * ```ts
 * import { gradientChecking } from '@dlkit/optimizers';
 * console.log(gradientChecking.backwardPropagation(2, 4)); // 2
 * ```
 *
 * @see the guide page `docs/optimizers/gradient-checking.md`
 * @category C2 W1 · Gradient checking
 */
export function backwardPropagation(x: number, theta: number): number {
  const fn = 'backwardPropagation';
  assertNumber(fn, 'theta', theta);
  return assertNumber(fn, 'x', x);
}

/**
 * The gradient-checking notebook's 1-D `gradient_check(x, theta, epsilon)`: the two-sided
 * difference `(J(θ + ε) - J(θ - ε)) / 2ε` against {@link backwardPropagation}, reported as
 * `|grad - gradapprox| / (|grad| + |gradapprox|)`. It runs on JavaScript numbers (float64, as
 * NumPy), so the notebook's `ε = 1e-7` works here; the float32 network check
 * ({@link gradientCheckN}) needs a larger one.
 *
 * @param x - A real number.
 * @param theta - The parameter `θ`.
 * @param epsilon - The step `ε` (default `1e-7`, the notebook's), greater than 0.
 * @returns The relative difference (below `1e-7` means the gradient is right).
 *
 * @example
 * ```ts
 * import { gradientChecking } from '@dlkit/optimizers';
 * console.log(gradientChecking.gradientCheck(2, 4) < 1e-7); // true
 * ```
 *
 * @see the guide page `docs/optimizers/gradient-checking.md`
 * @category C2 W1 · Gradient checking
 */
export function gradientCheck(x: number, theta: number, epsilon = 1e-7): number {
  const fn = 'gradientCheck';
  assertNumber(fn, 'x', x);
  assertNumber(fn, 'theta', theta);
  assertNumber(fn, 'epsilon', epsilon, { min: 0, minExclusive: true });
  const jPlus = forwardPropagation(x, theta + epsilon);
  const jMinus = forwardPropagation(x, theta - epsilon);
  const gradapprox = (jPlus - jMinus) / (2 * epsilon);
  const grad = backwardPropagation(x, theta);
  const denominator = Math.abs(grad) + Math.abs(gradapprox);
  return denominator === 0 ? 0 : Math.abs(grad - gradapprox) / denominator;
}
