import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '../tensor/errors.js';
import type { Parameters } from '../tensor/parameters.js';
import { ShapeChecker, assertFinite } from '../tensor/shapes.js';
import { assertNumber } from '../tensor/values.js';
import { MAX_ITERATIONS, assertOptions, assertTensor, describeValue } from '../tensor/arguments.js';
import { asCaller } from '../tensor/caller.js';
import { binaryCrossEntropy } from '../losses/binary-cross-entropy.js';
import { categoricalCrossEntropy } from '../losses/categorical-cross-entropy.js';
import { updateParameters } from '../dense/update-parameters.js';
import { checkActivation, type Activation } from '../dense/linear-activation.js';
import {
  disposeCaches,
  initializeParametersDeep,
  lModelBackward,
  lModelForward,
  type InitScheme,
} from './l-model.js';

/**
 * The configuration of a {@link DeepNeuralNetwork} (saved with the model).
 *
 * @category C1 W4 · Deep neural network
 */
export interface DeepNeuralNetworkConfig {
  /** `[nX, n1, …, nL]`: input size, then the size of each layer. */
  layerSizes: number[];
  /**
   * The activation of each layer (`L` of them). Default: `'relu'` hidden layers and a
   * `'sigmoid'` output when `nL = 1`, `'softmax'` otherwise. The output must be `'sigmoid'`
   * (binary cross-entropy, one unit) or `'softmax'` (categorical cross-entropy, one-hot labels).
   */
  activations?: Activation[];
  /** Weight initialization (default `'xavier'`). */
  init?: InitScheme;
  /** Seed of the initialization (default 1). */
  seed?: number;
  /**
   * `'columns'` (default, the course's: `X` is `[nX, m]`, `Y` is `[nL, m]`) or `'rows'`
   * (tfjs's batch-first: `X` is `[m, nX]`, `Y` is `[m, nL]`).
   */
  layout?: 'columns' | 'rows';
}

/** Options of {@link DeepNeuralNetwork.fit}. */
export interface FitOptions {
  /** Gradient-descent steps on the whole training set (default 3000). */
  iterations?: number;
  /** `α` (default 0.0075, the course's). */
  learningRate?: number;
  /** Record the cost every this many iterations, and at the last (default 100). */
  recordEvery?: number;
  /**
   * Called after each recorded iteration with its number (0-based), the cost and the total; may
   * return a promise, which `fit` awaits (so a UI can repaint).
   */
  onProgress?: (iteration: number, cost: number, iterations: number) => void | Promise<void>;
}

/** What {@link DeepNeuralNetwork.fit} returns. */
export interface FitResult {
  /** The recorded costs. */
  costs: number[];
  /** The iteration of each recorded cost. */
  iterations: number[];
}

/** What {@link DeepNeuralNetwork.evaluate} returns. */
export interface EvaluateResult {
  /** The cross-entropy cost on the data. */
  cost: number;
  /** The fraction of examples classified right. */
  accuracy: number;
}

const FORMAT = 'dlkit-deep-neural-network';

/**
 * An L-layer fully connected classifier for applications, built on the course's functions
 * ({@link lModelForward}, {@link lModelBackward}, {@link updateParameters}): configurable sizes
 * and activations, full-batch gradient descent with a progress callback and a cost history,
 * prediction, evaluation, and save/load through any tfjs `IOHandler`.
 *
 * The network owns its parameters: call {@link DeepNeuralNetwork.dispose} when done.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { DeepNeuralNetwork } from '@dlkit/core';
 * const X = tf.tensor2d([[0, 0, 1, 1], [0, 1, 0, 1]]); // XOR, examples in columns
 * const Y = tf.tensor2d([[0, 1, 1, 0]]);
 * const net = new DeepNeuralNetwork({ layerSizes: [2, 8, 1], activations: ['tanh', 'sigmoid'], seed: 2 });
 * const { costs } = await net.fit(X, Y, { iterations: 1500, learningRate: 0.5 });
 * console.log(costs.at(-1), net.evaluate(X, Y).accuracy);
 * tf.dispose([X, Y]);
 * net.dispose();
 * ```
 *
 * @category C1 W4 · Deep neural network
 */
export class DeepNeuralNetwork {
  /** The configuration, with defaults filled in. */
  readonly config: Required<DeepNeuralNetworkConfig>;
  private params: Parameters;

