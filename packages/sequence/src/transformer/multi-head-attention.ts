import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  ShapeChecker,
  asCaller,
  assertNumber,
  assertShapeSize,
  assertSize,
  describeValue,
} from '@dlkit/core';
import { AttentionBlock } from './attention-block.js';
import { checkAttentionMask } from './broadcast.js';
import { checkKwargs, inputList, type BaseLayerArgs } from './layer-args.js';
import { WeightMaker, type Initializer } from './weights.js';

/**
 * Arguments of the {@link MultiHeadAttention} layer: Keras' `MultiHeadAttention` constructor
 * arguments in camelCase. Besides these, every `tf.layers.Layer` argument applies (`name`, ...).
 *
 * @category C5 W4 · Transformers
 */
export interface MultiHeadAttentionArgs extends BaseLayerArgs {
  /** Number of attention heads `h`. */
  numHeads: number;
  /** Size of each head's queries and keys. */
  keyDim: number;
  /** Size of each head's values (default `keyDim`). */
  valueDim?: number;
  /** Dropout rate on the attention weights while training (default 0). */
  dropout?: number;
  /** Whether the projections have biases (default true). */
  useBias?: boolean;
  /** The output's last dimension (default the query's last dimension). */
  outputShape?: number;
  /** The seed of the kernels' Glorot-uniform initializers (each kernel its own: seed, seed + 1, ...). */
  seed?: number;
}

/**
 * The call-time keyword arguments of {@link MultiHeadAttention} (Keras' call arguments after
 * `query`, `value`, `key`).
 *
 * @category C5 W4 · Transformers
 */
export interface MultiHeadAttentionKwargs {
  /**
   * Which keys each query attends to, **1 = attend, 0 = blocked**: `[batch, T, S]` (Keras'),
   * or any shape of rank 2 to 4 that broadcasts to the scores `[batch, numHeads, T, S]` once head
   * axes are inserted before its last two (the course's padding mask `[batch, 1, S]`, its
   * look-ahead mask `[1, T, T]`).
   */
  attentionMask?: tf.Tensor | null;
  /** Also return the attention weights `[batch, numHeads, T, S]`: the output is `[output, scores]`. */
  returnAttentionScores?: boolean;
  /** Whether dropout applies (default false). */
  training?: boolean;
}

/**
 * What {@link MultiHeadAttention.attend} returns, keyed by Keras' names.
 *
 * @category C5 W4 · Transformers
 */
export interface MultiHeadAttentionResult {
  /** The output `[batch, T, outputShape]`. */
  attentionOutput: tf.Tensor;
  /** The attention weights `[batch, numHeads, T, S]`: they sum to 1 over the keys (last axis). */
  attentionScores: tf.Tensor;
}

const FN = 'MultiHeadAttention';

function checkArgs(args: unknown): MultiHeadAttentionArgs {
  if (
    args === null ||
    typeof args !== 'object' ||
    Array.isArray(args) ||
    args instanceof tf.Tensor
  ) {
    throw new DlkitError('value', FN, `args must be an object, got ${describeValue(args)}`, {
      argument: 'args',
    });
  }
  const a = args as MultiHeadAttentionArgs;
  assertSize(FN, 'args.numHeads', a.numHeads, 1);
  assertSize(FN, 'args.keyDim', a.keyDim, 1);
  if (a.valueDim !== undefined) assertSize(FN, 'args.valueDim', a.valueDim, 1);
  if (a.outputShape !== undefined) assertSize(FN, 'args.outputShape', a.outputShape, 1);
  if (a.dropout !== undefined) {
    assertNumber(FN, 'args.dropout', a.dropout, { min: 0, max: 1, maxExclusive: true });
  }
  if (a.useBias !== undefined && typeof a.useBias !== 'boolean') {
    throw new DlkitError(
      'value',
      FN,
      `args.useBias must be a boolean, got ${describeValue(a.useBias)}`,
      {
        argument: 'args.useBias',
      },
    );
  }
  if (a.seed !== undefined) assertNumber(FN, 'args.seed', a.seed, { integer: true, min: 0 });
  assertShapeSize(FN, 'the heads [numHeads, keyDim]', [
    a.numHeads,
    a.keyDim,
    a.valueDim ?? a.keyDim,
  ]);
  return a;
}

