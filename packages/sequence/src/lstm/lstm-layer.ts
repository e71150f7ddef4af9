import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  MAX_ELEMENTS,
  ShapeChecker,
  asCaller,
  assertNumber,
  describeValue,
  formatShape,
} from '@dlkit/core';
import { lstmSequence } from './lstm-sequence.js';

/** The arguments every `tf.layers.Layer` takes (`inputShape`, `batchInputShape`, `name`, ...). */
type BaseLayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/**
 * A tfjs initializer object, as `tf.initializers.glorotUniform({ seed: 1 })` returns.
 *
 * @category C5 W1 · Long Short-Term Memory
 */
export type LstmInitializer = ReturnType<typeof tf.initializers.ones>;

/**
 * How an {@link LSTM} layer's weights start: an initializer object (`tf.initializers.*`), the
 * name of one (`'glorotUniform'`, `'orthogonal'`, `'zeros'`, `'heNormal'`, ...), or its
 * serialized form `{ className, config }` (what `getConfig` writes).
 *
 * @category C5 W1 · Long Short-Term Memory
 */
export type LstmInitializerSpec = LstmInitializer | string | tf.serialization.ConfigDict;

/**
 * Arguments of the {@link LSTM} layer (and {@link lstm}). Besides these, every `tf.layers.Layer`
 * argument applies: `inputShape`, `batchInputShape`, `name`, `trainable`, `weights`, ...
 *
 * @category C5 W1 · Long Short-Term Memory
 */
export interface LstmLayerArgs extends BaseLayerArgs {
  /** The size of the hidden and cell states, `nA` (a positive integer). */
  units: number;
  /** Output the hidden state of every step `[m, Tx, nA]` instead of the last one `[m, nA]`. */
  returnSequences?: boolean;
  /** Also output the last hidden and cell states: `[output, lastH, lastC]` (default false). */
  returnState?: boolean;
  /** Initializer of `kernel` `[nX, 4nA]` (default `'glorotUniform'`, as Keras). */
  kernelInitializer?: LstmInitializerSpec;
  /** Initializer of `recurrent_kernel` `[nA, 4nA]` (default `'orthogonal'`, as Keras). */
  recurrentInitializer?: LstmInitializerSpec;
  /** Initializer of `bias` `[4nA]` (default `'zeros'`). */
  biasInitializer?: LstmInitializerSpec;
  /** Start the forget gate's bias at 1, as Keras and tfjs do by default (default true). */
  unitForgetBias?: boolean;
}

const INITIALIZER_ALIASES: Record<string, string> = {
  leCunNormal: 'LeCunNormal',
  leCunUniform: 'LeCunUniform',
};

/**
 * An initializer from its spec (shared by the recurrent layers).
 *
 * @param spec - An initializer, its name, or `{ className, config }`.
 * @param argument - The layer argument it was given as, for error messages.
 * @param fn - The layer whose constructor reads it (default `'LSTM'`).
 * @param defaults - The config a spec given by name gets (e.g. `{ seed }`).
 * @returns The initializer.
 */
export function toInitializer(
  spec: LstmInitializerSpec,
  argument: string,
  fn = 'LSTM',
  defaults: tf.serialization.ConfigDict = {},
): LstmInitializer {
  const classNameMap = tf.serialization.SerializationMap.getMap().classNameMap;
  const build = (className: string, config: tf.serialization.ConfigDict): LstmInitializer => {
    const entry = classNameMap[className];
    if (entry === undefined) {
      throw new DlkitError('value', fn, `${argument} names no tfjs initializer: ${className}`, {
        argument,
      });
    }
    const [cls, fromConfig] = entry;
    const made = fromConfig(cls, config) as unknown;
    if (typeof (made as LstmInitializer).apply !== 'function') {
      throw new DlkitError('value', fn, `${argument}: ${className} is not an initializer`, {
        argument,
      });
    }
    return made as LstmInitializer;
  };
  if (typeof spec === 'string') {
    const className = INITIALIZER_ALIASES[spec] ?? spec.charAt(0).toUpperCase() + spec.slice(1);
    return build(className, defaults);
  }
  if (spec instanceof tf.serialization.Serializable) return spec as LstmInitializer;
  if (typeof spec === 'object' && spec !== null && typeof spec['className'] === 'string') {
    return build(spec['className'], (spec['config'] ?? {}) as tf.serialization.ConfigDict);
  }
  throw new DlkitError(
    'value',
    fn,
    `${argument} must be an initializer, its name or { className, config }`,
    { argument },
  );
}

