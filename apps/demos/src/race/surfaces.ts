import * as tf from '@tensorflow/tfjs';

/** The names of the loss surfaces the optimiser race runs on. */
export type SurfaceId = 'bowl' | 'rosenbrock' | 'beale';

/** A 2-D loss surface and the race's settings on it. */
export interface Surface {
  /** Its id. */
  id: SurfaceId;
  /** Its name and formula, for the legend. */
  label: string;
  /** The surface, elementwise: `f(x, y)` for tensors of one shape. */
  f(x: tf.Tensor, y: tf.Tensor): tf.Tensor;
  /** The rectangle drawn. */
  extent: { xMin: number; xMax: number; yMin: number; yMax: number };
  /** Where the three runners start. */
  start: readonly [number, number];
  /** The global minimum (drawn as a star). */
  minimum: readonly [number, number];
  /** Learning rates that make each optimiser stable and its character visible here. */
  learningRates: { gd: number; momentum: number; adam: number };
}

/**
 * The surfaces: an elongated bowl (the ravine that makes gradient descent zig-zag and momentum
 * worth it, the lecture's picture), Rosenbrock's banana valley, and Beale's function.
 */
export const SURFACES: Record<SurfaceId, Surface> = {
  bowl: {
    id: 'bowl',
    label: 'elongated bowl  f = x²/50 + y²',
    f: (x, y) => tf.add(tf.div(tf.square(x), 50), tf.square(y)),
    extent: { xMin: -10, xMax: 10, yMin: -4, yMax: 4 },
    start: [-9, 3],
    minimum: [0, 0],
    learningRates: { gd: 0.95, momentum: 0.3, adam: 0.3 },
  },
  rosenbrock: {
    id: 'rosenbrock',
    label: 'Rosenbrock  f = (1 − x)² + 100 (y − x²)²',
    f: (x, y) => tf.add(tf.square(tf.sub(1, x)), tf.mul(100, tf.square(tf.sub(y, tf.square(x))))),
    extent: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
    start: [-1.5, 2.5],
    minimum: [1, 1],
    learningRates: { gd: 0.001, momentum: 0.0005, adam: 0.05 },
  },
  beale: {
    id: 'beale',
    label: 'Beale  f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
    f: (x, y) => {
      const term = (c: number, power: number): tf.Tensor =>
        tf.square(tf.add(tf.sub(c, x), tf.mul(x, tf.pow(y, power))));
      return tf.add(tf.add(term(1.5, 1), term(2.25, 2)), term(2.625, 3));
    },
    extent: { xMin: -4.5, xMax: 4.5, yMin: -4.5, yMax: 4.5 },
    start: [-1, 3.5],
    minimum: [3, 0.5],
    learningRates: { gd: 0.0005, momentum: 0.0001, adam: 0.1 },
  },
};
