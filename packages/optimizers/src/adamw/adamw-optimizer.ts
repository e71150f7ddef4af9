import * as tf from '@tensorflow/tfjs';
import { assertNumber } from '@dlkit/core';
import { AdamOptimizer } from '../adam/adam-optimizer.js';
import { SlotOptimizer, type SlotUpdate } from '../slots/slot-optimizer.js';
import { CLIP_FIELDS, type ClipOptions } from '../clipping/clip-options.js';

/**
 * AdamW (Loshchilov and Hutter's decoupled weight decay) as a tfjs optimizer, equal to
 * `torch.optim.AdamW`: each step first shrinks the variable, `θ -= α λ θ`, then takes an Adam step
 * (the fused Adam kernel where the backend has it). Unlike L2 regularisation added to the loss,
 * the decay does not pass through Adam's scaling, so every weight decays at the same rate. It
 * applies to every variable it is given, biases included (as PyTorch with one parameter group).
 * Settable learning rate, serializable as `DlkitAdamW`; `getWeights()` is Adam's layout.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { AdamWOptimizer } from '@dlkit/optimizers';
 * const init = tf.tensor1d([1, -2]);
 * const x = tf.variable(init);
 * const opt = new AdamWOptimizer(0.1, 0.5);
 * opt.minimize(() => x.square().sum()); // x := x (1 - 0.1 · 0.5), then Adam moves it by about 0.1
 * x.print(); // about [0.85, -1.8]
 * opt.dispose();
 * tf.dispose([x, init]);
 * ```
 *
 * @see the guide page `docs/optimizers/optimizers.md`
 * @category C2 W2 · Adam
 */
export class AdamWOptimizer extends AdamOptimizer {
  /** The name this class is registered and saved under. */
  static override get className(): string {
    return 'DlkitAdamW';
  }

  /** `λ`, the decoupled weight decay per unit of learning rate. */
  readonly weightDecay: number;

  /**
   * @param learningRate - `α`, at least 0 (default 0.001).
   * @param weightDecay - `λ`, at least 0 (default 0.01, PyTorch's).
   * @param beta1 - `β1` in [0, 1) (default 0.9).
   * @param beta2 - `β2` in [0, 1) (default 0.999).
   * @param epsilon - `ε`, at least 0 (default 1e-8, PyTorch's).
   * @param options - Gradient clipping (`clipValue`, `clipNorm`).
   */
  constructor(
    learningRate = 0.001,
    weightDecay = 0.01,
    beta1 = 0.9,
    beta2 = 0.999,
    epsilon = 1e-8,
    options?: ClipOptions,
  ) {
    assertNumber('AdamWOptimizer', 'weightDecay', weightDecay, { min: 0 });
    super(learningRate, beta1, beta2, epsilon, options);
    this.weightDecay = weightDecay;
  }

  /**
   * The decay, then Adam's step, for one variable.
   *
   * @param args - The variable, its gradient, its moments and the step number.
   */
  protected override update(args: SlotUpdate): void {
    if (this.weightDecay > 0) {
      args.value.assign(tf.mul(args.value, 1 - this.learningRate * this.weightDecay));
    }
    super.update(args);
  }

  /**
   * The hyperparameters, for serialization.
   *
   * @returns Adam's, plus `weightDecay`.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }

  /**
   * Builds an optimizer from {@link AdamWOptimizer.getConfig}'s output.
   *
   * @param cls - The class to build (this one).
   * @param config - What `getConfig` returned.
   * @returns A new optimizer with no state.
   */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return SlotOptimizer.buildFromConfig(
      AdamWOptimizer,
      cls,
      config,
      ['learningRate', 'weightDecay', 'beta1', 'beta2', 'epsilon'],
      CLIP_FIELDS,
    );
  }
}

tf.serialization.registerClass(AdamWOptimizer);
