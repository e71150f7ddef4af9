import * as tf from '@tensorflow/tfjs';
import {
  ADAM_UPDATE_KERNEL,
  DlkitError,
  asCaller,
  assertNumber,
  assertOptions,
  assertShape,
  assertTensor,
  describeValue,
  hasKernel,
} from '@dlkit/core';

/**
 * A tensor with the name it is saved under: the items of an optimizer's `getWeights()` and
 * `setWeights()` (tfjs' `NamedTensor`, which `@tensorflow/tfjs` does not export).
 *
 * @category C2 W2 · Adam
 */
export interface NamedTensor {
  /** The saved name, e.g. `iter` or `dense/kernel/m`. */
  name: string;
  /** The value. */
  tensor: tf.Tensor;
}

/** One optimizer-owned variable and the name it is saved under (`<variable>/m` or `/v`). */
interface Slot {
  originalName: string;
  variable: tf.Variable;
}

/** Checks `applyGradients`' argument: a map of gradients by name, or `{ name, tensor }` pairs. */
function checkGradients(variableGradients: unknown): void {
  const fn = 'AdamOptimizer.applyGradients';
  const argument = 'variableGradients';
  if (Array.isArray(variableGradients)) {
    variableGradients.forEach((v: unknown, i) => {
      const pair = v as Partial<NamedTensor> | null;
      if (pair === null || typeof pair !== 'object' || typeof pair.name !== 'string') {
        throw new DlkitError(
          'value',
          fn,
          `${argument}[${i}] must be a { name, tensor } pair, got ${describeValue(v)}`,
          {
            argument,
          },
        );
      }
      if (pair.tensor != null) assertTensor(fn, `${argument}[${i}].tensor`, pair.tensor);
    });
    return;
  }
  const proto: unknown =
    variableGradients === null || typeof variableGradients !== 'object'
      ? undefined
      : Object.getPrototypeOf(variableGradients);
  if (proto !== Object.prototype && proto !== null) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must map variable names to gradients, got ${describeValue(variableGradients)}`,
      {
        argument,
      },
    );
  }
  for (const [name, g] of Object.entries(variableGradients as object)) {
    if (g != null) assertTensor(fn, `${argument}.${name}`, g);
  }
}

const check = (fn: string, lr: number, beta1: number, beta2: number, epsilon: number): void => {
  assertNumber(fn, 'learningRate', lr, { min: 0 });
  assertNumber(fn, 'beta1', beta1, { min: 0, max: 1, maxExclusive: true });
  assertNumber(fn, 'beta2', beta2, { min: 0, max: 1, maxExclusive: true });
  assertNumber(fn, 'epsilon', epsilon, { min: 0 });
};

/**
 * Adam as a tfjs optimizer, a drop-in replacement for `tf.train.adam` (same defaults, same update,
 * same saved weights) that updates each variable with one fused kernel where the backend has one.
 *
 * Per variable and step `t` (from 1): `m = β1 m + (1 - β1) g`, `v = β2 v + (1 - β2) g²`,
 * `value -= α (m / (1 - β1^t)) / (√(v / (1 - β2^t)) + ε)`. When the active backend registers
 * `DlkitAdamUpdate` (`ADAM_UPDATE_KERNEL` of `@dlkit/core`; `@dlkit/backend` does for `wasm`)
 * that is one kernel call per variable with `β^t` passed as numbers; otherwise it is a composition
 * of tfjs ops (`tf.train.adam`'s dozen kernels). The moments are variables the optimizer owns:
 * {@link AdamOptimizer.dispose} frees them.
 *
 * Serializable under the class name `DlkitAdam` (registered with `tf.serialization.registerClass`
 * when this module loads), so `model.save` with `includeOptimizer` and `tf.loadLayersModel`
 * restore it. `getWeights()` returns tfjs' layout: the iteration count, then every `m`, then every
 * `v`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { AdamOptimizer } from '@dlkit/optimizers';
 * const init = tf.tensor1d([1, -2]);
 * const x = tf.variable(init);
 * const opt = new AdamOptimizer(0.1);
 * for (let i = 0; i < 3; i++) opt.minimize(() => x.square().sum());
 * x.print(); // about [0.7, -1.7]: Adam moves each entry by about α per step
 * opt.dispose();
 * tf.dispose([x, init]);
 * ```
 *
 * @see the guide page `docs/optimizers/adam.md`
 * @category C2 W2 · Adam
 */
export class AdamOptimizer extends tf.Optimizer {
  /** The name this class is registered and saved under (tfjs' own Adam is `Adam`). */
  static get className(): string {
    return 'DlkitAdam';
  }

  /** The step size `α`. */
  readonly learningRate: number;
  /** `β1`, the first moment's decay. */
  readonly beta1: number;
  /** `β2`, the second moment's decay. */
  readonly beta2: number;
  /** `ε`, added to the root of the corrected second moment. */
  readonly epsilon: number;

  private firstMoments: Slot[] = [];
  private secondMoments: Slot[] = [];

  /**
   * @param learningRate - `α`, at least 0 (default 0.001).
   * @param beta1 - `β1` in [0, 1) (default 0.9).
   * @param beta2 - `β2` in [0, 1) (default 0.999).
   * @param epsilon - `ε`, at least 0 (default: the active backend's `tf.backend().epsilon()`, as
   *   `tf.train.adam`; 1e-7 on `cpu` and `wasm`).
   */
  constructor(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number | null) {
    super();
    const eps = epsilon ?? tf.backend().epsilon();
    check('AdamOptimizer', learningRate, beta1, beta2, eps);
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = eps;
  }

  /**
   * Applies one Adam step to the named variables (what `minimize` and `model.fit` call). Every
   * temporary tensor is disposed; the gradients are not.
   *
   * @param variableGradients - Gradients by variable name, or `{ name, tensor }` pairs, each
   *   with its variable's shape. A variable's position in this list picks its moments, as in
   *   `tf.train.adam`, so pass the variables in the same order every step.
   */
  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    checkGradients(variableGradients);
    const list = Array.isArray(variableGradients)
      ? variableGradients.map((v) => [v.name, v.tensor] as const)
      : Object.entries(variableGradients);
    const t = this.iterations + 1;
    const attrs = {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      beta1Power: this.beta1 ** t,
      beta2Power: this.beta2 ** t,
    };
    const fused = hasKernel(ADAM_UPDATE_KERNEL);
    const engine = tf.engine();
    list.forEach(([name, gradient], i) => {
      const value = engine.registeredVariables[name];
      if (value === undefined) {
        throw new DlkitError('value', 'AdamOptimizer.applyGradients', `no variable named ${name}`, {
          argument: 'variableGradients',
        });
      }
      const m = (this.firstMoments[i] ??= this.slot(`${name}/m`, value)).variable;
      const v = (this.secondMoments[i] ??= this.slot(`${name}/v`, value)).variable;
      if (gradient == null) return;
      assertShape('AdamOptimizer.applyGradients', `the gradient of ${name}`, gradient, value.shape);
      tf.tidy(() => {
        if (fused) {
          const [newValue, newM, newV] = engine.runKernel(
            ADAM_UPDATE_KERNEL,
            { value, m, v, gradient },
            attrs,
          ) as tf.Tensor[];
          m.assign(newM as tf.Tensor);
          v.assign(newV as tf.Tensor);
          value.assign(newValue as tf.Tensor);
        } else {
          const newM = tf.add(tf.mul(m, attrs.beta1), tf.mul(gradient, 1 - attrs.beta1));
          const newV = tf.add(tf.mul(v, attrs.beta2), tf.mul(tf.square(gradient), 1 - attrs.beta2));
          const mHat = tf.div(newM, 1 - attrs.beta1Power);
          const vHat = tf.div(newV, 1 - attrs.beta2Power);
          m.assign(newM);
          v.assign(newV);
          value.assign(
            tf.sub(
              value,
              tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), attrs.epsilon)), attrs.learningRate),
            ),
          );
        }
      });
    });
    this.incrementIterations();
  }

  private slot(originalName: string, value: tf.Variable): Slot {
    return { originalName, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
  }

  /** Frees the moment variables this optimizer owns. */
  override dispose(): void {
    tf.dispose(this.firstMoments.map((s) => s.variable));
    tf.dispose(this.secondMoments.map((s) => s.variable));
    this.firstMoments = [];
    this.secondMoments = [];
    super.dispose();
  }

  /**
   * The optimizer's state in `tf.train.adam`'s layout: `iter` (an int32 scalar, new), then the
   * first moments `<variable>/m`, then the second moments `<variable>/v` (the optimizer's own
   * variables: do not dispose them).
   *
   * @returns The named tensors.
   */
  override async getWeights(): Promise<NamedTensor[]> {
    return [
      await this.saveIterations(),
      ...[...this.firstMoments, ...this.secondMoments].map((s) => ({
        name: s.originalName,
        tensor: s.variable,
      })),
    ];
  }

  /**
   * Restores state saved by {@link AdamOptimizer.getWeights} or by `tf.train.adam`'s `getWeights`:
   * the iteration count, then the first moments, then the second moments. The tensors are copied
   * (the caller still owns them); the previous moments are disposed.
   *
   * @param weightValues - `[iter, ...m, ...v]`.
   */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const fn = 'AdamOptimizer.setWeights';
    if (!Array.isArray(weightValues)) {
      throw new DlkitError(
        'value',
        fn,
        `weightValues must be an array of { name, tensor }, got ${describeValue(weightValues)}`,
        {
          argument: 'weightValues',
        },
      );
    }
    weightValues.forEach((w, i) => {
      if (w === null || typeof w !== 'object' || typeof w.name !== 'string') {
        throw new DlkitError(
          'value',
          fn,
          `weightValues[${i}] must be a { name, tensor } pair, got ${describeValue(w)}`,
          {
            argument: 'weightValues',
          },
        );
      }
      assertTensor(fn, `weightValues[${i}].tensor`, w.tensor, { dtypes: ['float32', 'int32'] });
    });
    if (weightValues.length === 0 || weightValues.length % 2 !== 1) {
      throw new DlkitError(
        'value',
        fn,
        `weightValues must hold iter then as many m as v tensors (an odd count), got ${weightValues.length}`,
        { argument: 'weightValues' },
      );
    }
    const moments = await this.extractIterations(weightValues);
    const count = moments.length / 2;
    const toSlot = (w: NamedTensor): Slot => ({
      originalName: w.name,
      variable: w.tensor.variable(false),
    });
    const first = moments.slice(0, count).map(toSlot);
    const second = moments.slice(count).map(toSlot);
    tf.dispose([...this.firstMoments, ...this.secondMoments].map((s) => s.variable));
    this.firstMoments = first;
    this.secondMoments = second;
  }

  /**
   * The hyperparameters, for serialization.
   *
   * @returns `{ learningRate, beta1, beta2, epsilon }`.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
    };
  }

  /**
   * Builds an optimizer from {@link AdamOptimizer.getConfig}'s output (what tfjs'
   * deserialization calls).
   *
   * @param cls - The class to build (this one).
   * @param config - `{ learningRate, beta1, beta2, epsilon }`.
   * @returns A new optimizer with no state.
   */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const fn = 'AdamOptimizer.fromConfig';
    if (cls !== (AdamOptimizer as unknown)) {
      throw new DlkitError('value', fn, `cls must be AdamOptimizer, got ${describeValue(cls)}`, {
        argument: 'cls',
      });
    }
    const c = assertOptions(fn, 'config', config as Record<string, unknown> | undefined, [
      'learningRate',
      'beta1',
      'beta2',
      'epsilon',
      // tfjs' deserializer adds the custom objects it was given.
      'customObjects',
    ]);
    return asCaller(
      fn,
      () =>
        new AdamOptimizer(
          c.learningRate as number,
          c.beta1 as number,
          c.beta2 as number,
          c.epsilon as number,
        ),
    ) as unknown as T;
  }
}

