import * as tf from '@tensorflow/tfjs';
import type { Gradients, Parameters, RandomState } from '@dlkit/core';
import { checkKeepProb, checkOptions, toRandomState } from '../internal/checks.js';
import {
  checkCache,
  checkThreeLayer,
  threeLayerBackward,
  type ThreeLayerCache,
} from '../three-layer/three-layer.js';

/**
 * The dropout forward pass's cache: the three-layer cache (with `A1`, `A2` after dropout) plus the
 * masks `D1` `[n1, m]` and `D2` `[n2, m]` (float32 0/1). All new tensors the caller owns.
 *
 * @category C2 W1 · Regularization
 */
export type DropoutCache = ThreeLayerCache & {
  /** `[n1, m]`: 1 where a unit of layer 1 is kept. */ D1: tf.Tensor2D;
  /** `[n2, m]`: 1 where a unit of layer 2 is kept. */ D2: tf.Tensor2D;
};

/**
 * Options of {@link forwardPropagationWithDropout}.
 *
 * @category C2 W1 · Regularization
 */
export interface DropoutOptions {
  /**
   * A seed (default 1: the notebook calls `np.random.seed(1)` inside the function, so every call
   * draws the same masks) or a `RandomState` to continue drawing from (fresh masks each call).
   */
  seed?: number | RandomState;
}

/**
 * What {@link forwardPropagationWithDropout} returns: the notebook's `(A3, cache)`.
 *
 * @category C2 W1 · Regularization
 */
export type DropoutForward = {
  /** `[1, m]`: the output probabilities. */
  A3: tf.Tensor2D;
  /** The cache with the masks `D1`, `D2`. */
  cache: DropoutCache;
};

/** The notebook's mask: `np.random.rand(n, m) < keepProb`, as float32 0/1. */
function drawMask(rng: RandomState, n: number, m: number, keepProb: number): tf.Tensor2D {
  const u = rng.randomSampleArray(n * m);
  const mask = new Float32Array(n * m);
  for (let i = 0; i < mask.length; i++) mask[i] = (u[i] as number) < keepProb ? 1 : 0;
  return tf.tensor2d(mask, [n, m]);
}

/**
 * Inverted dropout on one layer's activations: `A · D / keepProb`.
 *
 * @internal
 */
const dropped = (A: tf.Tensor, D: tf.Tensor, keepProb: number): tf.Tensor2D =>
  tf.div(tf.mul(A, D), keepProb) as tf.Tensor2D;

/**
 * The forward pass with dropout, unchecked.
 *
 * @internal
 */
export function dropoutForward(
  X: tf.Tensor,
  parameters: Parameters,
  keepProb: number,
  rng: RandomState,
): DropoutForward {
  const m = X.shape[1] as number;
  return tf.tidy(() => {
    const [W1, b1, W2, b2, W3, b3] = ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'].map((k) =>
      (parameters[k] as tf.Tensor2D).clone(),
    ) as tf.Tensor2D[];
    const Z1 = tf.add(tf.matMul(W1!, X as tf.Tensor2D), b1!) as tf.Tensor2D;
    const D1 = drawMask(rng, Z1.shape[0], m, keepProb);
    const A1 = dropped(tf.relu(Z1), D1, keepProb);
    const Z2 = tf.add(tf.matMul(W2!, A1), b2!) as tf.Tensor2D;
    const D2 = drawMask(rng, Z2.shape[0], m, keepProb);
    const A2 = dropped(tf.relu(Z2), D2, keepProb);
    const Z3 = tf.add(tf.matMul(W3!, A2), b3!) as tf.Tensor2D;
    const A3 = tf.sigmoid(Z3);
    const cache: DropoutCache = {
      Z1,
      D1,
      A1,
      W1: W1!,
      b1: b1!,
      Z2,
      D2,
      A2,
      W2: W2!,
      b2: b2!,
      Z3,
      A3,
      W3: W3!,
      b3: b3!,
    };
    return { A3: A3.clone(), cache };
  });
}

/**
 * The regularisation notebook's `forward_propagation_with_dropout`: the three-layer forward pass
 * with inverted dropout on both hidden layers. Each mask is drawn as the notebook draws it,
 * `D = np.random.rand(n, m) < keep_prob`, after `np.random.seed(1)` by default, so the notebook's
 * inputs give the notebook's masks and outputs.
 *
 * @param X - Inputs, `[nX, m]`, float32.
 * @param parameters - `{ W1, b1, W2, b2, W3, b3 }` (see `regularization.forwardPropagation`).
 * @param keepProb - The probability of keeping a unit, in (0, 1] (default 0.5, the notebook's).
 * @param options - `seed` (default 1) or a `RandomState` to draw from.
 * @returns `{ A3, cache }`: `A3` `[1, m]` and the {@link DropoutCache} (new tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { forwardPropagationWithDropout, regularization } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1, 2], [0.5, 2, 0]]);
 * const parameters = regularization.initializeParameters([2, 4, 3, 1]);
 * const { A3, cache } = forwardPropagationWithDropout(X, parameters, 0.7);
 * cache.D1.print(); // the same 0/1 mask every time with the default seed
 * tf.dispose([X, parameters, A3, cache]);
 * ```
 *
 * @see the guide page `docs/optimizers/regularization.md`
 * @category C2 W1 · Regularization
 */
export function forwardPropagationWithDropout(
  X: tf.Tensor,
  parameters: Parameters,
  keepProb = 0.5,
  options: DropoutOptions = {},
): DropoutForward {
  const fn = 'forwardPropagationWithDropout';
  checkThreeLayer(fn, X, parameters);
  checkKeepProb(fn, keepProb);
  const { seed = 1 } = checkOptions<DropoutOptions>(fn, options, ['seed']);
  return dropoutForward(X, parameters, keepProb, toRandomState(fn, seed, 'options.seed'));
}

/**
 * The regularisation notebook's `backward_propagation_with_dropout`: the three-layer backward
 * pass that applies the forward pass's masks to `dA2` and `dA1` and divides by `keepProb`.
 *
 * @param X - Inputs, `[nX, m]`.
 * @param Y - Labels 0/1, `[1, m]`.
 * @param cache - The cache of {@link forwardPropagationWithDropout} (with `D1`, `D2`).
 * @param keepProb - The keep probability the forward pass used, in (0, 1].
 * @returns `{ dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 }` (new tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import {
 *   backwardPropagationWithDropout,
 *   forwardPropagationWithDropout,
 *   regularization,
 * } from '@dlkit/optimizers';
 * const X = tf.tensor2d([[1, -1, 2], [0.5, 2, 0]]);
 * const Y = tf.tensor2d([[1, 0, 1]]);
 * const parameters = regularization.initializeParameters([2, 4, 3, 1]);
 * const { A3, cache } = forwardPropagationWithDropout(X, parameters, 0.8);
 * const grads = backwardPropagationWithDropout(X, Y, cache, 0.8);
 * console.log(grads.dW1!.shape); // [4, 2]
 * tf.dispose([X, Y, parameters, A3, cache, grads]);
 * ```
 *
 * @see the guide page `docs/optimizers/regularization.md`
 * @category C2 W1 · Regularization
 */
export function backwardPropagationWithDropout(
  X: tf.Tensor,
  Y: tf.Tensor,
  cache: DropoutCache,
  keepProb: number,
): Gradients {
  const fn = 'backwardPropagationWithDropout';
  checkCache(fn, X, Y, cache, ['D1', 'D2']);
  checkKeepProb(fn, keepProb);
  return threeLayerBackward(X, Y, cache, { dropout: { D1: cache.D1, D2: cache.D2, keepProb } });
}