  /**
   * @param config - Sizes, activations, initialization, seed and layout.
   * @param parameters - Parameters to adopt instead of initializing (used by `load`).
   */
  constructor(config: DeepNeuralNetworkConfig, parameters?: Parameters) {
    const fn = 'DeepNeuralNetwork';
    if (config === undefined) {
      throw new DlkitError('value', fn, 'config must be an object with layerSizes, got undefined', {
        argument: 'config',
      });
    }
    const {
      layerSizes,
      init = 'xavier',
      seed = 1,
      layout = 'columns',
    } = assertOptions(fn, 'config', config, [
      'layerSizes',
      'activations',
      'init',
      'seed',
      'layout',
    ]);
    if (!Array.isArray(layerSizes) || layerSizes.length < 2) {
      throw new DlkitError(
        'value',
        fn,
        `layerSizes must list the input size and at least one layer, got ${describeValue(layerSizes)}`,
        { argument: 'layerSizes' },
      );
    }
    layerSizes.forEach((n, i) =>
      assertNumber(fn, `layerSizes[${i}]`, n, { integer: true, min: 1, max: 1e7 }),
    );
    const L = layerSizes.length - 1;
    const nL = layerSizes[L] as number;
    const activations =
      config.activations ??
      Array.from({ length: L }, (_, i): Activation =>
        i < L - 1 ? 'relu' : nL === 1 ? 'sigmoid' : 'softmax',
      );
    if (activations.length !== L) {
      throw new DlkitError(
        'value',
        fn,
        `activations must list one activation per layer (${L}), got ${activations.length}`,
        { argument: 'activations' },
      );
    }
    activations.forEach((a, i) => checkActivation(fn, a, `activations[${i}]`));
    const out = activations[L - 1];
    if (out !== 'sigmoid' && out !== 'softmax') {
      throw new DlkitError(
        'value',
        fn,
        `the output activation must be sigmoid or softmax, got ${out}`,
        {
          argument: 'activations',
        },
      );
    }
    if (out === 'sigmoid' && nL !== 1) {
      throw new DlkitError('value', fn, `a sigmoid output needs 1 unit, got ${nL}; use softmax`, {
        argument: 'layerSizes',
      });
    }
    if (activations.slice(0, -1).includes('softmax')) {
      throw new DlkitError('value', fn, 'softmax can only be the output activation', {
        argument: 'activations',
      });
    }
    if (layout !== 'columns' && layout !== 'rows') {
      throw new DlkitError(
        'value',
        fn,
        `layout must be 'columns' or 'rows', got ${String(layout)}`,
        {
          argument: 'layout',
        },
      );
    }
    this.config = {
      layerSizes: [...layerSizes],
      activations: [...activations],
      init,
      seed,
      layout,
    };
    if (parameters === undefined) {
      this.params = initializeParametersDeep(layerSizes, { seed, init });
    } else {
      const shapes = new ShapeChecker(fn);
      for (let l = 1; l <= L; l++) {
        for (const [k, shape] of [
          [`W${l}`, [layerSizes[l], layerSizes[l - 1]]],
          [`b${l}`, [layerSizes[l], 1]],
        ] as const) {
          const t = parameters[k];
          if (t === undefined) {
            throw new DlkitError('value', fn, `parameters has no ${k}`, { argument: 'parameters' });
          }
          shapes.check(`parameters.${k}`, t, shape as unknown as number[]);
        }
      }
      this.params = parameters;
    }
  }

  /** The number of layers `L` (hidden layers plus the output layer). */
  get numLayers(): number {
    return this.config.layerSizes.length - 1;
  }

  /**
   * A copy of the current parameters `{ W1, b1, … }` (new tensors, owned by the caller).
   *
   * @returns The copies.
   */
  getParameters(): Parameters {
    return Object.fromEntries(Object.entries(this.params).map(([k, v]) => [k, tf.clone(v)]));
  }

  /** `X` and `Y` in the course's column layout, checked, as new tensors. */
  private columns(fn: string, X: tf.Tensor, Y?: tf.Tensor): { X: tf.Tensor; Y?: tf.Tensor } {
    const sizes = this.config.layerSizes;
    const nX = sizes[0] as number;
    const nL = sizes[sizes.length - 1] as number;
    const shapes = new ShapeChecker(fn);
    const rows = this.config.layout === 'rows';
    shapes.checkFloat('X', X, rows ? ['m', nX] : [nX, 'm']);
    if (Y !== undefined) shapes.checkFloat('Y', Y, rows ? ['m', nL] : [nL, 'm']);
    return tf.tidy(() => ({
      X: rows ? X.transpose() : X.clone(),
      ...(Y === undefined ? {} : { Y: rows ? Y.transpose() : Y.clone() }),
    }));
  }