/** `apply`'s arguments before tfjs reads them: 1 to 3 (symbolic) tensors and a keyword object. */
function checkApplyArguments(fn: string, inputs: unknown, kwargs: unknown): void {
  const isTensor = (t: unknown): boolean =>
    t instanceof tf.Tensor || t instanceof tf.SymbolicTensor;
  const list: unknown[] = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length < 1 || list.length > 3 || !list.every(isTensor)) {
    throw new DlkitError(
      'value',
      fn,
      `inputs must be the list [query, value, key] (key optional) of tensors, or one tensor, got ${describeValue(inputs)}`,
      { argument: 'inputs' },
    );
  }
  checkKwargs(fn, kwargs, ['attentionMask', 'returnAttentionScores']);
}

/** The shapes of `[query, value, key?]` as given to `build`/`computeOutputShape`. */
function shapesOf(fn: string, inputShape: unknown): [tf.Shape, tf.Shape, tf.Shape] {
  const isShape = (s: unknown): s is tf.Shape =>
    Array.isArray(s) &&
    s.length === 3 &&
    s.every((d) => d === null || (Number.isInteger(d) && (d as number) >= 0));
  const list: unknown[] =
    Array.isArray(inputShape) && inputShape.every(Array.isArray) ? inputShape : [inputShape];
  if (
    list.length < 1 ||
    list.length > 3 ||
    !list.every(isShape) ||
    typeof list[0]?.[2] !== 'number'
  ) {
    throw new DlkitError(
      'shape',
      fn,
      `inputShape must be the shapes of [query, value, key] (each [batch, T, dim], key optional, or one shape for self-attention), got ${describeValue(inputShape)}`,
      { argument: 'inputShape' },
    );
  }
  const query = list[0] as tf.Shape;
  const value = (list[1] ?? query) as tf.Shape;
  const key = (list[2] ?? value) as tf.Shape;
  if (typeof value[2] !== 'number' || typeof key[2] !== 'number') {
    throw new DlkitError('shape', fn, 'the value and key shapes need a known last dimension', {
      argument: 'inputShape',
    });
  }
  return [query as tf.Shape, value, key];
}

/**
 * Multi-head attention, Keras' `MultiHeadAttention` for tfjs models (tfjs exports none): each head
 * projects query, key and value, attends with `softmax(q kᵀ / sqrt(keyDim) + (1 - mask) * -1e9) v`,
 * and the heads' outputs are concatenated and projected to `outputShape`.
 *
 * Weights are Keras': `query/kernel` `[dQuery, numHeads, keyDim]`, `query/bias` `[numHeads, keyDim]`,
 * the same for `key` and `value` (`valueDim`), `attention_output/kernel` `[numHeads, valueDim, out]`
 * and `attention_output/bias` `[out]`, in that order. PyTorch's `nn.MultiheadAttention` (with
 * `embed_dim = numHeads * keyDim`) maps as `query/kernel = W_qᵀ` reshaped, where `in_proj_weight`
 * is `[W_q; W_k; W_v]`, and `attention_output/kernel = out_proj.weightᵀ` reshaped.
 *
 * **Calling it.** `tf.layers`' `apply` takes tensors and a keyword object, so the call is
 * `layer.apply([query, value, key?], { attentionMask, returnAttentionScores, training })` (`key`
 * defaults to `value`; a single tensor means self-attention), returning the output
 * `[batch, T, out]`, or `[output, scores]` with `returnAttentionScores`. Symbolic inputs work too,
 * so the layer fits in `tf.model` (give masks through models that compute them, as kwargs are
 * saved with the model). {@link MultiHeadAttention.attend} is the convenience form, Keras'
 * argument order with both results named. Masks: **1 = attend**. Registered for serialization as
 * `DlkitMultiHeadAttention`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { MultiHeadAttention, createLookAheadMask } from '@dlkit/sequence';
 * const mha = new MultiHeadAttention({ numHeads: 2, keyDim: 4, seed: 1 });
 * const x = tf.randomNormal([3, 5, 8], 0, 1, 'float32', 1);
 * const mask = createLookAheadMask(5);
 * const [output, scores] = mha.apply([x, x], { attentionMask: mask, returnAttentionScores: true }) as tf.Tensor[];
 * console.log(output!.shape, scores!.shape); // [3, 5, 8] [3, 2, 5, 5]
 * tf.dispose([x, mask, output!, scores!]);
 * mha.dispose();
 * ```
 *
 * @category C5 W4 · Transformers
 */
export class MultiHeadAttention extends tf.layers.Layer {
  /** The name models save this layer under. */
  static className = 'DlkitMultiHeadAttention';
  /** Number of heads. */
  readonly numHeads: number;
  /** Size of each head's queries and keys. */
  readonly keyDim: number;
  /** Size of each head's values. */
  readonly valueDim: number;
  /** Dropout rate on the attention weights while training. */
  readonly dropout: number;
  /** Whether the projections have biases. */
  readonly useBias: boolean;
  /** The output's last dimension, Keras' `output_shape`, if fixed (else the query's). */
  readonly outputSize: number | undefined;
  /** The initializers' seed, if any. */
  readonly seed: number | undefined;
  private block: AttentionBlock | null = null;
  private scoresRequested = false;

