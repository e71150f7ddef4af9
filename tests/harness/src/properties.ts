import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';

export { fc };

/** Bounds for {@link arbShape}. */
export interface ShapeBounds {
  /** Smallest rank (default 1). */
  minRank?: number;
  /** Largest rank (default 4). */
  maxRank?: number;
  /** Largest size of one dimension (default 5); the smallest is 1. */
  maxDim?: number;
}

/**
 * A fast-check arbitrary of tensor shapes, small enough for the `cpu` backend.
 *
 * @param bounds - Rank and dimension bounds.
 * @returns An arbitrary producing `number[]` shapes.
 *
 * @example
 * ```ts
 * import { fc, arbShape } from '@dlkit/test-harness';
 * fc.assert(fc.property(arbShape({ minRank: 2, maxRank: 2 }), (s) => s.length === 2));
 * ```
 */
export function arbShape(bounds: ShapeBounds = {}): fc.Arbitrary<number[]> {
  const { minRank = 1, maxRank = 4, maxDim = 5 } = bounds;
  return fc.array(fc.integer({ min: 1, max: maxDim }), { minLength: minRank, maxLength: maxRank });
}

/**
 * A fast-check arbitrary of float32 tensors with the given shape arbitrary and value range.
 * Each generated tensor is new: the property disposes it (or runs inside `tf.tidy`).
 *
 * @param shape - The arbitrary of shapes, e.g. {@link arbShape}.
 * @param range - Smallest and largest value (default -5 to 5).
 * @returns An arbitrary producing tensors.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { fc, arbShape, arbTensor } from '@dlkit/test-harness';
 * fc.assert(
 *   fc.property(arbTensor(arbShape()), (t) => {
 *     const nonNegative = tf.tidy(() => t.abs().min().arraySync() as number) >= 0;
 *     t.dispose();
 *     return nonNegative;
 *   }),
 *   { numRuns: 5 },
 * );
 * ```
 */
export function arbTensor(
  shape: fc.Arbitrary<number[]>,
  range: { min: number; max: number } = { min: -5, max: 5 },
): fc.Arbitrary<tf.Tensor> {
  return shape.chain((s) =>
    fc
      .array(fc.float({ min: Math.fround(range.min), max: Math.fround(range.max), noNaN: true }), {
        minLength: s.reduce((a, b) => a * b, 1),
        maxLength: s.reduce((a, b) => a * b, 1),
      })
      .map((values) => tf.tensor(values, s)),
  );
}