  private cost(AL: tf.Tensor, Y: tf.Tensor): tf.Scalar {
    return this.config.activations[this.numLayers - 1] === 'softmax'
      ? categoricalCrossEntropy(AL, Y)
      : binaryCrossEntropy(AL, Y);
  }

  /**
   * Trains by full-batch gradient descent with the fused output gradient `dZL = AL - Y` (stable
   * when the output saturates). Rejects data holding NaN or infinities before training.
   *
   * @param X - Data, `[nX, m]` (or `[m, nX]` in rows layout).
   * @param Y - Labels: 0/1 `[1, m]` for a sigmoid output, one-hot `[nL, m]` for softmax
   *   (transposed in rows layout).
   * @param options - Iterations, learning rate, recording interval and progress callback.
   * @returns The recorded costs and their iterations.
   */
  async fit(X: tf.Tensor, Y: tf.Tensor, options: FitOptions = {}): Promise<FitResult> {
    const fn = 'DeepNeuralNetwork.fit';
    const {
      iterations = 3000,
      learningRate = 0.0075,
      recordEvery = 100,
      onProgress,
    } = assertOptions(fn, 'options', options, [
      'iterations',
      'learningRate',
      'recordEvery',
      'onProgress',
    ]);
    assertNumber(fn, 'iterations', iterations, { integer: true, min: 1, max: MAX_ITERATIONS });
    if (onProgress !== undefined && typeof onProgress !== 'function') {
      throw new DlkitError(
        'value',
        fn,
        `onProgress must be a function, got ${describeValue(onProgress)}`,
        {
          argument: 'options.onProgress',
        },
      );
    }
    assertNumber(fn, 'learningRate', learningRate, { min: 0, minExclusive: true });
    assertNumber(fn, 'recordEvery', recordEvery, { integer: true, min: 1 });
    this.assertAlive(fn);
    const data = this.columns(fn, X, Y);
    const Xc = data.X;
    const Yc = data.Y as tf.Tensor;
    try {
      assertFinite(fn, 'X', Xc);
      assertFinite(fn, 'Y', Yc);
      const result: FitResult = { costs: [], iterations: [] };
      const activations = this.config.activations;
      for (let i = 0; i < iterations; i++) {
        const current = this.params;
        const record = i % recordEvery === 0 || i === iterations - 1;
        const { next, cost } = tf.tidy(() => {
          const { AL, caches } = lModelForward(Xc, current, { activations });
          const J = record ? (this.cost(AL, Yc).dataSync()[0] as number) : NaN;
          const grads = lModelBackward(AL, Yc, caches, { activations, fused: true });
          return { next: updateParameters(current, grads, learningRate), cost: J };
        });
        tf.dispose(Object.values(current));
        this.params = next;
        if (record) {
          if (!Number.isFinite(cost)) {
            throw new DlkitError(
              'value',
              fn,
              `the cost became ${cost} at iteration ${i}; lower learningRate`,
              { argument: 'learningRate' },
            );
          }
          result.costs.push(cost);
          result.iterations.push(i);
          await onProgress?.(i, cost, iterations);
        }
      }
      return result;
    } finally {
      tf.dispose([Xc, Yc]);
    }
  }

  /**
   * The output layer's activations: probabilities `[nL, m]` (`[m, nL]` in rows layout).
   *
   * @param X - Data, `[nX, m]` (or `[m, nX]`).
   * @returns A new tensor.
   */
  predictProba(X: tf.Tensor): tf.Tensor {
    const fn = 'DeepNeuralNetwork.predictProba';
    this.assertAlive(fn);
    const { X: Xc } = this.columns(fn, X);
    return tf.tidy(() => {
      const { AL, caches } = lModelForward(Xc, this.params, {
        activations: this.config.activations,
      });
      disposeCaches(caches);
      Xc.dispose();
      return this.config.layout === 'rows' ? AL.transpose() : AL;
    });
  }

  /**
   * Predicted classes: `AL > 0.5` as 0/1 for a sigmoid output (`[1, m]`, float32), the index of
   * the largest probability for softmax (`[1, m]`, int32); `[m, 1]` in rows layout.
   *
   * @param X - Data, `[nX, m]` (or `[m, nX]`).
   * @returns A new tensor.
   */
  predict(X: tf.Tensor): tf.Tensor {
    return asCaller('DeepNeuralNetwork.predict', () =>
      tf.tidy(() => {
        const proba = this.predictProba(X);
        const rows = this.config.layout === 'rows';
        if (this.config.activations[this.numLayers - 1] === 'sigmoid') {
          return proba.greater(0.5).toFloat();
        }
        const idx = proba.argMax(rows ? 1 : 0);
        return rows ? idx.expandDims(1) : idx.expandDims(0);
      }),
    );
  }

