import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller, assertNumber, assertOneOf } from '@dlkit/core';
import {
  checkRecurrentArgs,
  inputShapeOf,
  serializeInitializer,
  toInitializer,
  type LstmInitializer,
  type LstmInitializerSpec,
} from '../lstm/lstm-layer.js';
import { GRU_ACTIVATIONS, type GruActivation } from './gru-activations.js';
import { gruSequence } from './gru-sequence.js';

/** The arguments every `tf.layers.Layer` takes (`inputShape`, `batchInputShape`, `name`, ...). */
type BaseLayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/**
 * Arguments of the {@link GRU} layer (and {@link gru}): Keras' `GRU` arguments in camelCase.
 * Besides these, every `tf.layers.Layer` argument applies: `inputShape`, `batchInputShape`,
 * `name`, `trainable`, `weights`, ...
 *
 * @category C5 W1 · Gated recurrent units
 */
export interface GruLayerArgs extends BaseLayerArgs {
  /** The size of the hidden state, `nA` (a positive integer). */
  units: number;
  /** The candidate's activation (default `'tanh'`). */
  activation?: GruActivation;
  /** The gates' activation (default `'sigmoid'`, as Keras; `tf.layers.gru`'s is `'hardSigmoid'`). */
  recurrentActivation?: GruActivation;
  /** Whether the layer has a bias (default true). */
  useBias?: boolean;
  /** Initializer of `kernel` `[nX, 3nA]` (default `'glorotUniform'`, as Keras). */
  kernelInitializer?: LstmInitializerSpec;
  /** Initializer of `recurrent_kernel` `[nA, 3nA]` (default `'orthogonal'`, as Keras). */
  recurrentInitializer?: LstmInitializerSpec;
  /** Initializer of `bias` (default `'zeros'`). */
  biasInitializer?: LstmInitializerSpec;
  /** Output the hidden state of every step `[m, Tx, nA]` instead of the last one `[m, nA]`. */
  returnSequences?: boolean;
  /** Also output the last hidden state: `[output, lastH]` (default false). */
  returnState?: boolean;
  /** Run over the steps last to first; the outputs come in that order too, as Keras' (default false). */
  goBackwards?: boolean;
  /**
   * Apply the reset gate after the recurrent product (default true, Keras' default and PyTorch's
   * `nn.GRU`; `bias` is `[2, 3nA]`) or before it (false, tfjs' only form; `bias` is `[3nA]`).
   */
  resetAfter?: boolean;
  /** The seed of the initializers given by name (and of the defaults), for repeatable weights. */
  seed?: number;
}

const BOOLEAN_ARGS = ['useBias', 'returnSequences', 'returnState', 'goBackwards', 'resetAfter'];

/** Checks the arguments the recurrent layers' shared check does not cover. */
function checkArgs(args: unknown): GruLayerArgs {
  const a = checkRecurrentArgs<GruLayerArgs>('GRU', args, BOOLEAN_ARGS);
  if (a.activation !== undefined) {
    assertOneOf('GRU', 'args.activation', a.activation, GRU_ACTIVATIONS);
  }
  if (a.recurrentActivation !== undefined) {
    assertOneOf('GRU', 'args.recurrentActivation', a.recurrentActivation, GRU_ACTIVATIONS);
  }
  if (a.seed !== undefined) assertNumber('GRU', 'args.seed', a.seed, { integer: true, min: 0 });
  return a;
}

