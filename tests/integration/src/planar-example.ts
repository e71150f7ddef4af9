// The end-to-end example: the course's shallow network (course 1, week 3) learns the planar
// flower, assembled from five packages: data from @dlkit/datasets, the network's forward and
// backward passes from @dlkit/core, the update rule from @dlkit/optimizers, the metric from
// @dlkit/strategy, on the backend @dlkit/backend chooses.
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '@dlkit/backend';
import { computeCost, initializeParameters, shallow, type Parameters } from '@dlkit/core';
import { planarFlower } from '@dlkit/datasets';
import { updateParametersWithGd } from '@dlkit/optimizers';
import { accuracy } from '@dlkit/strategy';

/** Options of {@link runPlanarExample}. */
export interface PlanarExampleOptions {
  /** Hidden units (the course uses 4). */
  hidden?: number;
  /** Gradient-descent iterations. */
  iterations?: number;
  /** Step size (the course uses 1.2). */
  learningRate?: number;
  /** Seed of the initial weights. */
  seed?: number;
  /** Called every `every` iterations with the cross-entropy cost. */
  onProgress?: (iteration: number, cost: number) => void;
  /** How often `onProgress` is called. */
  every?: number;
}

/** What {@link runPlanarExample} reports. */
export interface PlanarExampleResult {
  /** The backend that trained the network. */
  backend: string;
  /** Training accuracy in [0, 1]. */
  accuracy: number;
  /** Cost after each reported iteration. */
  costs: number[];
}

/**
 * Trains `X → tanh(hidden) → sigmoid` with batch gradient descent on the planar flower
 * (400 points, examples in columns as in course 1) and measures its training accuracy.
 */
export async function runPlanarExample(
  options: PlanarExampleOptions = {},
): Promise<PlanarExampleResult> {
  const {
    hidden = 4,
    iterations = 5000,
    learningRate = 1.2,
    seed = 3,
    every = 1000,
    onProgress,
  } = options;
  const backend = await setupBackend();
  const { X, Y } = planarFlower();
  let parameters: Parameters = initializeParameters(2, hidden, 1, seed);
  const costs: number[] = [];
  for (let i = 1; i <= iterations; i++) {
    const report = i % every === 0 || i === iterations;
    const { next, cost } = tf.tidy(() => {
      const { A2, cache } = shallow.forwardPropagation(X, parameters);
      const grads = shallow.backwardPropagation(parameters, cache, X, Y);
      return {
        next: updateParametersWithGd(parameters, grads, learningRate),
        cost: report ? computeCost(A2, Y) : undefined,
      };
    });
    tf.dispose(parameters);
    parameters = next;
    if (cost !== undefined) {
      costs.push(cost);
      onProgress?.(i, cost);
    }
  }
  const predictions = shallow.predict(parameters, X);
  const result = { backend, accuracy: accuracy(Y, predictions), costs };
  tf.dispose([X, Y, predictions, ...Object.values(parameters)]);
  return result;
}
