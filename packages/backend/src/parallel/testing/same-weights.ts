// The data-parallel tests' one comparison: a model's weights against single-thread training's.
import type * as tf from '@tensorflow/tfjs';
import { expectTensorsClose } from '@dlkit/test-harness';

/**
 * The tolerance between training with workers and without: float32 sums in another order,
 * through a few optimizer steps.
 */
export const SAME_TRAINING = { rtol: 1e-4, atol: 1e-6 };

/** Asserts that `model`'s weights equal `expected` (in `getWeights()` order) within {@link SAME_TRAINING}. */
export function expectSameWeights(model: tf.LayersModel, expected: readonly tf.Tensor[]): void {
  const weights = model.getWeights();
  if (weights.length !== expected.length) {
    throw new Error(`expected ${expected.length} weights, got ${weights.length}`);
  }
  weights.forEach((w, i) => expectTensorsClose(w, expected[i] as tf.Tensor, SAME_TRAINING));
}
