import * as tf from '@tensorflow/tfjs';
import { assertNumber } from '@dlkit/core';
import { SlotOptimizer, type SlotUpdate } from '../slots/slot-optimizer.js';
import { CLIP_FIELDS, checkOptionsObject, type ClipOptions } from '../clipping/clip-options.js';

/**
 * RMSprop as a tfjs optimizer, in the course's form, which is also PyTorch's
 * (`torch.optim.RMSprop`, no momentum, not centred) and Keras': `s = ρ s + (1 - ρ) g²`,
 * `θ -= α g / (√s + ε)`, `ε` outside the root. (`tf.train.rmsprop` puts `ε` inside the root,
 * `√(s + ε)`, so it differs where `s` is small.) The mean squares are variables the optimizer
 * owns; `dispose()` frees them. Settable learning rate, serializable as `DlkitRMSprop`;
 * `getWeights()` returns `iter`, then every `<variable>/rms`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RmspropOptimizer } from '@dlkit/optimizers';
 * const init = tf.tensor1d([1, -2]);
 * const x = tf.variable(init);
 * const opt = new RmspropOptimizer(0.01, 0.9, 1e-7);
 * opt.minimize(() => x.square().sum()); // the first step moves each entry by about α / √(1 - ρ)
 * x.print(); // about [0.968, -1.968]
 * opt.dispose();
 * tf.dispose([x, init]);
 * ```
 *
 * @see the guide page `docs/optimizers/optimizers.md`
 * @category C2 W2 · RMSprop
 */
export class RmspropOptimizer extends SlotOptimizer {
  /** The name this class is registered and saved under (tfjs' own is `RMSProp`). */
  static get className(): string {
    return 'DlkitRMSprop';
  }

  /** `ρ` (PyTorch's `alpha`, the course's `β2`), the mean square's decay. */
  readonly rho: number;
  /** `ε`, added to the root of the mean square. */
  readonly epsilon: number;

  /**
   * @param learningRate - `α`, at least 0 (default 0.001, Keras').
   * @param rho - `ρ` in [0, 1) (default 0.9, Keras'; PyTorch's default `alpha` is 0.99).
   * @param epsilon - `ε`, at least 0 (default 1e-7, Keras'; PyTorch's is 1e-8).
   * @param options - Gradient clipping (`clipValue`, `clipNorm`).
   */
  constructor(learningRate = 0.001, rho = 0.9, epsilon = 1e-7, options?: ClipOptions) {
    const fn = 'RmspropOptimizer';
    assertNumber(fn, 'rho', rho, { min: 0, max: 1, maxExclusive: true });
    assertNumber(fn, 'epsilon', epsilon, { min: 0 });
    super({
      name: fn,
      slotNames: ['rms'],
      learningRate,
      ...checkOptionsObject<ClipOptions>(fn, options),
    });
    this.rho = rho;
    this.epsilon = epsilon;
  }

  /**
   * One RMSprop step for one variable.
   *
   * @param args - The variable, its gradient and its mean square.
   */
  protected update({ value, gradient, slots }: SlotUpdate): void {
    const s = slots[0]!;
    const next = tf.add(tf.mul(s, this.rho), tf.mul(tf.square(gradient), 1 - this.rho));
    s.assign(next);
    const step = tf.div(gradient, tf.add(tf.sqrt(next), this.epsilon));
    value.assign(tf.sub(value, tf.mul(step, this.learningRate)));
  }

  /**
   * The hyperparameters, for serialization.
   *
   * @returns `{ learningRate, rho, epsilon }`, plus the clipping when set.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      rho: this.rho,
      epsilon: this.epsilon,
      ...this.clipping,
    };
  }

  /**
   * Builds an optimizer from {@link RmspropOptimizer.getConfig}'s output.
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
      RmspropOptimizer,
      cls,
      config,
      ['learningRate', 'rho', 'epsilon'],
      CLIP_FIELDS,
    );
  }
}

tf.serialization.registerClass(RmspropOptimizer);