tf.serialization.registerClass(AdamOptimizer);

/**
 * Adam for `model.compile`, `opt.minimize` and custom loops: `new AdamOptimizer(...)` with
 * `tf.train.adam`'s arguments and defaults. On a backend with dlkit's fused `DlkitAdamUpdate`
 * kernel (`@dlkit/backend`'s `wasm`) each variable takes one kernel per step instead of a dozen.
 *
 * @param learningRate - `α`, at least 0 (default 0.001).
 * @param beta1 - `β1` in [0, 1) (default 0.9).
 * @param beta2 - `β2` in [0, 1) (default 0.999).
 * @param epsilon - `ε`, at least 0 (default `tf.backend().epsilon()`, as `tf.train.adam`).
 * @returns A new {@link AdamOptimizer}; dispose it when done (a model compiled with it does not).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { adam } from '@dlkit/optimizers';
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
 * const opt = adam(0.01);
 * model.compile({ optimizer: opt, loss: 'meanSquaredError' });
 * const xs = tf.tensor2d([[0, 1], [1, 0], [1, 1]]);
 * const ys = tf.tensor2d([[1], [-1], [0]]);
 * const history = await model.fit(xs, ys, { epochs: 3, verbose: 0 });
 * console.log(history.history['loss']!.length); // 3
 * tf.dispose([xs, ys]);
 * model.dispose();
 * opt.dispose();
 * ```
 *
 * @see the guide page `docs/optimizers/adam.md`
 * @category C2 W2 · Adam
 */
export function adam(
  learningRate = 0.001,
  beta1 = 0.9,
  beta2 = 0.999,
  epsilon?: number,
): AdamOptimizer {
  const eps = epsilon ?? tf.backend().epsilon();
  check('adam', learningRate, beta1, beta2, eps);
  return new AdamOptimizer(learningRate, beta1, beta2, eps);
}
