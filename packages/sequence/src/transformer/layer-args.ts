import type * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  assertNumber,
  assertOptions,
  assertShapeSize,
  assertSize,
  describeValue,
} from '@dlkit/core';
import type { BlockSizes } from './encoder-block.js';

/** The arguments every `tf.layers.Layer` takes (`name`, `trainable`, `inputShape`, ...). */
export type BaseLayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/**
 * The trailing options of the Transformer's layers (`EncoderLayer`, `Encoder`, `DecoderLayer`,
 * `Decoder`, `Transformer`): what the notebook's constructors do not take. Besides these, the
 * `tf.layers.Layer` arguments `name`, `trainable`, `dtype`, `inputShape`, `batchInputShape`,
 * `batchSize` apply.
 *
 * @category C5 W4 · Transformers
 */
export interface TransformerLayerOptions extends BaseLayerArgs {
  /**
   * The size of each head's queries, keys and values. Default `embeddingDim / numHeads` (the
   * paper's and PyTorch's split; `numHeads` must divide `embeddingDim`). The notebook passes
   * `key_dim=embedding_dim` to Keras' MultiHeadAttention: give `keyDim: embeddingDim` for that.
   */
  keyDim?: number;
  /** The seed of the weights' initializers (each weight its own: seed, seed + 1, ...). */
  seed?: number;
}

const BASE_FIELDS = [
  'name',
  'trainable',
  'dtype',
  'inputShape',
  'batchInputShape',
  'batchSize',
  'inputDType',
  'weights',
] as const;

/** The checked options: the base layer arguments, the seed and the head size. */
export interface CheckedOptions {
  base: BaseLayerArgs;
  seed: number | undefined;
  keyDim: number | undefined;
}

/**
 * Checks the trailing options object of a Transformer layer.
 *
 * @param fn - The constructor the user called.
 * @param options - What was given.
 * @returns The base layer arguments, seed and head size.
 */
export function checkLayerOptions(fn: string, options: unknown): CheckedOptions {
  const o = assertOptions(
    fn,
    'options',
    (options ?? undefined) as TransformerLayerOptions | undefined,
    [...BASE_FIELDS, 'keyDim', 'seed'],
  );
  const { keyDim, seed, ...base } = o;
  if (seed !== undefined) assertNumber(fn, 'options.seed', seed, { integer: true, min: 0 });
  if (keyDim !== undefined) assertSize(fn, 'options.keyDim', keyDim, 1);
  if (base.name !== undefined && (typeof base.name !== 'string' || base.name === '')) {
    throw new DlkitError(
      'value',
      fn,
      `options.name must be a non-empty string, got ${describeValue(base.name)}`,
      {
        argument: 'options.name',
      },
    );
  }
  return { base, seed, keyDim };
}

/**
 * Checks the sizes and rates the notebook's encoder and decoder layers take, and derives each
 * head's size.
 *
 * @param fn - The constructor the user called.
 * @param args - The notebook's arguments and the checked options.
 * @returns The block sizes.
 */
export function checkBlockSizes(
  fn: string,
  args: {
    embeddingDim: unknown;
    numHeads: unknown;
    fullyConnectedDim: unknown;
    dropoutRate: unknown;
    layernormEps: unknown;
    keyDim: number | undefined;
  },
): BlockSizes {
  const embeddingDim = assertSize(fn, 'embeddingDim', args.embeddingDim, 1);
  const numHeads = assertSize(fn, 'numHeads', args.numHeads, 1);
  const fullyConnectedDim = assertSize(fn, 'fullyConnectedDim', args.fullyConnectedDim, 1);
  const dropoutRate = assertNumber(fn, 'dropoutRate', args.dropoutRate, {
    min: 0,
    max: 1,
    maxExclusive: true,
  });
  const layernormEps = assertNumber(fn, 'layernormEps', args.layernormEps, {
    min: 0,
    minExclusive: true,
  });
  if (args.keyDim === undefined && embeddingDim % numHeads !== 0) {
    throw new DlkitError(
      'value',
      fn,
      `numHeads must divide embeddingDim (each head gets embeddingDim / numHeads), got embeddingDim = ${embeddingDim} and numHeads = ${numHeads}; or give options.keyDim`,
      { argument: 'numHeads' },
    );
  }
  const keyDim = args.keyDim ?? embeddingDim / numHeads;
  assertShapeSize(fn, 'the feed-forward kernel [embeddingDim, fullyConnectedDim]', [
    embeddingDim,
    fullyConnectedDim,
  ]);
  assertShapeSize(fn, 'the query kernel [embeddingDim, numHeads, keyDim]', [
    embeddingDim,
    numHeads,
    keyDim,
  ]);
  return { embeddingDim, numHeads, fullyConnectedDim, dropoutRate, layernormEps, keyDim };
}

/**
 * Checks a layer's call-time keyword arguments: a plain object of known fields; `training` a
 * boolean; `mask` (which tfjs' model execution passes from Keras masking) is accepted and unused.
 *
 * @param fn - The method the user called.
 * @param kwargs - What was given.
 * @param known - The fields the layer reads besides `training` and `mask`.
 * @returns The keyword arguments and whether the call trains.
 */
export function checkKwargs<T extends object>(
  fn: string,
  kwargs: unknown,
  known: readonly string[],
): { kwargs: Partial<T> & Record<string, unknown>; training: boolean } {
  const k = assertOptions(
    fn,
    'kwargs',
    (kwargs ?? undefined) as Record<string, unknown> | undefined,
    [...known, 'training', 'mask'],
  );
  const training = k.training ?? false;
  if (typeof training !== 'boolean') {
    throw new DlkitError(
      'value',
      fn,
      `kwargs.training must be a boolean, got ${describeValue(training)}`,
      {
        argument: 'kwargs.training',
      },
    );
  }
  for (const flag of ['returnAttentionScores']) {
    if (k[flag] !== undefined && typeof k[flag] !== 'boolean') {
      throw new DlkitError(
        'value',
        fn,
        `kwargs.${flag} must be a boolean, got ${describeValue(k[flag])}`,
        {
          argument: `kwargs.${flag}`,
        },
      );
    }
  }
  return { kwargs: k as Partial<T> & Record<string, unknown>, training };
}

/**
 * Checks the `training` argument of a notebook-style method.
 *
 * @param fn - The method the user called.
 * @param training - What was given (undefined means false).
 * @returns The flag.
 */
export function checkTraining(fn: string, training: unknown): boolean {
  if (training === undefined) return false;
  if (typeof training !== 'boolean') {
    throw new DlkitError(
      'value',
      fn,
      `training must be a boolean, got ${describeValue(training)}`,
      {
        argument: 'training',
      },
    );
  }
  return training;
}

/**
 * A layer's `inputs` as a list of exactly the named tensors (a single tensor counts as a list of one).
 *
 * @param fn - The method the user called.
 * @param inputs - What was given.
 * @param names - The inputs' names, e.g. `['x', 'encOutput']`; trailing names after `required` are optional.
 * @param required - How many must be given.
 * @returns The tensors (not yet checked for shape).
 */
export function inputList(
  fn: string,
  inputs: unknown,
  names: readonly string[],
  required = names.length,
): tf.Tensor[] {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length < required || list.length > names.length) {
    const expected = names.slice(0, required).join(', ');
    throw new DlkitError(
      'value',
      fn,
      `inputs must be the list [${names.join(', ')}]${required < names.length ? ` (at least [${expected}])` : ''}, got ${describeValue(inputs)}`,
      { argument: 'inputs' },
    );
  }
  return list as tf.Tensor[];
}
