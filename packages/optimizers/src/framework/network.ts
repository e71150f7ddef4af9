import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, assertDtype, initializeXavier } from '@dlkit/core';
import {
  checkDict,
  checkLayersDims,
  checkOptions,
  checkTensor,
  toRandomState,
} from '../internal/checks.js';

/**
 * The framework notebook's parameters: `tf.Variable`s `W1, b1, W2, b2, W3, b3`.
 *
 * @category C2 W3 · TensorFlow introduction
 */
export type VariableParameters = Record<string, tf.Variable>;

/**
 * Options of {@link initializeParameters}.
 *
 * @category C2 W3 · TensorFlow introduction
 */
export interface FrameworkInitOptions {
  /** `[nX, n1, n2, nY]` (default `[12288, 25, 12, 6]`, the notebook's 64×64×3 images and 6 classes). */
  layerDims?: readonly number[];
  /** The seed (default 1, as the notebook's `GlorotNormal(seed=1)`). */
  seed?: number;
}

/**
 * The framework notebook's `initialize_parameters()`: Glorot-normal weights and zero biases as
 * trainable `tf.Variable`s, `W1` `[25, 12288]`, `b1` `[25, 1]`, `W2` `[12, 25]`, `b2` `[12, 1]`, `W3`
 * `[6, 12]`, `b3` `[6, 1]`. The weights are `randn · √(2 / (fanIn + fanOut))` from a seeded
 * NumPy-compatible generator (core's `initializeXavier`, `'fanAvg'`): the same distribution's
 * variance as TensorFlow's `GlorotNormal` (which truncates at 2σ and cannot be reproduced
 * bit for bit outside TensorFlow).
 *
 * @param options - `layerDims` and `seed`.
 * @returns `{ W1, b1, W2, b2, W3, b3 }`, new variables the caller disposes.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { framework } from '@dlkit/optimizers';
 * const parameters = framework.initializeParameters({ layerDims: [8, 4, 3, 2] });
 * console.log(parameters.W1!.shape, parameters.W1!.trainable); // [4, 8] true
 * tf.dispose(Object.values(parameters));
 * ```
 *
 * @see the guide page `docs/optimizers/framework.md`
 * @category C2 W3 · TensorFlow introduction
 */
export function initializeParameters(options: FrameworkInitOptions = {}): VariableParameters {
  const fn = 'initializeParameters';
  const { layerDims = [12288, 25, 12, 6], seed = 1 } = checkOptions<FrameworkInitOptions>(
    fn,
    options,
    ['layerDims', 'seed'],
  );
  const dims = checkLayersDims(fn, layerDims, 'options.layerDims');
  if (dims.length !== 4) {
    throw new DlkitError(
      'value',
      fn,
      `options.layerDims must be [nX, n1, n2, nY], got [${dims.join(', ')}]`,
      {
        argument: 'options',
      },
    );
  }
  const init = initializeXavier(dims, {
    seed: toRandomState(fn, seed, 'options.seed'),
    variant: 'fanAvg',
  });
  const out: VariableParameters = {};
  for (const [k, t] of Object.entries(init)) {
    out[k] = tf.variable(t, true);
    t.dispose();
  }
  return out;
}

/**
 * Checks `X` `[nX, m]` and the framework network's six parameters.
 *
 * @internal
 */
export function checkNetwork(fn: string, X: unknown, parameters: unknown): ShapeChecker {
  const x = checkTensor(fn, 'X', X);
  assertDtype(fn, 'X', x, ['float32']);
  const p = checkDict(fn, 'parameters', parameters);
  const patterns: Record<string, (string | number)[]> = {
    W1: ['n1', 'nX'],
    b1: ['n1', 1],
    W2: ['n2', 'n1'],
    b2: ['n2', 1],
    W3: ['nY', 'n2'],
    b3: ['nY', 1],
  };
  const shapes = new ShapeChecker(fn).check('X', x, ['nX', 'm']);
  for (const [k, pattern] of Object.entries(patterns)) {
    if (p[k] === undefined) {
      throw new DlkitError('value', fn, `parameters has no ${k}`, { argument: 'parameters' });
    }
    shapes.check(`parameters.${k}`, p[k], pattern);
  }
  return shapes;
}

