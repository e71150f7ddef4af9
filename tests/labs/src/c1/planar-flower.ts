// Course 1, week 3 lab: "Planar data classification with one hidden layer".
// Logistic regression cannot separate the two petal colours of the flower; a network with one
// tanh hidden layer of 4 units can (the course reports about 90% training accuracy).
import * as tf from '@tensorflow/tfjs';
import { logistic, shallow } from '@dlkit/core';
import { planarFlower } from '@dlkit/datasets';
import type { LabProgress } from '../progress.js';

/** Options of the planar-flower lab. */
export interface PlanarFlowerOptions {
  /** Number of points (default 400, the course's). */
  m?: number;
  /** Hidden units (default 4). */
  nH?: number;
  /** Gradient steps (default 10000, the course's). */
  numIterations?: number;
  /** Learning rate (default 1.2, the course's). */
  learningRate?: number;
  /** Progress of the network's training. */
  onProgress?: LabProgress;
  /** Where result lines go (default: console.log). */
  log?: (line: string) => void;
}

/** What the lab measured. */
export interface PlanarFlowerResult {
  /** Training accuracy of logistic regression, in [0, 1]. */
  logisticAccuracy: number;
  /** Training accuracy of the shallow network, in [0, 1]. */
  accuracy: number;
  /** The network's cost every 1000 iterations. */
  costs: number[];
}

/** The course's accuracy: the fraction of points whose prediction equals the label. */
export function accuracyOf(predictions: tf.Tensor, Y: tf.Tensor): number {
  return tf.tidy(() => predictions.equal(Y).toFloat().mean().dataSync()[0] as number);
}

/**
 * Runs the lab: logistic regression, then the shallow network with `nH` hidden units, on the
 * course's planar flower (`planarFlower`, seed 1).
 *
 * @param options - Size, hidden units, iterations, learning rate, progress and logging.
 * @returns Both accuracies and the network's cost history.
 */
export async function main(options: PlanarFlowerOptions = {}): Promise<PlanarFlowerResult> {
  const { m = 400, nH = 4, numIterations = 10000, learningRate = 1.2, onProgress } = options;
  const log = options.log ?? console.log;
  const { X, Y } = planarFlower({ m, seed: 1, layout: 'columns' });
  try {
    const lr = logistic.model(X, Y, X, Y, 1000, 0.05);
    const logisticAccuracy = lr.trainAccuracy / 100;
    tf.dispose([lr.w, lr.b, lr.YPredictionTest, lr.YPredictionTrain]);
    log(`logistic regression: training accuracy ${(logisticAccuracy * 100).toFixed(2)} %`);
    const { parameters, costs } = shallow.nnModel(
      X,
      Y,
      nH,
      numIterations,
      (i, cost) => onProgress?.(i, cost, numIterations),
      { learningRate },
    );
    const { A2, cache } = shallow.forwardPropagation(X, parameters);
    const finalCost = shallow.computeCost(A2, Y);
    const predictions = shallow.predict(parameters, X);
    const accuracy = accuracyOf(predictions, Y);
    tf.dispose([predictions, ...Object.values(cache), ...Object.values(parameters)]);
    onProgress?.(numIterations - 1, finalCost, numIterations);
    log(
      `one hidden layer (${nH} tanh units, ${numIterations} iterations): ` +
        `training accuracy ${(accuracy * 100).toFixed(2)} %, cost ${finalCost.toFixed(6)}`,
    );
    return { logisticAccuracy, accuracy, costs };
  } finally {
    tf.dispose([X, Y]);
  }
}
