import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  asCaller,
  assertNumber,
  assertOptions,
  assertShape,
  assertTensor,
  describeValue,
} from '@dlkit/core';
import { clipGradients, checkClipOptions, type ClipOptions } from '../clipping/clip-options.js';

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

/** One optimizer-owned variable and the name it is saved under (`<variable>/m`, `/v`, …). */
interface Slot {
  originalName: string;
  variable: tf.Variable;
}

/**
 * What {@link SlotOptimizer.update} receives for one variable and step.
 *
 * @category C2 W2 · Optimization algorithms
 */
export interface SlotUpdate {
  /** The variable to update in place. */
  value: tf.Variable;
  /** Its gradient (already clipped when the optimizer clips). */
  gradient: tf.Tensor;
  /** The optimizer's state for this variable, one variable per slot name, in that order. */
  slots: tf.Variable[];
  /** The step number, from 1. */
  step: number;
  /** Whether the slots were made (as zeros) in this step: the variable's first update. */
  fresh: boolean;
}

/** The slot names, learning rate and clipping a subclass hands to {@link SlotOptimizer}. */
export interface SlotOptimizerInit extends ClipOptions {
  /** The public name of the class, for messages (e.g. `MomentumOptimizer`). */
  name: string;
  /** The suffix of each slot's saved name, e.g. `['m', 'v']` saves `<variable>/m`, `<variable>/v`. */
  slotNames: readonly string[];
  /** The initial learning rate. */
  learningRate: number;
}

/**
 * The machinery dlkit's tfjs optimizers share: one set of state variables ("slots") per model
 * variable, found by the variable's position in the gradient list (as tfjs' optimizers do),
 * created as zeros on first use; optional gradient clipping (by value, then by global norm)
 * before the update; a learning rate that may change between steps (schedules set it); and
 * `getWeights`/`setWeights` in tfjs' layout: `iter`, then every first slot, then every second
 * slot, and so on. A subclass names its slots and writes {@link SlotOptimizer.update}.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { SlotOptimizer, type SlotUpdate } from '@dlkit/optimizers';
 * // Plain gradient descent with a running sum of gradients kept in one slot.
 * class Summing extends SlotOptimizer {
 *   static get className(): string { return 'ExampleSumming'; }
 *   constructor(learningRate = 0.1) {
 *     super({ name: 'Summing', slotNames: ['sum'], learningRate });
 *   }
 *   protected update({ value, gradient, slots }: SlotUpdate): void {
 *     slots[0]!.assign(tf.add(slots[0]!, gradient));
 *     value.assign(tf.sub(value, tf.mul(gradient, this.learningRate)));
 *   }
 *   getConfig(): tf.serialization.ConfigDict { return { learningRate: this.learningRate }; }
 * }
 * const init = tf.scalar(1);
 * const x = tf.variable(init);
 * const opt = new Summing(0.25);
 * opt.minimize(() => x.square()); // x := 1 - 0.25 · 2
 * console.log(x.dataSync()[0]); // 0.5
 * opt.dispose();
 * tf.dispose([x, init]);
 * ```
 *
 * @category C2 W2 · Optimization algorithms
 */
export abstract class SlotOptimizer extends tf.Optimizer {
  /** The class's public name, which starts its error messages. */
  protected readonly fn: string;
  /** The gradient clipping applied before every update. */
  readonly clipping: Readonly<ClipOptions>;
  private readonly slotNames: readonly string[];
  private slots: Slot[][];
  private rate: number;

