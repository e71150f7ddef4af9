import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, assertDtype, assertNumber } from '@dlkit/core';
import { checkDict, checkOptions, checkTensor } from '../internal/checks.js';

/**
 * `ε` of dlkit's batch norm by default: `1e-3`, the same as `tf.layers.batchNormalization` (and
 * Keras); PyTorch's `BatchNorm1d` uses `1e-5`.
 *
 * @category C2 W3 · Batch normalization
 */
export const BATCHNORM_EPSILON = 1e-3;

/**
 * The momentum of the running averages by default: `0.99`, as `tf.layers.batchNormalization`:
 * `running = momentum · running + (1 - momentum) · batch`. PyTorch's `momentum` is the weight of
 * the batch instead (its 0.1 is our 0.9), and PyTorch averages the unbiased variance.
 *
 * @category C2 W3 · Batch normalization
 */
export const BATCHNORM_MOMENTUM = 0.99;

/**
 * What {@link batchnormBackward} needs from {@link batchnormForward} (new tensors the caller owns).
 *
 * @category C2 W3 · Batch normalization
 */
export type BatchnormCache = {
  /** `[n, m]`: `(Z - μ) / √(σ² + ε)`. */
  ZNorm: tf.Tensor2D;
  /** `[n, 1]`: `1 / √(σ² + ε)`. */
  invStd: tf.Tensor2D;
  /** `[n, 1]`: the scale `γ` (a clone). */
  gamma: tf.Tensor2D;
};

/**
 * What {@link batchnormForward} returns.
 *
 * @category C2 W3 · Batch normalization
 */
export type BatchnormForwardResult = {
  /** `[n, m]`: `Z̃ = γ Znorm + β`. */
  ZTilde: tf.Tensor2D;
  /** `[n, 1]`: the batch mean `μ = (1/m) Σ z`. */
  mu: tf.Tensor2D;
  /** `[n, 1]`: the batch variance `σ² = (1/m) Σ (z - μ)²` (biased, as the lecture and tfjs). */
  sigma2: tf.Tensor2D;
  /** For {@link batchnormBackward}. */
  cache: BatchnormCache;
};

/**
 * Options of the batch-norm functions.
 *
 * @category C2 W3 · Batch normalization
 */
export interface BatchnormOptions {
  /** `ε` (default {@link BATCHNORM_EPSILON}), greater than 0. */
  epsilon?: number;
}

function checkInputs(
  fn: string,
  Z: unknown,
  gamma: unknown,
  beta: unknown,
  options: unknown,
): ShapeChecker {
  for (const [name, t] of [
    ['Z', Z],
    ['gamma', gamma],
    ['beta', beta],
  ] as const) {
    assertDtype(fn, name, checkTensor(fn, name, t), ['float32']);
  }
  const shapes = new ShapeChecker(fn).check('Z', Z as tf.Tensor, ['n', 'm']);
  shapes.check('gamma', checkTensor(fn, 'gamma', gamma), ['n', 1]);
  shapes.check('beta', checkTensor(fn, 'beta', beta), ['n', 1]);
  const { epsilon = BATCHNORM_EPSILON } = checkOptions<BatchnormOptions>(fn, options, ['epsilon']);
  assertNumber(fn, 'options.epsilon', epsilon, { min: 0, minExclusive: true });
  return shapes;
}

/**
 * Batch normalisation of one layer's `Z` in training mode, as the lecture writes it: over the
 * mini-batch's `m` columns, `μ = (1/m) Σ z`, `σ² = (1/m) Σ (z - μ)²`, `Znorm = (z - μ) / √(σ² + ε)`,
 * `Z̃ = γ Znorm + β`. Equals `tf.layers.batchNormalization` called with `training: true` on `Zᵀ`.
 *
 * @param Z - The layer's pre-activations, `[n, m]` (examples in columns, the course's layout).
 * @param gamma - The scale `γ`, `[n, 1]`.
 * @param beta - The shift `β`, `[n, 1]`.
 * @param options - `epsilon` (default `1e-3`, as tfjs).
 * @returns `{ ZTilde, mu, sigma2, cache }` (new tensors the caller owns).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { batchnormForward } from '@dlkit/optimizers';
 * const Z = tf.tensor2d([[1, 2, 3], [0, 0, 6]]);
 * const gamma = tf.ones([2, 1]);
 * const beta = tf.zeros([2, 1]);
 * const out = batchnormForward(Z, gamma, beta);
 * out.mu.print(); // [[2], [2]]
 * out.ZTilde.print(); // each row has mean 0 and variance about 1
 * tf.dispose([Z, gamma, beta, out]);
 * ```
 *
 * @see the guide page `docs/optimizers/batchnorm.md`
 * @category C2 W3 · Batch normalization
 */
