// The end-to-end example: a network with one hidden layer learns the course's planar flower,
// written from scratch with dlkit's building blocks from five packages.
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '@dlkit/backend';
import { RandomState, relu, reluBackward, sigmoid, type Parameters } from '@dlkit/core';
import { planarFlower } from '@dlkit/datasets';
import { updateParametersWithGd } from '@dlkit/optimizers';
import { accuracy } from '@dlkit/strategy';

/** Options of {@link runPlanarExample}. */
export interface PlanarExampleOptions {
  /** Hidden units. */
  hidden?: number;
  /** Gradient-descent iterations. */
  iterations?: number;
  /** Step size. */
  learningRate?: number;
  /** Seed for the data and the initial weights. */
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
 * Trains `X → ReLU(hidden) → sigmoid` with batch gradient descent on the planar flower
 * (400 points, examples in columns as in course 1) and measures its training accuracy.
 */
export async function runPlanarExample(
  options: PlanarExampleOptions = {},
): Promise<PlanarExampleResult> {
  const {
    hidden = 8,
    iterations = 5000,
    learningRate = 0.2,
    seed = 1,
    every = 1000,
    onProgress,
  } = options;
  const backend = await setupBackend();
  const { X, Y } = planarFlower({ seed: 1 });
  const m = X.shape[1];
  const rng = new RandomState(seed);
  // He initialisation: W1 [hidden, 2], W2 [1, hidden].
  let parameters: Parameters = tf.tidy(() => ({
    W1: rng.randn(hidden, 2).mul(Math.sqrt(2 / 2)),
    b1: tf.zeros([hidden, 1]),
    W2: rng.randn(1, hidden).mul(Math.sqrt(2 / hidden)),
    b2: tf.zeros([1, 1]),
  }));
  const costs: number[] = [];
  for (let i = 1; i <= iterations; i++) {
    const report = i % every === 0 || i === iterations;
    const { next, cost } = tf.tidy(() => {
      const { W1, b1, W2, b2 } = parameters as Record<'W1' | 'b1' | 'W2' | 'b2', tf.Tensor>;
      const Z1 = W1.matMul(X).add(b1);
      const A1 = relu(Z1).A;
      const A2 = sigmoid(W2.matMul(A1).add(b2)).A;
      const dZ2 = A2.sub(Y);
      const dZ1 = reluBackward(W2.transpose().matMul(dZ2), Z1);
      const grads = {
        dW1: dZ1.matMul(X.transpose()).div(m),
        db1: dZ1.mean(1, true),
        dW2: dZ2.matMul(A1.transpose()).div(m),
        db2: dZ2.mean(1, true),
      };
      const cost = report
        ? tf.metrics.binaryCrossentropy(Y.transpose(), A2.transpose()).mean()
        : undefined;
      return { next: updateParametersWithGd(parameters, grads, learningRate), cost };
    });
    tf.dispose(parameters);
    parameters = next;
    if (cost !== undefined) {
      const value = (await cost.data())[0] as number;
      cost.dispose();
      costs.push(value);
      onProgress?.(i, value);
    }
  }
  const predictions = tf.tidy(() => {
    const { W1, b1, W2, b2 } = parameters as Record<'W1' | 'b1' | 'W2' | 'b2', tf.Tensor>;
    const A1 = tf.relu(W1.matMul(X).add(b1));
    return tf.sigmoid(W2.matMul(A1).add(b2)).greater(0.5).toInt();
  });
  const labels = Y.toInt();
  const result = { backend, accuracy: accuracy(labels, predictions), costs };
  tf.dispose([X, Y, labels, predictions, parameters]);
  return result;
}