/**
 * Checks a recurrent layer's arguments before tfjs' Layer reads them: an object, a positive
 * integer `units`, booleans where booleans go (shared by the recurrent layers).
 *
 * @param fn - The layer's class name, for error messages.
 * @param args - What the constructor was given.
 * @param booleans - The fields that must be booleans when given.
 * @returns The arguments, typed.
 */
export function checkRecurrentArgs<T extends { units: number }>(
  fn: string,
  args: unknown,
  booleans: readonly string[],
): T {
  if (
    args === null ||
    typeof args !== 'object' ||
    Array.isArray(args) ||
    args instanceof tf.Tensor
  ) {
    throw new DlkitError('value', fn, `args must be an object, got ${describeValue(args)}`, {
      argument: 'args',
    });
  }
  const a = args as T & Record<string, unknown>;
  assertNumber(fn, 'args.units', a.units, { integer: true, min: 1, max: MAX_ELEMENTS });
  for (const key of booleans) {
    if (a[key] !== undefined && typeof a[key] !== 'boolean') {
      throw new DlkitError(
        'value',
        fn,
        `args.${key} must be a boolean, got ${describeValue(a[key])}`,
        {
          argument: `args.${key}`,
        },
      );
    }
  }
  return a;
}

/**
 * The input's shape `[m, Tx, nX]` (the first of a list of shapes), checked (shared by the
 * recurrent layers).
 *
 * @param fn - The method that checks it, for error messages.
 * @param inputShape - A shape or a list of shapes.
 * @returns The input's shape.
 */
export function inputShapeOf(fn: string, inputShape: unknown): tf.Shape {
  const given: unknown =
    Array.isArray(inputShape) && Array.isArray(inputShape[0]) ? inputShape[0] : inputShape;
  const shape = given as unknown[];
  const ok =
    Array.isArray(given) &&
    shape.length === 3 &&
    shape.every(
      (d, i) =>
        (d === null && i < 2) ||
        (typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= MAX_ELEMENTS),
    );
  if (!ok) {
    const got = Array.isArray(given) ? formatShape(given as number[]) : describeValue(given);
    throw new DlkitError(
      'shape',
      fn,
      `input must have shape [m, Tx, nX] with a known nX, got ${got}`,
      {
        argument: 'inputShape',
      },
    );
  }
  return given as tf.Shape;
}

/**
 * An initializer as `{ className, config }`, for `getConfig`.
 *
 * @param init - The initializer.
 * @returns Its serialized form.
 */
export function serializeInitializer(init: LstmInitializer): tf.serialization.ConfigDict {
  return { className: init.getClassName(), config: init.getConfig() };
}

