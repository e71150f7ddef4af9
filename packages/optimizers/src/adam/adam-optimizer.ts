import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, assertNumber, hasKernel } from '@dlkit/core';
import { SlotOptimizer, type SlotUpdate } from '../slots/slot-optimizer.js';
import { CLIP_FIELDS, checkOptionsObject, type ClipOptions } from '../clipping/clip-options.js';

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
export class AdamOptimizer extends SlotOptimizer {
  /** The name this class is registered and saved under (tfjs' own Adam is `Adam`). */
  static get className(): string {
    return 'DlkitAdam';
  }

  /** `β1`, the first moment's decay. */
  readonly beta1: number;
  /** `β2`, the second moment's decay. */
  readonly beta2: number;
  /** `ε`, added to the root of the corrected second moment. */
  readonly epsilon: number;

  /**
   * @param learningRate - `α`, at least 0 (default 0.001); settable later through
   *   `learningRate`.
   * @param beta1 - `β1` in [0, 1) (default 0.9).
   * @param beta2 - `β2` in [0, 1) (default 0.999).
   * @param epsilon - `ε`, at least 0 (default: the active backend's `tf.backend().epsilon()`, as
   *   `tf.train.adam`; 1e-7 on `cpu` and `wasm`).
   * @param options - Gradient clipping (`clipValue`, `clipNorm`), none by default.
   */
  constructor(
    learningRate = 0.001,
    beta1 = 0.9,
    beta2 = 0.999,
    epsilon?: number | null,
    options?: ClipOptions,
  ) {
    const eps = epsilon ?? tf.backend().epsilon();
    check(new.target.name, learningRate, beta1, beta2, eps);
    super({
      name: new.target.name,
      slotNames: ['m', 'v'],
      learningRate,
      ...checkOptionsObject<ClipOptions>(new.target.name, options),
    });
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = eps;
  }

  /**
   * One Adam step for one variable: the fused kernel where the backend has it, tfjs ops
   * otherwise.
   *
   * @param args - The variable, its gradient, its moments `[m, v]` and the step number.
   */
  protected update({ value, gradient, slots, step }: SlotUpdate): void {
    const [m, v] = slots as [tf.Variable, tf.Variable];
    const attrs = {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      beta1Power: this.beta1 ** step,
      beta2Power: this.beta2 ** step,
    };
    if (hasKernel(ADAM_UPDATE_KERNEL)) {
      const [newValue, newM, newV] = tf
        .engine()
        .runKernel(ADAM_UPDATE_KERNEL, { value, m, v, gradient }, attrs) as tf.Tensor[];
      m.assign(newM as tf.Tensor);
      v.assign(newV as tf.Tensor);
      value.assign(newValue as tf.Tensor);
      return;
    }
    const newM = tf.add(tf.mul(m, attrs.beta1), tf.mul(gradient, 1 - attrs.beta1));
    const newV = tf.add(tf.mul(v, attrs.beta2), tf.mul(tf.square(gradient), 1 - attrs.beta2));
    const mHat = tf.div(newM, 1 - attrs.beta1Power);
    const vHat = tf.div(newV, 1 - attrs.beta2Power);
    m.assign(newM);
    v.assign(newV);
    value.assign(
      tf.sub(value, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), attrs.epsilon)), attrs.learningRate)),
    );
  }

  /**
   * The hyperparameters, for serialization.
   *
   * @returns `{ learningRate, beta1, beta2, epsilon }`, plus `clipValue`/`clipNorm` when set.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      ...this.clipping,
    };
  }

  /**
   * Builds an optimizer from {@link AdamOptimizer.getConfig}'s output (what tfjs'
   * deserialization calls).
   *
   * @param cls - The class to build (this one).
   * @param config - `{ learningRate, beta1, beta2, epsilon }` and the clipping options.
   * @returns A new optimizer with no state.
   */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return SlotOptimizer.buildFromConfig(
      AdamOptimizer,
      cls,
      config,
      ['learningRate', 'beta1', 'beta2', 'epsilon'],
      CLIP_FIELDS,
    );
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
 * @param options - Gradient clipping (`clipValue`, `clipNorm`), none by default.
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
  options?: ClipOptions,
): AdamOptimizer {
  const eps = epsilon ?? tf.backend().epsilon();
  check('adam', learningRate, beta1, beta2, eps);
  return new AdamOptimizer(learningRate, beta1, beta2, eps, checkOptionsObject('adam', options));
}
