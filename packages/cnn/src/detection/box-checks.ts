// Checks shared by the detection functions: corner boxes whose maxima are not below their minima,
// and arguments whose leading dimensions agree. Internal.
import type * as tf from '@tensorflow/tfjs';
import { DlkitError, assertTensor, formatShape } from '@dlkit/core';

/** Corner layouts: `'yxyx'` is tfjs's `[y1, x1, y2, x2]`, `'xyxy'` torchvision's `[x1, y1, x2, y2]`. */
export type CornerFormat = 'yxyx' | 'xyxy';

/**
 * Checks a live float32 tensor of boxes `[..., 4]` with finite values and returns its values.
 * With a corner format, every box's maxima must be at least its minima.
 */
export function checkBoxes(
  fn: string,
  argument: string,
  boxes: unknown,
  corners: CornerFormat | undefined,
  rank?: number,
): Float32Array {
  const t = assertTensor(
    fn,
    argument,
    boxes,
    rank === undefined ? { finite: true } : { rank, finite: true },
  );
  if (t.rank < 1 || t.shape[t.rank - 1] !== 4) {
    const pattern = rank === 2 ? '[n, 4]' : '[..., 4]';
    throw new DlkitError(
      'shape',
      fn,
      `${argument} must have shape ${pattern}, got ${formatShape(t.shape)}`,
      {
        argument,
      },
    );
  }
  const v = t.dataSync() as Float32Array;
  if (corners !== undefined) checkCornerOrder(fn, argument, v, corners);
  return v;
}

function checkCornerOrder(
  fn: string,
  argument: string,
  v: Float32Array,
  format: CornerFormat,
): void {
  const [a, b] = format === 'xyxy' ? ['x', 'y'] : ['y', 'x'];
  for (let i = 0; i < v.length; i += 4) {
    for (const k of [0, 1]) {
      const lo = v[i + k] as number;
      const hi = v[i + k + 2] as number;
      if (hi < lo) {
        const name = k === 0 ? a : b;
        throw new DlkitError(
          'value',
          fn,
          `${argument} must hold corner boxes [${a}1, ${b}1, ${a}2, ${b}2] with ${name}2 >= ${name}1, got ${name}1 = ${lo}, ${name}2 = ${hi} in box ${i / 4}`,
          { argument },
        );
      }
    }
  }
}

/**
 * Checks that `value`'s shape is `lead` followed by `last` (a size, or any size for `null`) and
 * returns that last size.
 */
export function checkLeading(
  fn: string,
  argument: string,
  value: tf.Tensor,
  lead: readonly number[],
  from: string,
  last: number | null,
): number {
  const shape = value.shape;
  const ok =
    shape.length === lead.length + 1 &&
    lead.every((d, i) => shape[i] === d) &&
    (last === null || shape[lead.length] === last);
  if (!ok) {
    const want = `[${[...lead.map(String), last === null ? 'n' : String(last)].join(', ')}]`;
    throw new DlkitError(
      'shape',
      fn,
      `${argument} must have shape ${want} (leading dimensions from ${from}), got ${formatShape(shape)}`,
      { argument },
    );
  }
  return shape[lead.length] as number;
}

/** `assertTensor`'s requirements for a float32 input whose values must be finite. */
export const FINITE = { finite: true } as const;
