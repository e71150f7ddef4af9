import * as tf from '@tensorflow/tfjs';
import { binaryCrossEntropy, updateParameters, type Gradients, type Parameters } from '@dlkit/core';
import type { ThreeLayerCache } from './three-layer.js';

/**
 * One step of a course-2 training loop, as the notebooks write it: forward, cost, backward,
 * gradient-descent update. The step's tensors are freed; the old parameters are disposed. The
 * cost is read back (a GPU sync) only `withCost`.
 *
 * @internal
 */
export function trainStep(
  fn: string,
  parameters: Parameters,
  learningRate: number,
  forward: (p: Parameters) => { A3: tf.Tensor; cache: ThreeLayerCache },
  cost: (A3: tf.Tensor, p: Parameters) => tf.Scalar,
  backward: (cache: ThreeLayerCache) => Gradients,
  withCost = true,
): { parameters: Parameters; cost: number } {
  const out = tf.tidy(() => {
    const { A3, cache } = forward(parameters);
    const J = cost(A3, parameters);
    const grads = backward(cache);
    return { next: updateParameters(parameters, grads, learningRate, fn), J };
  });
  tf.dispose(parameters);
  const value = withCost ? (out.J.dataSync()[0] as number) : NaN;
  out.J.dispose();
  return { parameters: out.next, cost: value };
}

/**
 * The cross-entropy of the three-layer network's output.
 *
 * @internal
 */
export const meanCrossEntropy =
  (Y: tf.Tensor) =>
  (A3: tf.Tensor): tf.Scalar =>
    binaryCrossEntropy(A3, Y);