export function batchnormForward(
  Z: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  options: BatchnormOptions = {},
): BatchnormForwardResult {
  checkInputs('batchnormForward', Z, gamma, beta, options);
  const epsilon = options.epsilon ?? BATCHNORM_EPSILON;
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(Z, 1, true);
    const invStd = tf.rsqrt(tf.add(variance, epsilon)) as tf.Tensor2D;
    const ZNorm = tf.mul(tf.sub(Z, mean), invStd) as tf.Tensor2D;
    const ZTilde = tf.add(tf.mul(gamma, ZNorm), beta) as tf.Tensor2D;
    return {
      ZTilde,
      mu: mean as tf.Tensor2D,
      sigma2: variance as tf.Tensor2D,
      cache: { ZNorm, invStd, gamma: gamma.clone() as tf.Tensor2D },
    };
  });
}

/**
 * What {@link batchnormBackward} returns.
 *
 * @category C2 W3 · Batch normalization
 */
export type BatchnormGradients = {
  /** `[n, m]`: the gradient with respect to `Z`. */
  dZ: tf.Tensor2D;
  /** `[n, 1]`: `Σ dZ̃ · Znorm` over the batch. */
  dgamma: tf.Tensor2D;
  /** `[n, 1]`: `Σ dZ̃` over the batch. */
  dbeta: tf.Tensor2D;
};

/**
 * The backward pass of {@link batchnormForward} (training mode, through the batch statistics):
 * `dγ = Σ dZ̃ Znorm`, `dβ = Σ dZ̃`, and with `dẐ = γ dZ̃`,
 * `dZ = (1/√(σ² + ε)) (dẐ - mean(dẐ) - Znorm · mean(dẐ Znorm))` (means over the `m` columns).
 *
 * @param dZTilde - The gradient with respect to `Z̃`, `[n, m]`.
 * @param cache - The cache of {@link batchnormForward}.
 * @returns `{ dZ, dgamma, dbeta }` (new tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { batchnormBackward, batchnormForward } from '@dlkit/optimizers';
 * const Z = tf.tensor2d([[1, 2, 3], [0, 0, 6]]);
 * const gamma = tf.ones([2, 1]);
 * const beta = tf.zeros([2, 1]);
 * const out = batchnormForward(Z, gamma, beta);
 * const dZTilde = tf.onesLike(Z);
 * const grads = batchnormBackward(dZTilde, out.cache);
 * grads.dZ.print(); // zeros: shifting every output equally changes nothing upstream
 * tf.dispose([Z, gamma, beta, out, dZTilde, grads]);
 * ```
 *
 * @see the guide page `docs/optimizers/batchnorm.md`
 * @category C2 W3 · Batch normalization
 */
export function batchnormBackward(dZTilde: tf.Tensor, cache: BatchnormCache): BatchnormGradients {
  const fn = 'batchnormBackward';
  const c = checkDict(fn, 'cache', cache);
  for (const k of ['ZNorm', 'invStd', 'gamma']) {
    if (c[k] === undefined)
      throw new DlkitError('value', fn, `cache has no ${k}`, { argument: 'cache' });
  }
  new ShapeChecker(fn)
    .check('dZTilde', checkTensor(fn, 'dZTilde', dZTilde), ['n', 'm'])
    .check('cache.ZNorm', c['ZNorm']!, ['n', 'm'])
    .check('cache.invStd', c['invStd']!, ['n', 1])
    .check('cache.gamma', c['gamma']!, ['n', 1]);
  return tf.tidy(() => {
    const { ZNorm, invStd, gamma } = cache;
    const dgamma = tf.sum(tf.mul(dZTilde, ZNorm), 1, true) as tf.Tensor2D;
    const dbeta = tf.sum(dZTilde, 1, true) as tf.Tensor2D;
    const dZHat = tf.mul(dZTilde, gamma);
    const centred = tf.sub(dZHat, tf.mean(dZHat, 1, true));
    const projected = tf.mul(ZNorm, tf.mean(tf.mul(dZHat, ZNorm), 1, true));
    const dZ = tf.mul(invStd, tf.sub(centred, projected)) as tf.Tensor2D;
    return { dZ, dgamma, dbeta };
  });
}