  /**
   * `x instanceof` a dlkit optimizer class follows the prototype chain (tfjs' `Optimizer` answers
   * true for any object with `minimize`, `computeGradients` and `applyGradients`).
   *
   * @param instance - The value tested.
   * @returns Whether it was made by this class or a subclass.
   */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, instance);
  }

  /** @param init - The class name, slot names, learning rate and clipping. */
  protected constructor(init: SlotOptimizerInit) {
    super();
    if (new.target === SlotOptimizer || init === null || typeof init !== 'object') {
      throw new DlkitError(
        'value',
        'SlotOptimizer',
        'SlotOptimizer is a base class: extend it and call super({ name, slotNames, learningRate })',
        { argument: 'init' },
      );
    }
    this.fn = init.name;
    this.slotNames = init.slotNames;
    this.slots = init.slotNames.map(() => []);
    this.rate = assertNumber(init.name, 'learningRate', init.learningRate, { min: 0 });
    this.clipping = checkClipOptions(init.name, init);
  }

  /**
   * The one `fromConfig` of every slot optimiser: checks that `cls` is `self` (or a subclass) and
   * that `config` is a plain object of the class's fields, then builds
   * `new cls(...positional, options)`, its errors named `<class name>.fromConfig`.
   *
   * @param self - The class whose `fromConfig` was called.
   * @param cls - The class tfjs asks for.
   * @param config - What `getConfig` returned.
   * @param positional - The constructor's positional arguments' names, in order.
   * @param optionFields - The fields of its trailing options object.
   * @returns The optimiser.
   */
  protected static buildFromConfig<T>(
    self: abstract new (...args: never[]) => SlotOptimizer,
    cls: unknown,
    config: unknown,
    positional: readonly string[],
    optionFields: readonly string[],
  ): T {
    const fn = `${self.name}.fromConfig`;
    const ctor = cls as { prototype?: unknown };
    if (typeof cls !== 'function' || !(cls === self || ctor.prototype instanceof self)) {
      throw new DlkitError('value', fn, `cls must be ${self.name}, got ${describeValue(cls)}`, {
        argument: 'cls',
      });
    }
    if (config === undefined) {
      throw new DlkitError('value', fn, 'config must be an object, got undefined', {
        argument: 'config',
      });
    }
    const known = [...positional, ...optionFields, 'customObjects'];
    const c = assertOptions(fn, 'config', config as Record<string, unknown>, known);
    const options = Object.fromEntries(
      optionFields.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]),
    );
    const make = cls as new (...args: unknown[]) => T;
    return asCaller(fn, () => new make(...positional.map((k) => c[k]), options));
  }

  /**
   * The step size `α`. Setting it changes the next steps (what a schedule does); it must be a
   * finite number at least 0.
   */
  get learningRate(): number {
    return this.rate;
  }

  /** Sets the step size for the next steps (a finite number at least 0; NaN is refused). */
  set learningRate(value: number) {
    this.rate = assertNumber(`${this.fn}.learningRate`, 'learningRate', value, { min: 0 });
  }

  /**
   * Applies one step to the named variables (what `minimize` and `model.fit` call). Every
   * temporary tensor is disposed; the gradients are not.
   *
   * @param variableGradients - Gradients by variable name, or `{ name, tensor }` pairs, each
   *   with its variable's shape. A variable's position in this list picks its state, as in tfjs'
   *   optimizers, so pass the variables in the same order every step.
   */
  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const fn = `${this.fn}.applyGradients`;
    const list = this.gradientList(fn, variableGradients);
    const engine = tf.engine();
    const values = list.map(([name, gradient]) => {
      const value = engine.registeredVariables[name];
      if (value === undefined) {
        throw new DlkitError('value', fn, `no variable named ${name}`, {
          argument: 'variableGradients',
        });
      }
      if (gradient != null) assertShape(fn, `the gradient of ${name}`, gradient, value.shape);
      return value;
    });
    const step = this.iterations + 1;
    tf.tidy(() => {
      const gradients = clipGradients(list, this.clipping);
      values.forEach((value, i) => {
        const fresh = this.slots[0]?.[i] === undefined;
        const slots = this.slotNames.map(
          (suffix, k) => (this.slots[k]![i] ??= this.makeSlot(`${value.name}/${suffix}`, value)),
        );
        const gradient = gradients[i];
        if (gradient == null) return;
        tf.tidy(() =>
          this.update({ value, gradient, slots: slots.map((s) => s.variable), step, fresh }),
        );
      });
    });
    this.incrementIterations();
  }

  /**
   * Updates one variable and its slots in place (inside a `tf.tidy`).
   *
   * @param args - The variable, its gradient, its slots, the step number and whether the slots
   *   are new.
   */
  protected abstract update(args: SlotUpdate): void;

  private gradientList(
    fn: string,
    variableGradients: tf.NamedTensorMap | NamedTensor[],
  ): [string, tf.Tensor | null][] {
    const given: unknown = variableGradients;
    if (given === null || typeof given !== 'object' || given instanceof tf.Tensor) {
      throw new DlkitError(
        'value',
        fn,
        `variableGradients must map variable names to gradients, got ${describeValue(given)}`,
        { argument: 'variableGradients' },
      );
    }
    const list: [string, unknown][] = Array.isArray(given)
      ? given.map((v: unknown, i) => {
          const pair = v as Partial<NamedTensor> | null;
          if (pair === null || typeof pair !== 'object' || typeof pair.name !== 'string') {
            throw new DlkitError(
              'value',
              fn,
              `variableGradients[${i}] must be a { name, tensor } pair, got ${describeValue(v)}`,
              { argument: 'variableGradients' },
            );
          }
          return [pair.name, pair.tensor];
        })
      : Object.entries(given);
    return list.map(([name, gradient]) => [
      name,
      gradient == null
        ? null
        : assertTensor(fn, `the gradient of ${name}`, gradient, { dtypes: ['float32'] }),
    ]);
  }

  private makeSlot(originalName: string, value: tf.Variable): Slot {
    return { originalName, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
  }

  /** Frees the state variables this optimizer owns. */
  override dispose(): void {
    tf.dispose(this.slots.flat().map((s) => s.variable));
    this.slots = this.slotNames.map(() => []);
    super.dispose();
  }

  /**
   * The optimizer's state in tfjs' layout: `iter` (an int32 scalar, new: the caller disposes
   * it), then every variable's first slot, then every second slot, … (the optimizer's own
   * variables: do not dispose them).
   *
   * @returns The named tensors.
   */
  override async getWeights(): Promise<NamedTensor[]> {
    return [
      await this.saveIterations(),
      ...this.slots.flat().map((s) => ({ name: s.originalName, tensor: s.variable })),
    ];
  }

  /**
   * Restores state saved by `getWeights` (this class's or the matching tfjs optimizer's): the
   * iteration count, then the slots in the same layout. The tensors are copied (the caller still
   * owns them); the previous state is disposed.
   *
   * @param weightValues - `[iter, ...slot1, ...slot2, …]`.
   */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const fn = `${this.fn}.setWeights`;
    const k = this.slotNames.length;
    const given: unknown = weightValues;
    if (!Array.isArray(given)) {
      throw new DlkitError(
        'value',
        fn,
        `weightValues must be an array of { name, tensor }, got ${describeValue(given)}`,
        { argument: 'weightValues' },
      );
    }
    if (given.length === 0 || (given.length - 1) % k !== 0) {
      throw new DlkitError(
        'value',
        fn,
        `weightValues must hold iter then as many ${this.slotNames.join(' as ')} tensors (1 + ${k} n), got ${given.length}`,
        { argument: 'weightValues' },
      );
    }
    given.forEach((w: unknown, i) => {
      const pair = w as Partial<NamedTensor> | null;
      if (pair === null || typeof pair !== 'object' || typeof pair.name !== 'string') {
        throw new DlkitError(
          'value',
          fn,
          `weightValues[${i}] must be a { name, tensor } pair, got ${describeValue(w)}`,
          { argument: 'weightValues' },
        );
      }
      assertTensor(fn, `weightValues[${i}].tensor`, pair.tensor, { dtypes: ['float32', 'int32'] });
    });
    const rest = await this.extractIterations(weightValues);
    const count = rest.length / k;
    const next = this.slotNames.map((_, s) =>
      rest.slice(s * count, (s + 1) * count).map((w) => ({
        originalName: w.name,
        variable: w.tensor.variable(false),
      })),
    );
    tf.dispose(this.slots.flat().map((s) => s.variable));
    this.slots = next;
  }
}