/**
 * A Long Short-Term Memory layer, Keras' `LSTM` for tfjs models, running {@link lstmSequence}:
 * dlkit's fused whole-sequence kernels when the backend registers them (`@dlkit/backend` does for
 * `wasm`), else a composition of tfjs ops.
 *
 * Input `[m, Tx, nX]`, or the list `[x, h0, c0]` to start from given states `[m, nA]` (the
 * encoder-decoder pattern: `decoder.apply([y, h, c])` with the encoder's `returnState` outputs);
 * output `[m, Tx, nA]` with `returnSequences`, else `[m, nA]`; with `returnState` the list
 * `[output, lastH, lastC]`. The activations are fixed: `tanh` for the
 * candidate and the output, `sigmoid` for the gates i, f, o. That is what the fused kernel
 * computes and what Keras 2+ and PyTorch use; note that `tf.layers.lstm`'s default
 * `recurrentActivation` is `hardSigmoid`, so to match it give that layer
 * `recurrentActivation: 'sigmoid'`. Weights are Keras' `kernel` `[nX, 4nA]`, `recurrent_kernel`
 * `[nA, 4nA]` and `bias` `[4nA]` (gates i, f, c, o), in that order, so
 * `layer.setWeights(tfLayersLstm.getWeights())` copies a `tf.layers.lstm`. Not supported: masking,
 * dropout, `stateful`, `goBackwards`, other activations. Registered for serialization as
 * `DlkitLSTM`, so models that use it save and load.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { lstm } from '@dlkit/sequence';
 * const model = tf.sequential({
 *   layers: [
 *     tf.layers.embedding({ inputDim: 20, outputDim: 8, inputLength: 6 }),
 *     lstm({ units: 16 }),
 *     tf.layers.dense({ units: 20, activation: 'softmax' }),
 *   ],
 * });
 * model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
 * const xs = tf.tensor2d([[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]]);
 * const ys = tf.tensor1d([7, 0]);
 * await model.fit(xs, ys, { epochs: 2, verbose: 0 });
 * const probabilities = model.predict(xs) as tf.Tensor;
 * console.log(probabilities.shape); // [2, 20]
 * tf.dispose([xs, ys, probabilities]);
 * model.dispose();
 * ```
 *
 * @category C5 W1 · Long Short-Term Memory
 */
export class LSTM extends tf.layers.Layer {
  /** The name models save this layer under (`'DlkitLSTM'`, not to clash with tfjs' `'LSTM'`). */
  static className = 'DlkitLSTM';
  /** The size of the hidden and cell states, `nA`. */
  readonly units: number;
  /** Whether the output is the hidden state of every step. */
  readonly returnSequences: boolean;
  /** Whether the last hidden and cell states are output too. */
  readonly returnState: boolean;
  /** Whether the forget gate's bias starts at 1. */
  readonly unitForgetBias: boolean;
  private readonly kernelInitializer: LstmInitializer;
  private readonly recurrentInitializer: LstmInitializer;
  private readonly biasInitializer: LstmInitializer;
  private kernel: tf.LayerVariable | null = null;
  private recurrentKernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  /** @param args - The layer's size, outputs, initializers and the usual layer arguments. */
  constructor(args: LstmLayerArgs) {
    super(
      checkRecurrentArgs<LstmLayerArgs>('LSTM', args, [
        'returnSequences',
        'returnState',
        'unitForgetBias',
      ]),
    );
    this.units = args.units;
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.unitForgetBias = args.unitForgetBias ?? true;
    this.kernelInitializer = toInitializer(
      args.kernelInitializer ?? 'glorotUniform',
      'kernelInitializer',
    );
    this.recurrentInitializer = toInitializer(
      args.recurrentInitializer ?? 'orthogonal',
      'recurrentInitializer',
    );
    this.biasInitializer = toInitializer(args.biasInitializer ?? 'zeros', 'biasInitializer');
  }

