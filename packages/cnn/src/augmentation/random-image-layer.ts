// What the five augmentation layers share: Keras's layer arguments and seed, input checks, the
// identity outside training, and a seeded generator that draws one value per image per call.
import * as tf from '@tensorflow/tfjs';
import {
  assertNumber,
  assertOneOf,
  assertOptions,
  assertTensor,
  DlkitError,
  describeValue,
  RandomState,
} from '@dlkit/core';

/**
 * The arguments every augmentation layer takes: its seed and tfjs's usual layer arguments.
 *
 * @category C4 W2 · Data augmentation
 */
export interface RandomLayerArgs {
  /** Seed of the layer's generator: the same seed draws the same transformations. Default: drawn from `Math.random`. */
  seed?: number;
  /** The layer's name. */
  name?: string;
  /** The input shape `[nH, nW, nC]` when the layer is a model's first. */
  inputShape?: tf.Shape;
  /** The input shape with the batch, `[m, nH, nW, nC]`. */
  batchInputShape?: tf.Shape;
  /** The batch size that goes with `inputShape`. */
  batchSize?: number;
  /** Whether the layer's (absent) weights train. */
  trainable?: boolean;
  /** The input dtype. */
  dtype?: tf.DataType;
}

/** How pixels outside the image are filled (Keras's `fill_mode`). */
export type FillMode = 'reflect' | 'wrap' | 'constant' | 'nearest';
/** How pixels between input pixels are read (Keras's `interpolation`). */
export type Interpolation = 'bilinear' | 'nearest';

const LAYER_KEYS = [
  'seed',
  'name',
  'inputShape',
  'batchInputShape',
  'batchSize',
  'trainable',
  'dtype',
] as const;

