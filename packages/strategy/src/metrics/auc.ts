import { DlkitError, describeValue } from '@dlkit/core';

/**
 * The area under a curve by the trapezoidal rule (scikit-learn's `auc`), for `x` increasing or
 * decreasing; use it on {@link rocCurve}'s `fpr`/`tpr` or {@link precisionRecallCurve}'s
 * `recall`/`precision`.
 *
 * @param x - The x coordinates, monotonic, at least 2 points.
 * @param y - The y coordinates, same length.
 * @returns The area.
 *
 * @example
 * ```ts
 * import { auc } from '@dlkit/strategy';
 * console.log(auc([0, 0.5, 1], [0, 1, 1])); // 0.75
 * ```
 *
 * @see The guide `docs/strategy/metrics.md`.
 *
 * @category C3 W1 · Single number evaluation metric
 */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const fn = 'auc';
  for (const [argument, v] of [
    ['x', x],
    ['y', y],
  ] as const) {
    if (v === null || typeof v !== 'object' || typeof v.length !== 'number') {
      throw new DlkitError(
        'value',
        fn,
        `${argument} must be an array of numbers, got ${describeValue(v)}`,
        {
          argument,
        },
      );
    }
  }
  if (x.length !== y.length) {
    throw new DlkitError(
      'shape',
      fn,
      `x and y must have the same length, got [${x.length}] and [${y.length}]`,
      { argument: 'y' },
    );
  }
  if (x.length < 2) {
    throw new DlkitError('value', fn, `x needs at least 2 points, got ${x.length}`, {
      argument: 'x',
    });
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new DlkitError(
        'value',
        fn,
        `x and y must be finite, got (${x[i]}, ${y[i]}) at index ${i}`,
        {
          argument: Number.isFinite(x[i]) ? 'y' : 'x',
        },
      );
    }
  }
  let up = true;
  let down = true;
  for (let i = 1; i < x.length; i++) {
    const dx = (x[i] as number) - (x[i - 1] as number);
    if (dx < 0) up = false;
    if (dx > 0) down = false;
  }
  if (!up && !down) {
    throw new DlkitError('value', fn, 'x must be increasing or decreasing', { argument: 'x' });
  }
  let area = 0;
  for (let i = 1; i < x.length; i++) {
    area +=
      (((x[i] as number) - (x[i - 1] as number)) * ((y[i] as number) + (y[i - 1] as number))) / 2;
  }
  return up ? area : -area;
}