  /**
   * Creates the weights for inputs `[m, Tx, nX]`.
   *
   * @param inputShape - The input's shape, `[m, Tx, nX]` (`m` and `Tx` may be `null`), or the
   * shapes of `[x, h0, c0]`.
   */
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const nX = inputShapeOf('LSTM.build', inputShape)[2] as number;
    const nA = this.units;
    this.kernel = this.addWeight('kernel', [nX, 4 * nA], 'float32', this.kernelInitializer);
    this.recurrentKernel = this.addWeight(
      'recurrent_kernel',
      [nA, 4 * nA],
      'float32',
      this.recurrentInitializer,
    );
    this.bias = this.addWeight('bias', [4 * nA], 'float32', this.biasInitializer);
    if (this.unitForgetBias) {
      const bias = this.bias;
      tf.tidy(() => {
        const value = bias.read();
        const [i, , cAndO] = tf.split(value, [nA, nA, 2 * nA]) as [tf.Tensor, tf.Tensor, tf.Tensor];
        bias.write(tf.concat([i, tf.ones([nA]), cAndO]));
      });
    }
    this.built = true;
  }

  /**
   * The output shape(s) for an input shape.
   *
   * @param inputShape - `[m, Tx, nX]`, or the shapes of `[x, h0, c0]`.
   * @returns `[m, Tx, nA]` or `[m, nA]`, and with `returnState` also `[m, nA]` twice.
   */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const shape = inputShapeOf('LSTM.computeOutputShape', inputShape);
    const [m, Tx] = [shape[0] ?? null, shape[1] ?? null];
    const state: tf.Shape = [m, this.units];
    const output: tf.Shape = this.returnSequences ? [m, Tx, this.units] : state;
    return this.returnState ? [output, state, [...state]] : output;
  }

  /**
   * Runs the LSTM over a batch of sequences.
   *
   * @param inputs - `x` `[m, Tx, nX]`, or `[x]`, or `[x, h0, c0]` to start from the states `h0`
   * and `c0` `[m, nA]` instead of zeros.
   * @returns The output, or `[output, lastH, lastC]` with `returnState`.
   */
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const [x, h0, c0] = list;
    if (x === undefined || (list.length !== 1 && list.length !== 3)) {
      throw new DlkitError(
        'value',
        'LSTM.call',
        `inputs must be x or [x] or [x, h0, c0], got a list of ${list.length} tensors`,
        { argument: 'inputs' },
      );
    }
    if (this.kernel === null || this.recurrentKernel === null || this.bias === null) {
      throw new DlkitError('state', 'LSTM.call', 'call needs built weights: use apply', {
        argument: 'inputs',
      });
    }
    const [kernel, recurrentKernel, bias] = [this.kernel, this.recurrentKernel, this.bias];
    const shapes = new ShapeChecker('LSTM.call');
    shapes.check('inputs', x, ['m', 'Tx', kernel.shape[0] as number]);
    const initialState: [tf.Tensor, tf.Tensor] | undefined =
      h0 !== undefined && c0 !== undefined ? [h0, c0] : undefined;
    if (initialState !== undefined) {
      shapes.check('h0', initialState[0], ['m', this.units]);
      shapes.check('c0', initialState[1], ['m', this.units]);
    }
    return tf.tidy(() => {
      const r = lstmSequence(
        x,
        kernel.read(),
        recurrentKernel.read(),
        bias.read(),
        initialState === undefined ? {} : { initialState },
      );
      // A copy when the output is lastH itself, so the returned list holds distinct tensors.
      const output = this.returnSequences ? r.sequence : tf.clone(r.lastH);
      return this.returnState ? [output, r.lastH, r.lastC] : output;
    });
  }

  /**
   * The layer's configuration, from which `fromConfig` rebuilds it (used by `model.save`).
   *
   * @returns The constructor arguments, initializers serialized as `{ className, config }`.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      units: this.units,
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      unitForgetBias: this.unitForgetBias,
      kernelInitializer: serializeInitializer(this.kernelInitializer),
      recurrentInitializer: serializeInitializer(this.recurrentInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      ...super.getConfig(),
    };
  }
}
tf.serialization.registerClass(LSTM);

/**
 * Creates an {@link LSTM} layer, the way `tf.layers.lstm` creates tfjs' own.
 *
 * @param args - `units` and the other {@link LstmLayerArgs}.
 * @returns A new layer.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { lstm } from '@dlkit/sequence';
 * const layer = lstm({ units: 4, returnSequences: true, returnState: true });
 * const x = tf.randomNormal([2, 3, 5]);
 * const [sequence, lastH, lastC] = layer.apply(x) as tf.Tensor[];
 * console.log(sequence!.shape, lastH!.shape, lastC!.shape); // [2, 3, 4] [2, 4] [2, 4]
 * tf.dispose([x, sequence!, lastH!, lastC!]);
 * layer.dispose();
 * ```
 *
 * @category C5 W1 · Long Short-Term Memory
 */
export function lstm(args: LstmLayerArgs): LSTM {
  return asCaller('lstm', () => new LSTM(args));
}