/** Checks an augmentation layer's arguments: only `known` and tfjs's layer fields, a valid seed. */
export function checkLayerArgs<T extends RandomLayerArgs>(
  fn: string,
  args: T | undefined,
  known: readonly string[],
): T {
  const a = assertOptions(fn, 'args', args, [...LAYER_KEYS, ...known] as (keyof T & string)[]) as T;
  if (a.seed !== undefined)
    assertNumber(fn, 'args.seed', a.seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  checkTfLayerArgs(fn, a);
  if (a.name !== undefined && typeof a.name !== 'string') {
    throw new DlkitError('value', fn, `args.name must be a string, got ${describeValue(a.name)}`, {
      argument: 'args.name',
    });
  }
  if (a.trainable !== undefined && typeof a.trainable !== 'boolean') {
    throw new DlkitError(
      'value',
      fn,
      `args.trainable must be a boolean, got ${describeValue(a.trainable)}`,
      {
        argument: 'args.trainable',
      },
    );
  }
  return a;
}

/** The tfjs part of the arguments, for `tf.layers.Layer`'s constructor. */
export function layerArgsOf(args: RandomLayerArgs): tf.serialization.ConfigDict {
  const out: tf.serialization.ConfigDict = {};
  for (const key of [
    'name',
    'inputShape',
    'batchInputShape',
    'batchSize',
    'trainable',
    'dtype',
  ] as const) {
    if (args[key] !== undefined) out[key] = args[key] as tf.serialization.ConfigDictValue;
  }
  return out;
}

/**
 * A Keras factor: a number `f` for `[-f, f]` (or `[f, f]` when `symmetric` is false) or a pair
 * `[lower, upper]` with `lower <= upper`, all within `[min, max]`.
 */
export function checkFactor(
  fn: string,
  argument: string,
  value: unknown,
  bounds: { min: number; max: number; symmetric: boolean },
): [number, number] {
  const pair: unknown[] | undefined = Array.isArray(value)
    ? value
    : typeof value === 'number'
      ? undefined
      : [];
  if (pair === undefined) {
    const f = assertNumber(fn, argument, value, {
      min: bounds.symmetric ? 0 : bounds.min,
      max: bounds.max,
    });
    return bounds.symmetric ? [-f, f] : [f, f];
  }
  if (pair.length !== 2) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a number or a pair [lower, upper], got ${describeValue(value)}`,
      {
        argument,
      },
    );
  }
  const lower = assertNumber(fn, `${argument}[0]`, pair[0], bounds);
  const upper = assertNumber(fn, `${argument}[1]`, pair[1], { ...bounds, min: lower });
  return [lower, upper];
}

/** Checks `fillMode`, `interpolation` and `fillValue` (Keras's defaults: reflect, bilinear, 0). */
export function checkFill(
  fn: string,
  args: { fillMode?: FillMode; interpolation?: Interpolation; fillValue?: number },
): { fillMode: FillMode; interpolation: Interpolation; fillValue: number } {
  return {
    fillMode: assertOneOf(fn, 'args.fillMode', args.fillMode ?? 'reflect', [
      'reflect',
      'wrap',
      'constant',
      'nearest',
    ] as const),
    interpolation: assertOneOf(fn, 'args.interpolation', args.interpolation ?? 'bilinear', [
      'bilinear',
      'nearest',
    ] as const),
    fillValue: assertNumber(fn, 'args.fillValue', args.fillValue ?? 0),
  };
}

/** Checks a batch of images `[m, nH, nW, nC]` for `fn` (what `augment` receives). */
export function checkImages(fn: string, images: unknown): tf.Tensor4D {
  assertTensor(fn, 'images', images);
  const t = images as tf.Tensor;
  if (t.rank !== 4) {
    throw new DlkitError(
      'shape',
      fn,
      `images must have shape [m, nH, nW, nC], got [${t.shape.join(', ')}]`,
      {
        argument: 'images',
      },
    );
  }
  return t as tf.Tensor4D;
}

const SHAPE_FIELDS = ['inputShape', 'batchInputShape'] as const;

function checkTfLayerArgs(fn: string, a: RandomLayerArgs): void {
  for (const key of SHAPE_FIELDS) {
    const v = a[key];
    const ok =
      v === undefined ||
      (Array.isArray(v) &&
        v.length <= 8 &&
        v.every((d) => d === null || (Number.isInteger(d) && d >= 1 && d <= 1e6)));
    if (!ok) {
      throw new DlkitError(
        'value',
        fn,
        `args.${key} must be an array of sizes (or null), got ${describeValue(v)}`,
        {
          argument: `args.${key}`,
        },
      );
    }
  }
  if (a.batchSize !== undefined)
    assertNumber(fn, 'args.batchSize', a.batchSize, { integer: true, min: 1, max: 1e6 });
  if (a.dtype !== undefined) assertOneOf(fn, 'args.dtype', a.dtype, ['float32', 'int32'] as const);
}

/**
 * The base of the augmentation layers: identity unless `training` is true, then
 * {@link RandomImageLayer.augment} on a float32 batch `[m, nH, nW, nC]` (an image `[nH, nW, nC]`
 * is treated as a batch of one). Not exported: each subclass is.
 */
export abstract class RandomImageLayer extends tf.layers.Layer {
  /** The seed the layer's generator started from. */
  readonly seed: number;
  /** The layer's generator: one draw per image per call, in batch order. */
  protected readonly rng: RandomState;

  protected constructor(args: RandomLayerArgs) {
    super(layerArgsOf(args));
    this.seed = args.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.rng = new RandomState(this.seed);
  }

  /**
   * Rebuilds a layer from {@link RandomImageLayer.getConfig}'s output (tfjs's loaders call it).
   *
   * @param cls - The layer class.
   * @param config - The saved configuration.
   * @returns The layer.
   */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const { customObjects: _ignored, ...args } = config;
    return new cls(args);
  }

  /** The layer's public name in messages (its class name without the `Dlkit` prefix). */
  protected abstract get fnName(): string;

  /** Transforms a float32 batch `[m, nH, nW, nC]`; runs inside a `tf.tidy`. */
  protected abstract augment(images: tf.Tensor4D): tf.Tensor4D;

  /** Its own configuration fields, for {@link RandomImageLayer.getConfig}. */
  protected abstract ownConfig(): tf.serialization.ConfigDict;

  /**
   * Augments a batch of images when training; otherwise returns them unchanged (as float32).
   *
   * @param inputs - Images `[m, nH, nW, nC]` or one image `[nH, nW, nC]` (or a list of one).
   * @param kwargs - `training`: whether the model is training (`model.fit` sets it).
   * @returns The images, same shape, float32; a new tensor the caller owns.
   */
  override call(
    inputs: tf.Tensor | tf.Tensor[],
    kwargs: tf.serialization.ConfigDict = {},
  ): tf.Tensor {
    const fn = `${this.fnName}.call`;
    const x = Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs;
    assertTensor(fn, 'inputs', x, { dtypes: ['float32', 'int32'] });
    const images = x as tf.Tensor;
    if (images.rank !== 3 && images.rank !== 4) {
      throw new DlkitError(
        'shape',
        fn,
        `inputs must have shape [m, nH, nW, nC] or [nH, nW, nC], got [${images.shape.join(', ')}]`,
        {
          argument: 'inputs',
        },
      );
    }
    if (kwargs === null || typeof kwargs !== 'object') {
      throw new DlkitError('value', fn, `kwargs must be an object, got ${describeValue(kwargs)}`, {
        argument: 'kwargs',
      });
    }
    if (kwargs['training'] !== true) return tf.cast(images, 'float32');
    return tf.tidy(() => {
      const batch = (
        images.rank === 3 ? tf.expandDims(images, 0) : images
      ).toFloat() as tf.Tensor4D;
      const out = this.augment(batch);
      return images.rank === 3 ? tf.squeeze(out, [0]) : out;
    });
  }

  /**
   * The output shape: the input's.
   *
   * @param inputShape - `[m, nH, nW, nC]` or `[nH, nW, nC]`.
   * @returns The same shape.
   */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  /**
   * The layer's configuration, from which `fromConfig` rebuilds it (used by `model.save`).
   *
   * @returns Keras's arguments (camelCase) with the seed and tfjs's layer fields.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return { ...this.ownConfig(), seed: this.seed, ...super.getConfig() };
  }

  /** `m` uniform draws in `[low, high)` from the layer's generator. */
  protected draw(m: number, low: number, high: number): Float64Array {
    return this.rng.uniformArray(low, high, m);
  }
}

/**
 * Applies `tf.image.transform` with one projective matrix per image (`[m, 8]`, Keras's layout).
 * One image per call: tfjs 4.22's `cpu` Transform kernel returns after the first image of a
 * batch (the rest stay at the fill value), so batches are split.
 */
export function transformImages(
  images: tf.Tensor4D,
  matrices: number[][],
  fill: { fillMode: FillMode; interpolation: Interpolation; fillValue: number },
): tf.Tensor4D {
  const singles = tf.split(images, images.shape[0], 0) as tf.Tensor4D[];
  const out = singles.map((image, i) =>
    tf.image.transform(
      image,
      tf.tensor2d([matrices[i] as number[]], [1, 8], 'float32'),
      fill.interpolation,
      fill.fillMode,
      fill.fillValue,
    ),
  );
  return tf.concat(out, 0);
}