  /** @param args - Heads, sizes, dropout, bias, output size, seed and layer arguments. */
  constructor(args: MultiHeadAttentionArgs) {
    super(checkArgs(args));
    this.numHeads = args.numHeads;
    this.keyDim = args.keyDim;
    this.valueDim = args.valueDim ?? args.keyDim;
    this.dropout = args.dropout ?? 0;
    this.useBias = args.useBias ?? true;
    this.outputSize = args.outputShape;
    this.seed = args.seed;
  }

  /**
   * Creates the weights for the given input shapes.
   *
   * @param inputShape - The shapes of `[query, value, key?]`, each `[batch, T, dim]` (or one shape).
   */
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const fn = `${FN}.build`;
    const [query, value, key] = shapesOf(fn, inputShape);
    for (const [name, shape] of [
      ['query', query],
      ['value', value],
      ['key', key],
    ] as const) {
      assertShapeSize(fn, `the ${name} kernel [dIn, numHeads, size]`, [
        shape[2] as number,
        this.numHeads,
        Math.max(this.keyDim, this.valueDim),
      ]);
    }
    const add = (name: string, shape: number[], init: Initializer): tf.LayerVariable =>
      this.addWeight(name, shape, 'float32', init);
    this.block = new AttentionBlock(new WeightMaker(add, this.seed), '', {
      queryIn: query[2] as number,
      valueIn: value[2] as number,
      keyIn: key[2] as number,
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      outputDim: this.outputSize ?? (query[2] as number),
      useBias: this.useBias,
    });
    this.built = true;
  }

  /**
   * Like `Layer.apply`; also remembers `returnAttentionScores` for symbolic inputs' output shapes.
   *
   * @param inputs - `[query, value, key?]` or one tensor for self-attention.
   * @param kwargs - {@link MultiHeadAttentionKwargs}.
   * @returns The output, or `[output, scores]`.
   */
  override apply(
    inputs: tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[],
    kwargs?: Record<string, unknown>,
  ): tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[] {
    const fn = `${FN}.apply`;
    checkApplyArguments(fn, inputs, kwargs);
    const before = this.scoresRequested;
    this.scoresRequested = kwargs?.['returnAttentionScores'] === true;
    try {
      return asCaller(fn, () => super.apply(inputs, kwargs));
    } finally {
      this.scoresRequested = before;
    }
  }

  /**
   * The output shape(s) for the input shapes.
   *
   * @param inputShape - The shapes of `[query, value, key?]`.
   * @returns `[batch, T, out]`, and with `returnAttentionScores` also `[batch, numHeads, T, S]`.
   */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const [query, value] = shapesOf(`${FN}.computeOutputShape`, inputShape);
    const output: tf.Shape = [
      query[0] ?? null,
      query[1] ?? null,
      this.outputSize ?? (query[2] as number),
    ];
    const scores: tf.Shape = [query[0] ?? null, this.numHeads, query[1] ?? null, value[1] ?? null];
    return this.scoresRequested ? [output, scores] : output;
  }

  /**
   * Attends from the query to the key/value sequence (what `apply` runs).
   *
   * @param inputs - `[query, value, key?]`: `[batch, T, dQuery]`, `[batch, S, dValue]`, `[batch, S, dKey]`;
   *   or one tensor for self-attention.
   * @param kwargs - {@link MultiHeadAttentionKwargs}.
   * @returns The output `[batch, T, out]`, or `[output, scores]` with `returnAttentionScores`.
   */
  override call(
    inputs: tf.Tensor | tf.Tensor[],
    kwargs: Record<string, unknown>,
  ): tf.Tensor | tf.Tensor[] {
    const r = this.run(`${FN}.call`, inputs, kwargs);
    if (kwargs?.['returnAttentionScores'] === true) return [r.attentionOutput, r.attentionScores];
    r.attentionScores.dispose();
    return r.attentionOutput;
  }

  /**
   * Keras' call in its argument order, with both results: builds the layer on first use.
   *
   * @param query - `[batch, T, dQuery]`.
   * @param value - `[batch, S, dValue]`.
   * @param options - `key` `[batch, S, dKey]` (default `value`), `attentionMask` (1 = attend) and `training`.
   * @returns `{ attentionOutput, attentionScores }`, new tensors the caller disposes.
   *
   * @example
   * ```ts
   * import * as tf from '@tensorflow/tfjs';
   * import { MultiHeadAttention } from '@dlkit/sequence';
   * const mha = new MultiHeadAttention({ numHeads: 2, keyDim: 3, seed: 1 });
   * const query = tf.randomNormal([1, 4, 6], 0, 1, 'float32', 1);
   * const value = tf.randomNormal([1, 2, 6], 0, 1, 'float32', 2);
   * const { attentionOutput, attentionScores } = mha.attend(query, value);
   * console.log(attentionOutput.shape, attentionScores.shape); // [1, 4, 6] [1, 2, 4, 2]
   * tf.dispose([query, value, attentionOutput, attentionScores]);
   * mha.dispose();
   * ```
   */
  attend(
    query: tf.Tensor,
    value: tf.Tensor,
    options: { key?: tf.Tensor; attentionMask?: tf.Tensor | null; training?: boolean } = {},
  ): MultiHeadAttentionResult {
    const fn = `${FN}.attend`;
    return asCaller(fn, () => {
      const o = checkKwargs<{ key: tf.Tensor }>(fn, options, ['key', 'attentionMask']);
      const inputs = o.kwargs.key === undefined ? [query, value] : [query, value, o.kwargs.key];
      const [q, , k] = this.checkInputs(fn, inputs, true);
      const scores = [
        q.shape[0] as number,
        this.numHeads,
        q.shape[1] as number,
        k.shape[1] as number,
      ];
      checkAttentionMask(fn, 'options.attentionMask', o.kwargs.attentionMask, scores, true);
      const { key: _key, ...kwargs } = o.kwargs;
      const out = this.apply(inputs, { ...kwargs, returnAttentionScores: true }) as tf.Tensor[];
      return { attentionOutput: out[0] as tf.Tensor, attentionScores: out[1] as tf.Tensor };
    });
  }

  private checkInputs(
    fn: string,
    inputs: unknown,
    finite = false,
  ): [tf.Tensor, tf.Tensor, tf.Tensor] {
    const [query, value = query, key = value] = inputList(fn, inputs, ['query', 'value', 'key'], 1);
    const shapes = new ShapeChecker(fn);
    shapes.checkFloat('query', query as tf.Tensor, ['batch', 'T', 'dQuery'], { finite });
    shapes.checkFloat('value', value as tf.Tensor, ['batch', 'S', 'dValue'], { finite });
    shapes.checkFloat('key', key as tf.Tensor, ['batch', 'S', 'dKey'], { finite });
    return [query as tf.Tensor, value as tf.Tensor, key as tf.Tensor];
  }

  private run(fn: string, inputs: unknown, kwargs: unknown): MultiHeadAttentionResult {
    const [query, value, key] = this.checkInputs(fn, inputs);
    const { kwargs: k, training } = checkKwargs<MultiHeadAttentionKwargs>(fn, kwargs, [
      'attentionMask',
      'returnAttentionScores',
    ]);
    const { block } = this;
    if (block === null) {
      throw new DlkitError('state', fn, 'call needs built weights: use apply', {
        argument: 'inputs',
      });
    }
    this.checkBuiltSizes(fn, query, value, key);
    const scores = [query.shape[0], this.numHeads, query.shape[1], key.shape[1]] as number[];
    const mask = checkAttentionMask(fn, 'kwargs.attentionMask', k.attentionMask, scores);
    return asCaller(fn, () => {
      const r = block.forward(query, value, key, mask, training ? this.dropout : 0);
      return { attentionOutput: r.output, attentionScores: r.scores };
    });
  }

  private checkBuiltSizes(fn: string, query: tf.Tensor, value: tf.Tensor, key: tf.Tensor): void {
    const [q, k, v] = this.weights
      .filter((w) => w.originalName.endsWith('/kernel'))
      .map((w) => w.shape[0]);
    const shapes = new ShapeChecker(fn);
    shapes.check('query', query, [null, null, q ?? null]);
    shapes.check('value', value, [null, null, v ?? null]);
    shapes.check('key', key, [null, null, k ?? null]);
  }

  /**
   * The layer's configuration, from which `fromConfig` rebuilds it (used by `model.save`).
   *
   * @returns Keras' constructor arguments and the layer arguments.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropout,
      useBias: this.useBias,
      ...(this.outputSize === undefined ? {} : { outputShape: this.outputSize }),
      ...(this.seed === undefined ? {} : { seed: this.seed }),
      ...super.getConfig(),
    };
  }
}
tf.serialization.registerClass(MultiHeadAttention);