  /**
   * The cost and the accuracy on labelled data.
   *
   * @param X - Data, `[nX, m]` (or `[m, nX]`).
   * @param Y - Labels as for {@link DeepNeuralNetwork.fit}.
   * @returns `{ cost, accuracy }`.
   */
  evaluate(X: tf.Tensor, Y: tf.Tensor): EvaluateResult {
    const fn = 'DeepNeuralNetwork.evaluate';
    this.assertAlive(fn);
    // Y is required here (columns() lets it be absent for predict): without this check, a
    // missing Y left the copy of X behind.
    assertTensor(fn, 'Y', Y);
    const { X: Xc, Y: Yc } = this.columns(fn, X, Y);
    return tf.tidy(() => {
      const { AL, caches } = lModelForward(Xc, this.params, {
        activations: this.config.activations,
      });
      disposeCaches(caches);
      const Ycol = Yc as tf.Tensor;
      const cost = this.cost(AL, Ycol).dataSync()[0] as number;
      const right =
        this.config.activations[this.numLayers - 1] === 'sigmoid'
          ? AL.greater(0.5).toFloat().equal(Ycol)
          : AL.argMax(0).equal(Ycol.argMax(0));
      const accuracy = right.toFloat().mean().dataSync()[0] as number;
      tf.dispose([Xc, Ycol]);
      return { cost, accuracy };
    }) as EvaluateResult;
  }

  /**
   * Saves the configuration and parameters through a tfjs IO handler (`tf.io.withSaveHandler`,
   * `tf.io.browserLocalStorage`, a file-system handler from `@dlkit/backend`, …). The topology
   * is `{ format: 'dlkit-deep-neural-network', config }`; the weights are `W1, b1, …` as float32.
   *
   * @param handler - Where to write.
   * @returns What the handler reports.
   */
  async save(handler: tf.io.IOHandler): Promise<tf.io.SaveResult> {
    const fn = 'DeepNeuralNetwork.save';
    this.assertAlive(fn);
    if (handler === null || typeof handler !== 'object' || typeof handler.save !== 'function') {
      throw new DlkitError('io', fn, 'handler must be a tfjs IOHandler with a save method', {
        argument: 'handler',
      });
    }
    const { data, specs } = await tf.io.encodeWeights(this.params);
    return handler.save({
      modelTopology: { format: FORMAT, config: { ...this.config } },
      format: FORMAT,
      generatedBy: '@dlkit/core',
      weightSpecs: specs,
      weightData: data,
    });
  }

  /**
   * Loads a network saved by {@link DeepNeuralNetwork.save}.
   *
   * @param handler - Where to read (`tf.io.fromMemory`, `tf.io.browserLocalStorage`, …).
   * @returns A new network (owning new parameters).
   */
  static async load(handler: tf.io.IOHandler): Promise<DeepNeuralNetwork> {
    const fn = 'DeepNeuralNetwork.load';
    if (handler === null || typeof handler !== 'object' || typeof handler.load !== 'function') {
      throw new DlkitError('io', fn, 'handler must be a tfjs IOHandler with a load method', {
        argument: 'handler',
      });
    }
    const artifacts = await handler.load();
    const topology = artifacts.modelTopology as
      { format?: string; config?: DeepNeuralNetworkConfig } | undefined;
    if (topology?.format !== FORMAT || topology.config === undefined) {
      throw new DlkitError(
        'io',
        fn,
        `not a saved DeepNeuralNetwork (format ${String(topology?.format)})`,
        {
          argument: 'handler',
        },
      );
    }
    if (artifacts.weightData === undefined || artifacts.weightSpecs === undefined) {
      throw new DlkitError('io', fn, 'the saved model has no weights', { argument: 'handler' });
    }
    const params = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
    try {
      return new DeepNeuralNetwork(topology.config, params);
    } catch (e) {
      tf.dispose(Object.values(params));
      throw new DlkitError('io', fn, `the saved model is inconsistent: ${(e as Error).message}`, {
        argument: 'handler',
        cause: e,
      });
    }
  }

  /** Frees the parameters; the network cannot be used afterwards. */
  dispose(): void {
    tf.dispose(Object.values(this.params));
    this.params = {};
  }

  private assertAlive(fn: string): void {
    if (Object.keys(this.params).length === 0) {
      throw new DlkitError('state', fn, 'the network has been disposed');
    }
  }
}