/**
 * The forward pass, unchecked (differentiable; for `tf.grads` and optimizers).
 *
 * @internal
 */
export function logitsOf(X: tf.Tensor, p: Record<string, tf.Tensor>): tf.Tensor2D {
  return tf.tidy(() => {
    const A1 = tf.relu(tf.add(tf.matMul(p['W1'] as tf.Tensor2D, X as tf.Tensor2D), p['b1']!));
    const A2 = tf.relu(tf.add(tf.matMul(p['W2'] as tf.Tensor2D, A1 as tf.Tensor2D), p['b2']!));
    return tf.add(tf.matMul(p['W3'] as tf.Tensor2D, A2 as tf.Tensor2D), p['b3']!) as tf.Tensor2D;
  });
}

/**
 * The framework notebook's `forward_propagation(X, parameters)`: LINEAR → RELU → LINEAR → RELU →
 * LINEAR, returning the logits `Z3` (the softmax is left to the loss).
 *
 * @param X - Inputs, `[nX, m]` (examples in columns), float32.
 * @param parameters - `{ W1, b1, W2, b2, W3, b3 }` (`W1` `[n1, nX]` … `W3` `[nY, n2]`).
 * @returns `Z3`, `[nY, m]` (a new tensor).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { framework } from '@dlkit/optimizers';
 * const parameters = framework.initializeParameters({ layerDims: [8, 4, 3, 2] });
 * const X = tf.ones([8, 5]);
 * const Z3 = framework.forwardPropagation(X, parameters);
 * console.log(Z3.shape); // [2, 5]
 * tf.dispose([X, Z3, ...Object.values(parameters)]);
 * ```
 *
 * @see the guide page `docs/optimizers/framework.md`
 * @category C2 W3 · TensorFlow introduction
 */
export function forwardPropagation(
  X: tf.Tensor,
  parameters: Record<string, tf.Tensor>,
): tf.Tensor2D {
  checkNetwork('forwardPropagation', X, parameters);
  return logitsOf(X, parameters);
}

/**
 * The total loss, unchecked.
 *
 * @internal
 */
export function totalLoss(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() =>
    tf.sum(
      tf.losses.softmaxCrossEntropy(
        tf.transpose(labels),
        tf.transpose(logits),
        undefined,
        0,
        tf.Reduction.NONE,
      ),
    ),
  );
}

/**
 * The framework notebook's `compute_total_loss(logits, labels)`: the softmax cross-entropy of
 * every example **summed** over the batch (the model divides the epoch's total by `m`), classes on
 * axis 0 (`tf.reduce_sum(categorical_crossentropy(labelsᵀ, logitsᵀ, from_logits=True))`).
 *
 * @param logits - `Z3`, `[nY, m]`.
 * @param labels - One-hot labels, `[nY, m]` (see {@link oneHotMatrix}).
 * @returns The summed loss, a new scalar tensor (differentiable).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { framework } from '@dlkit/optimizers';
 * const logits = tf.tensor2d([[2, 0], [0, 0]]);
 * const labels = tf.tensor2d([[1, 0], [0, 1]]);
 * const J = framework.computeTotalLoss(logits, labels);
 * J.print(); // 0.8200948: ln(1 + e⁻²) + ln 2
 * tf.dispose([logits, labels, J]);
 * ```
 *
 * @see the guide page `docs/optimizers/framework.md`
 * @category C2 W3 · TensorFlow introduction
 */
export function computeTotalLoss(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  const fn = 'computeTotalLoss';
  const z = checkTensor(fn, 'logits', logits);
  const y = checkTensor(fn, 'labels', labels);
  assertDtype(fn, 'logits', z, ['float32']);
  assertDtype(fn, 'labels', y, ['float32']);
  new ShapeChecker(fn).check('logits', z, ['nY', 'm']).check('labels', y, ['nY', 'm']);
  return totalLoss(z, y);
}
