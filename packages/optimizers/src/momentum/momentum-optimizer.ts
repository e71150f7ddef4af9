import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber } from '@dlkit/core';
import { SlotOptimizer, type SlotUpdate } from '../slots/slot-optimizer.js';
import { CLIP_FIELDS, checkOptionsObject, type ClipOptions } from '../clipping/clip-options.js';

/**
 * How the velocity is accumulated:
 * - `'course'`: the lecture's exponentially weighted average, `v = β v + (1 - β) g` from
 *   `v = 0` (what `updateParametersWithMomentum` does);
 * - `'pytorch'`: `torch.optim.SGD`'s rule, `v = g` on the first step, then
 *   `v = μ v + (1 - dampening) g`; with `nesterov`, the step uses `g + μ v` instead of `v`. With
 *   no dampening this is also `tf.train.momentum` (with `useNesterov`).
 *
 * @category C2 W2 · Momentum
 */
export type MomentumForm = 'course' | 'pytorch';

/**
 * Options of {@link MomentumOptimizer} beyond the learning rate and `β`.
 *
 * @category C2 W2 · Momentum
 */
export interface MomentumOptions extends ClipOptions {
  /** Which rule (default `'course'`). */
  form?: MomentumForm;
  /** PyTorch's `dampening` in [0, 1] (`'pytorch'` form only; default 0). */
  dampening?: number;
  /** PyTorch's Nesterov momentum (`'pytorch'` form only, no dampening; default false). */
  nesterov?: boolean;
}

const FORMS: readonly MomentumForm[] = ['course', 'pytorch'];

function checkForm(
  fn: string,
  options: MomentumOptions,
): Required<Omit<MomentumOptions, keyof ClipOptions>> {
  const { form = 'course', dampening = 0, nesterov = false } = options;
  if (!FORMS.includes(form)) {
    throw new DlkitError('value', fn, `form must be 'course' or 'pytorch', got ${String(form)}`, {
      argument: 'options.form',
    });
  }
  assertNumber(fn, 'dampening', dampening, { min: 0, max: 1 });
  if (typeof nesterov !== 'boolean') {
    throw new DlkitError('value', fn, `nesterov must be a boolean, got ${typeof nesterov}`, {
      argument: 'options.nesterov',
    });
  }
  if (form === 'course' && (dampening !== 0 || nesterov)) {
    throw new DlkitError('value', fn, "dampening and nesterov need form 'pytorch'", {
      argument: 'options',
    });
  }
  if (nesterov && dampening !== 0) {
    throw new DlkitError('value', fn, `nesterov needs dampening 0 (as PyTorch), got ${dampening}`, {
      argument: 'options.dampening',
    });
  }
  return { form, dampening, nesterov };
}

/**
 * Gradient descent with momentum as a tfjs optimizer, in the course's form (an exponentially
 * weighted average of the gradients, `v = β v + (1 - β) g`, `θ -= α v`) or PyTorch's
 * (`torch.optim.SGD(momentum, dampening, nesterov)`). The velocities are variables the optimizer
 * owns; `dispose()` frees them. Usable in `model.compile`, `minimize` and custom loops; the
 * learning rate is settable (schedules set it); serializable as `DlkitMomentum` (registered when
 * this module loads). `getWeights()` returns `iter`, then every `<variable>/momentum`
 * (`tf.train.momentum`'s layout).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { MomentumOptimizer } from '@dlkit/optimizers';
 * const init = tf.tensor1d([1, -2]);
 * const x = tf.variable(init);
 * const opt = new MomentumOptimizer(0.1, 0.9);
 * opt.minimize(() => x.square().sum()); // v = 0.1 · 2x, x -= 0.1 v
 * x.print(); // [0.98, -1.96]
 * opt.dispose();
 * tf.dispose([x, init]);
 * ```
 *
 * @see the guide page `docs/optimizers/optimizers.md`
 * @category C2 W2 · Momentum
 */
export class MomentumOptimizer extends SlotOptimizer {
  /** The name this class is registered and saved under. */
  static get className(): string {
    return 'DlkitMomentum';
  }

  /** `β` (the course) or `μ` (PyTorch's `momentum`). */
  readonly beta: number;
  /** The accumulation rule. */
  readonly form: MomentumForm;
  /** PyTorch's `dampening`. */
  readonly dampening: number;
  /** PyTorch's `nesterov`. */
  readonly nesterov: boolean;

  /**
   * @param learningRate - `α`, at least 0 (default 0.01).
   * @param beta - `β` in [0, 1) (default 0.9), the course's name; PyTorch's `momentum`.
   * @param options - The form (default `'course'`), PyTorch's `dampening` and `nesterov`, and
   *   gradient clipping (`clipValue`, `clipNorm`).
   */
  constructor(learningRate = 0.01, beta = 0.9, options?: MomentumOptions) {
    const fn = 'MomentumOptimizer';
    const opts = checkOptionsObject<MomentumOptions>(fn, options, [
      'form',
      'dampening',
      'nesterov',
      ...CLIP_FIELDS,
    ]);
    assertNumber(fn, 'beta', beta, { min: 0, max: 1, maxExclusive: true });
    const form = checkForm(fn, opts);
    super({
      name: fn,
      slotNames: ['momentum'],
      learningRate,
      clipValue: opts.clipValue,
      clipNorm: opts.clipNorm,
    });
    this.beta = beta;
    this.form = form.form;
    this.dampening = form.dampening;
    this.nesterov = form.nesterov;
  }

  /**
   * One momentum step for one variable.
   *
   * @param args - The variable, its gradient, its velocity and whether it is new.
   */
  protected update({ value, gradient, slots, fresh }: SlotUpdate): void {
    const velocity = slots[0]!;
    const next =
      this.form === 'course'
        ? tf.add(tf.mul(velocity, this.beta), tf.mul(gradient, 1 - this.beta))
        : fresh
          ? gradient
          : tf.add(
              tf.mul(velocity, this.beta),
              this.dampening === 0 ? gradient : tf.mul(gradient, 1 - this.dampening),
            );
    velocity.assign(next);
    const direction = this.nesterov ? tf.add(gradient, tf.mul(next, this.beta)) : next;
    value.assign(tf.sub(value, tf.mul(direction, this.learningRate)));
  }

  /**
   * The hyperparameters, for serialization.
   *
   * @returns `{ learningRate, beta, form, dampening, nesterov }`, plus the clipping when set.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      beta: this.beta,
      form: this.form,
      dampening: this.dampening,
      nesterov: this.nesterov,
      ...this.clipping,
    };
  }

  /**
   * Builds an optimizer from {@link MomentumOptimizer.getConfig}'s output.
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
      MomentumOptimizer,
      cls,
      config,
      ['learningRate', 'beta'],
      ['form', 'dampening', 'nesterov', ...CLIP_FIELDS],
    );
  }
}

tf.serialization.registerClass(MomentumOptimizer);
