import * as tf from '@tensorflow/tfjs';
import {
  assertNumber,
  backwardPropagation,
  computeCost,
  forwardPropagation,
  initializeParameters,
  updateParameters,
  type Parameters,
} from '@dlkit/core';
import { planarFlower } from '@dlkit/datasets';
import type { DemoModel } from '../loop/demo-model.js';

/** Settings of the planar classifier demo. */
export interface PlanarSettings {
  /** Hidden units `nH` of the 2-nH-1 tanh network (the course tries 1, 2, 3, 4, 5, 20, 50). */
  hiddenUnits: number;
  /** Gradient-descent learning rate (the course's `nn_model` uses 1.2). */
  learningRate: number;
  /** Seed of `initialize_parameters` (the course's `nn_model` seeds 3). */
  seed: number;
  /** Points of the flower (the course's 400). */
  m: number;
  /** Cells per side of the decision-boundary grid. */
  gridSize: number;
}

/** The course's settings: 4 hidden units, learning rate 1.2, seed 3, 400 points. */
export const PLANAR_DEFAULTS: PlanarSettings = {
  hiddenUnits: 4,
  learningRate: 1.2,
  seed: 3,
  m: 400,
  gridSize: 60,
};

/** The part of the plane the demo shows (the flower spans about ±4). */
export const PLANAR_EXTENT = { min: -4.5, max: 4.5 } as const;

/**
 * The C1 W3 shallow network learning the planar flower, one gradient-descent step at a time:
 * `forwardPropagation`, `computeCost`, `backwardPropagation`, `updateParameters` from
 * `@dlkit/core`, as the notebook's `nn_model` loops them.
 */
export class PlanarModel implements DemoModel {
  /** Points `[2, m]` (columns layout, as the course). */
  readonly X: tf.Tensor2D;
  /** Labels `[1, m]`: 0 red, 1 blue. */
  readonly Y: tf.Tensor2D;
  readonly #grid: tf.Tensor2D;
  #parameters: Parameters;
  #steps = 0;
  #cost = NaN;

  /** @param settings - Hidden units, learning rate, seed, size. */
  constructor(readonly settings: PlanarSettings) {
    const fn = 'PlanarModel';
    assertNumber(fn, 'settings.hiddenUnits', settings.hiddenUnits, {
      integer: true,
      min: 1,
      max: 64,
    });
    assertNumber(fn, 'settings.learningRate', settings.learningRate, { min: 0, max: 100 });
    assertNumber(fn, 'settings.m', settings.m, { integer: true, min: 2, max: 10_000 });
    assertNumber(fn, 'settings.gridSize', settings.gridSize, { integer: true, min: 2, max: 400 });
    const { X, Y } = planarFlower({ m: settings.m });
    this.X = X;
    this.Y = Y;
    this.#grid = gridPoints(settings.gridSize);
    this.#parameters = initializeParameters(2, settings.hiddenUnits, 1, settings.seed);
  }

  get steps(): number {
    return this.#steps;
  }

  /** The cross-entropy cost after the last step (NaN before the first). */
  get cost(): number {
    return this.#cost;
  }

  trainStep(): number {
    const current = this.#parameters;
    const { X, Y } = this;
    const { next, cost } = tf.tidy(() => {
      const { A2, cache } = forwardPropagation(X, current);
      const J = computeCost(A2, Y);
      const grads = backwardPropagation(current, cache, X, Y);
      return { next: updateParameters(current, grads, this.settings.learningRate), cost: J };
    });
    tf.dispose(Object.values(current));
    this.#parameters = next;
    this.#steps += 1;
    this.#cost = cost;
    return cost;
  }

  extra(): Record<string, number | string> {
    return { hiddenUnits: this.settings.hiddenUnits };
  }

  /**
   * The network's probability of blue on a `gridSize × gridSize` grid over {@link PLANAR_EXTENT},
   * row-major with row 0 at the top (largest x2).
   */
  decisionGrid(): Float32Array {
    return tf.tidy(() =>
      forwardPropagation(this.#grid, this.#parameters).A2.dataSync(),
    ) as Float32Array;
  }

  /** Accuracy on the training points, in `[0, 1]`. */
  accuracy(): number {
    return tf.tidy(() => {
      const { A2 } = forwardPropagation(this.X, this.#parameters);
      return A2.greater(0.5).toFloat().equal(this.Y).mean().dataSync()[0] as number;
    });
  }

  /** The points as `{ x1, x2, y }` arrays (for drawing). */
  points(): { x1: Float32Array; x2: Float32Array; y: Float32Array } {
    const xs = this.X.dataSync() as Float32Array;
    const m = this.settings.m;
    return { x1: xs.subarray(0, m), x2: xs.subarray(m), y: this.Y.dataSync() as Float32Array };
  }

  dispose(): void {
    tf.dispose([this.X, this.Y, this.#grid, ...Object.values(this.#parameters)]);
  }
}

/** Grid cell centres `[2, n²]`, row-major from the top-left (min x1, max x2). */
function gridPoints(n: number): tf.Tensor2D {
  const { min, max } = PLANAR_EXTENT;
  const coords = new Float32Array(2 * n * n);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const i = row * n + col;
      coords[i] = min + ((col + 0.5) / n) * (max - min);
      coords[n * n + i] = max - ((row + 0.5) / n) * (max - min);
    }
  }
  return tf.tensor2d(coords, [2, n * n]);
}