/**
 * A Gated Recurrent Unit layer, Keras' `GRU` for tfjs models, running {@link gruSequence}:
 * dlkit's fused whole-sequence kernels for Keras' default GRU when the backend registers them
 * (`@dlkit/backend` does for `wasm`), else a composition of tfjs ops.
 *
 * Unlike `tf.layers.gru`, it has Keras' defaults: `resetAfter: true` (so Keras GRU weights
 * load, and it computes PyTorch's `nn.GRU`) and `sigmoid` gates (`tf.layers.gru` has only the
 * reset-before form and defaults to `hardSigmoid`). Weights are Keras' `kernel` `[nX, 3nA]`,
 * `recurrent_kernel` `[nA, 3nA]` and `bias` `[2, 3nA]` (`[3nA]` with `resetAfter: false`), gates
 * z, r, h, in that order: `layer.setWeights(kerasWeights)` loads a Keras GRU's weights as its
 * `model.save` stores them, and with `resetAfter: false` `setWeights(tfLayersGru.getWeights())`
 * copies a `tf.layers.gru`.
 *
 * Input `[m, Tx, nX]`, or the list `[x, h0]` to start from a given state `[m, nA]`; output
 * `[m, Tx, nA]` with `returnSequences`, else `[m, nA]`; with `returnState` the list
 * `[output, lastH]`. Not supported: masking, dropout, `stateful`, `unroll`. Registered for
 * serialization as `DlkitGRU`, so models that use it save and load.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { gru } from '@dlkit/sequence';
 * const model = tf.sequential({
 *   layers: [
 *     tf.layers.embedding({ inputDim: 20, outputDim: 8, inputLength: 6 }),
 *     gru({ units: 16, seed: 1 }),
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
 * @category C5 W1 · Gated recurrent units
 */
export class GRU extends tf.layers.Layer {
  /** The name models save this layer under (`'DlkitGRU'`, not to clash with tfjs' `'GRU'`). */
  static className = 'DlkitGRU';
  /** The size of the hidden state, `nA`. */
  readonly units: number;
  /** The candidate's activation. */
  readonly activation: GruActivation;
  /** The gates' activation. */
  readonly recurrentActivation: GruActivation;
  /** Whether the layer has a bias. */
  readonly useBias: boolean;
  /** Whether the output is the hidden state of every step. */
  readonly returnSequences: boolean;
  /** Whether the last hidden state is output too. */
  readonly returnState: boolean;
  /** Whether the steps run last to first. */
  readonly goBackwards: boolean;
  /** Whether the reset gate applies after the recurrent product (Keras' default). */
  readonly resetAfter: boolean;
  /** The seed of the initializers given by name, if any. */
  readonly seed: number | undefined;
  private readonly kernelInitializer: LstmInitializer;
  private readonly recurrentInitializer: LstmInitializer;
  private readonly biasInitializer: LstmInitializer;
  private kernel: tf.LayerVariable | null = null;
  private recurrentKernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  /** @param args - The layer's size, activations, outputs, initializers and layer arguments. */
  constructor(args: GruLayerArgs) {
    super(checkArgs(args));
    this.units = args.units;
    this.activation = args.activation ?? 'tanh';
    this.recurrentActivation = args.recurrentActivation ?? 'sigmoid';
    this.useBias = args.useBias ?? true;
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.resetAfter = args.resetAfter ?? true;
    this.seed = args.seed;
    const defaults: tf.serialization.ConfigDict =
      this.seed === undefined ? {} : { seed: this.seed };
    const init = (spec: LstmInitializerSpec, argument: string): LstmInitializer =>
      toInitializer(spec, argument, 'GRU', defaults);
    this.kernelInitializer = init(args.kernelInitializer ?? 'glorotUniform', 'kernelInitializer');
    this.recurrentInitializer = init(
      args.recurrentInitializer ?? 'orthogonal',
      'recurrentInitializer',
    );
    this.biasInitializer = init(args.biasInitializer ?? 'zeros', 'biasInitializer');
  }