/**
 * Batch normalisation at test time: the running averages stand in for the batch statistics,
 * `Z̃ = γ (Z - runningMean) / √(runningVar + ε) + β`. Equals `tf.layers.batchNormalization` in
 * inference (`training: false`) with the same moving mean and variance.
 *
 * @param Z - Pre-activations, `[n, m]` (any number of examples, even 1).
 * @param gamma - `γ`, `[n, 1]`.
 * @param beta - `β`, `[n, 1]`.
 * @param runningMean - `[n, 1]`, from {@link updateRunningAverages}.
 * @param runningVar - `[n, 1]`, non-negative.
 * @param options - `epsilon` (default `1e-3`).
 * @returns `Z̃`, `[n, m]` (a new tensor).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { batchnormInference } from '@dlkit/optimizers';
 * const Z = tf.tensor2d([[4]]);
 * const parts = [tf.ones([1, 1]), tf.zeros([1, 1]), tf.tensor2d([[2]]), tf.tensor2d([[4]])] as const;
 * const out = batchnormInference(Z, ...parts, { epsilon: 1e-8 });
 * out.print(); // [[1]]: (4 - 2) / √4
 * tf.dispose([Z, ...parts, out]);
 * ```
 *
 * @see the guide page `docs/optimizers/batchnorm.md`
 * @category C2 W3 · Batch normalization
 */
export function batchnormInference(
  Z: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  runningMean: tf.Tensor,
  runningVar: tf.Tensor,
  options: BatchnormOptions = {},
): tf.Tensor2D {
  const fn = 'batchnormInference';
  const shapes = checkInputs(fn, Z, gamma, beta, options);
  shapes.check('runningMean', checkTensor(fn, 'runningMean', runningMean), ['n', 1]);
  shapes.check('runningVar', checkTensor(fn, 'runningVar', runningVar), ['n', 1]);
  const epsilon = options.epsilon ?? BATCHNORM_EPSILON;
  return tf.tidy(
    () =>
      tf.add(
        tf.mul(gamma, tf.mul(tf.sub(Z, runningMean), tf.rsqrt(tf.add(runningVar, epsilon)))),
        beta,
      ) as tf.Tensor2D,
  );
}

/**
 * What {@link updateRunningAverages} returns.
 *
 * @category C2 W3 · Batch normalization
 */
export type RunningAverages = {
  /** `[n, 1]`: the updated average of the batch means. */
  runningMean: tf.Tensor2D;
  /** `[n, 1]`: the updated average of the batch variances. */
  runningVar: tf.Tensor2D;
};

/**
 * The running averages batch norm keeps for inference, updated once per training batch as
 * `tf.layers.batchNormalization` does: `running = momentum · running + (1 - momentum) · batch`
 * (with the biased batch variance).
 *
 * @param runningMean - `[n, 1]`, the current average of `μ` (zeros at first).
 * @param runningVar - `[n, 1]`, the current average of `σ²` (ones at first, as tfjs).
 * @param mu - `[n, 1]`, this batch's mean (from {@link batchnormForward}).
 * @param sigma2 - `[n, 1]`, this batch's variance.
 * @param momentum - In [0, 1) (default 0.99, as tfjs).
 * @returns `{ runningMean, runningVar }`, new tensors (the inputs are not disposed).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { updateRunningAverages } from '@dlkit/optimizers';
 * const [mean, variance] = [tf.zeros([1, 1]), tf.ones([1, 1])];
 * const [mu, sigma2] = [tf.tensor2d([[10]]), tf.tensor2d([[3]])];
 * const r = updateRunningAverages(mean, variance, mu, sigma2, 0.9);
 * r.runningMean.print(); // [[1]]
 * r.runningVar.print(); // [[1.2]]
 * tf.dispose([mean, variance, mu, sigma2, r]);
 * ```
 *
 * @see the guide page `docs/optimizers/batchnorm.md`
 * @category C2 W3 · Batch normalization
 */
export function updateRunningAverages(
  runningMean: tf.Tensor,
  runningVar: tf.Tensor,
  mu: tf.Tensor,
  sigma2: tf.Tensor,
  momentum = BATCHNORM_MOMENTUM,
): RunningAverages {
  const fn = 'updateRunningAverages';
  const shapes = new ShapeChecker(fn);
  shapes.check('runningMean', checkTensor(fn, 'runningMean', runningMean), ['n', 1]);
  shapes.check('runningVar', checkTensor(fn, 'runningVar', runningVar), ['n', 1]);
  shapes.check('mu', checkTensor(fn, 'mu', mu), ['n', 1]);
  shapes.check('sigma2', checkTensor(fn, 'sigma2', sigma2), ['n', 1]);
  assertNumber(fn, 'momentum', momentum, { min: 0, max: 1, maxExclusive: true });
  return tf.tidy(() => ({
    runningMean: tf.add(tf.mul(runningMean, momentum), tf.mul(mu, 1 - momentum)) as tf.Tensor2D,
    runningVar: tf.add(tf.mul(runningVar, momentum), tf.mul(sigma2, 1 - momentum)) as tf.Tensor2D,
  }));
}
