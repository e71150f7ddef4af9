import { DlkitError, ShapeChecker, assertTensor } from '@dlkit/core';

/**
 * Reads the notebook's `Y`: class indices `[m]` (int32 or float32 holding whole numbers from 0),
 * one per sentence of `X`.
 *
 * @internal
 */
export function readLabels(fn: string, Y: unknown, m: number): number[] {
  const labels = assertTensor(fn, 'Y', Y, { dtypes: ['int32', 'float32'] });
  new ShapeChecker(fn).check('X', [m], ['m']).check('Y', labels, ['m']);
  const values = Array.from(labels.dataSync());
  values.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0 || y > 1e6) {
      throw new DlkitError(
        'value',
        fn,
        `Y must hold class indices (whole numbers from 0), got ${y} at index ${i}`,
        { argument: 'Y' },
      );
    }
  });
  return values;
}