  /**
   * Creates the weights for inputs `[m, Tx, nX]`.
   *
   * @param inputShape - The input's shape, `[m, Tx, nX]` (`m` and `Tx` may be `null`), or the
   * shapes of `[x, h0]`.
   */
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const nX = inputShapeOf('GRU.build', inputShape)[2] as number;
    const nA = this.units;
    this.kernel = this.addWeight('kernel', [nX, 3 * nA], 'float32', this.kernelInitializer);
    this.recurrentKernel = this.addWeight(
      'recurrent_kernel',
      [nA, 3 * nA],
      'float32',
      this.recurrentInitializer,
    );
    if (this.useBias) {
      const shape = this.resetAfter ? [2, 3 * nA] : [3 * nA];
      this.bias = this.addWeight('bias', shape, 'float32', this.biasInitializer);
    }
    this.built = true;
  }

  /**
   * The output shape(s) for an input shape.
   *
   * @param inputShape - `[m, Tx, nX]`, or the shapes of `[x, h0]`.
   * @returns `[m, Tx, nA]` or `[m, nA]`, and with `returnState` also `[m, nA]`.
   */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const shape = inputShapeOf('GRU.computeOutputShape', inputShape);
    const [m, Tx] = [shape[0] ?? null, shape[1] ?? null];
    const state: tf.Shape = [m, this.units];
    const output: tf.Shape = this.returnSequences ? [m, Tx, this.units] : state;
    return this.returnState ? [output, [...state]] : output;
  }

  /**
   * Runs the GRU over a batch of sequences.
   *
   * @param inputs - `x` `[m, Tx, nX]`, or `[x]`, or `[x, h0]` to start from the state `h0`
   * `[m, nA]` instead of zeros.
   * @returns The output, or `[output, lastH]` with `returnState`.
   */
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const [x, h0] = list;
    if (x === undefined || list.length > 2) {
      throw new DlkitError(
        'value',
        'GRU.call',
        `inputs must be x or [x] or [x, h0], got a list of ${list.length} tensors`,
        { argument: 'inputs' },
      );
    }
    const { kernel, recurrentKernel } = this;
    if (kernel === null || recurrentKernel === null || (this.useBias && this.bias === null)) {
      throw new DlkitError('state', 'GRU.call', 'call needs built weights: use apply', {
        argument: 'inputs',
      });
    }
    const shapes = new ShapeChecker('GRU.call');
    shapes.check('inputs', x, ['m', 'Tx', kernel.shape[0] as number]);
    if (h0 !== undefined) shapes.check('h0', h0, ['m', this.units]);
    return asCaller('GRU.call', () =>
      tf.tidy(() => {
        const bias =
          this.bias?.read() ?? tf.zeros(this.resetAfter ? [2, 3 * this.units] : [3 * this.units]);
        const r = gruSequence(
          this.goBackwards ? tf.reverse(x, 1) : x,
          kernel.read(),
          recurrentKernel.read(),
          bias,
          {
            resetAfter: this.resetAfter,
            activation: this.activation,
            recurrentActivation: this.recurrentActivation,
            ...(h0 === undefined ? {} : { initialState: h0 }),
          },
        );
        // A copy when the output is lastH itself, so the returned list holds distinct tensors.
        const output = this.returnSequences ? r.sequence : tf.clone(r.lastH);
        return this.returnState ? [output, r.lastH] : output;
      }),
    );
  }

  /**
   * The layer's configuration, from which `fromConfig` rebuilds it (used by `model.save`).
   *
   * @returns The constructor arguments, initializers serialized as `{ className, config }`.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      units: this.units,
      activation: this.activation,
      recurrentActivation: this.recurrentActivation,
      useBias: this.useBias,
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      resetAfter: this.resetAfter,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
      kernelInitializer: serializeInitializer(this.kernelInitializer),
      recurrentInitializer: serializeInitializer(this.recurrentInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      ...super.getConfig(),
    };
  }
}
tf.serialization.registerClass(GRU);

/**
 * Creates a {@link GRU} layer, the way `tf.layers.gru` creates tfjs' own (with Keras' defaults:
 * `resetAfter: true`, `sigmoid` gates).
 *
 * @param args - `units` and the other {@link GruLayerArgs}.
 * @returns A new layer.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { gru } from '@dlkit/sequence';
 * const layer = gru({ units: 4, returnSequences: true, returnState: true, seed: 1 });
 * const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 2);
 * const [sequence, lastH] = layer.apply(x) as tf.Tensor[];
 * console.log(sequence!.shape, lastH!.shape); // [2, 3, 4] [2, 4]
 * console.log(layer.getWeights().map((w) => w.shape)); // [[5, 12], [4, 12], [2, 12]]
 * tf.dispose([x, sequence!, lastH!]);
 * layer.dispose();
 * ```
 *
 * @category C5 W1 · Gated recurrent units
 */
export function gru(args: GruLayerArgs): GRU {
  return asCaller('gru', () => new GRU(args));
}
