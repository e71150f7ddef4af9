import * as tf from '@tensorflow/tfjs';
import { assertNumber, assertOptions, DlkitError, describeValue } from '@dlkit/core';
import { buildBlock } from './inverted-residual-block.js';
import { correctPad, makeDivisible } from './keras-rules.js';
import { batchNorm, conv, KernelSeeds, padFor3x3, relu6 } from './layer-factory.js';

/**
 * Options of {@link mobileNetV2}, Keras's `MobileNetV2(input_shape, alpha, include_top, classes)`.
 *
 * @category C4 W2 · MobileNetV2
 */
export interface MobileNetV2Options {
  /** The image shape `[nH, nW, nC]`, each side at least 32. Default `[224, 224, 3]`. */
  inputShape?: [number, number, number];
  /** The width multiplier `α` (Keras's `alpha`): every layer's channels times `α`, rounded to multiples of 8. Default 1. */
  alpha?: number;
  /** Whether to end with global average pooling and a softmax `Dense(classes)` named `Logits`. Default `true`. */
  includeTop?: boolean;
  /** The classes of the top layer. Default 1000 (ImageNet). */
  classes?: number;
  /** Seed of the first kernel; kernel `k` in layer order takes `seed + k`. Default: unseeded. */
  seed?: number;
}

/** The 17 inverted residual blocks of MobileNetV2: `[expansion, filters, stride]`, Keras's order. */
const BLOCKS: readonly (readonly [number, number, 1 | 2])[] = [
  [1, 16, 1],
  [6, 24, 2],
  [6, 24, 1],
  [6, 32, 2],
  [6, 32, 1],
  [6, 32, 1],
  [6, 64, 2],
  [6, 64, 1],
  [6, 64, 1],
  [6, 64, 1],
  [6, 96, 1],
  [6, 96, 1],
  [6, 96, 1],
  [6, 160, 2],
  [6, 160, 1],
  [6, 160, 1],
  [6, 320, 1],
];

const FN = 'mobileNetV2';

function checkInputShape(fn: string, value: unknown): [number, number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 3 &&
    value.every(
      (d, i) =>
        typeof d === 'number' &&
        Number.isInteger(d) &&
        d >= (i < 2 ? 32 : 1) &&
        d <= (i < 2 ? 2048 : 64),
    );
  if (!ok) {
    throw new DlkitError(
      'value',
      fn,
      `options.inputShape must be [nH, nW, nC] with 32 <= nH, nW <= 2048 and 1 <= nC <= 64, got ${describeValue(value)}`,
      { argument: 'options.inputShape' },
    );
  }
  return value as [number, number, number];
}

/** The checked options of {@link mobileNetV2}, every default filled in. */
export interface CheckedMobileNetV2Options {
  inputShape: [number, number, number];
  alpha: number;
  includeTop: boolean;
  classes: number;
  seed: number | undefined;
}

/** Checks {@link mobileNetV2}'s options for `fn` and fills in the defaults. */
export function checkMobileNetV2Options(
  fn: string,
  options: MobileNetV2Options | undefined,
): CheckedMobileNetV2Options {
  const o = assertOptions(fn, 'options', options, [
    'inputShape',
    'alpha',
    'includeTop',
    'classes',
    'seed',
  ]);
  if (o.includeTop !== undefined && typeof o.includeTop !== 'boolean') {
    throw new DlkitError(
      'value',
      fn,
      `options.includeTop must be a boolean, got ${describeValue(o.includeTop)}`,
      {
        argument: 'options.includeTop',
      },
    );
  }
  return {
    inputShape: o.inputShape === undefined ? [224, 224, 3] : checkInputShape(fn, o.inputShape),
    alpha: assertNumber(fn, 'options.alpha', o.alpha ?? 1, { min: 0, minExclusive: true, max: 4 }),
    includeTop: o.includeTop ?? true,
    classes: assertNumber(fn, 'options.classes', o.classes ?? 1000, {
      integer: true,
      min: 1,
      max: 100_000,
    }),
    seed:
      o.seed === undefined
        ? undefined
        : assertNumber(fn, 'options.seed', o.seed, { integer: true, min: 0, max: 2 ** 31 - 1 }),
  };
}

/** Builds the network for checked options. */
export function buildMobileNetV2(o: CheckedMobileNetV2Options): tf.LayersModel {
  const seeds = new KernelSeeds(o.seed);
  const [nH, nW] = o.inputShape;
  const input = tf.input({ shape: o.inputShape, name: 'input_1' });
  let x = padFor3x3(input, 'Conv1_pad', correctPad(nH, nW));
  x = conv(x, 'Conv1', makeDivisible(32 * o.alpha, 8), 3, 2, seeds);
  x = relu6(batchNorm(x, 'bn_Conv1'), 'Conv1_relu');
  BLOCKS.forEach(([expansion, filters, stride], blockId) => {
    x = buildBlock(x, { expansion, filters, stride, alpha: o.alpha, blockId }, seeds);
  });
  const lastFilters = o.alpha > 1 ? makeDivisible(1280 * o.alpha, 8) : 1280;
  x = conv(x, 'Conv_1', lastFilters, 1, 1, seeds);
  x = relu6(batchNorm(x, 'Conv_1_bn'), 'out_relu');
  if (o.includeTop) {
    x = tf.layers
      .globalAveragePooling2d({ name: 'global_average_pooling2d' })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .dense({
        name: 'Logits',
        units: o.classes,
        activation: 'softmax',
        kernelInitializer: seeds.next(),
      })
      .apply(x) as tf.SymbolicTensor;
  }
  return tf.model({ inputs: input, outputs: x, name: `mobilenetv2_${o.alpha.toFixed(2)}_${nH}` });
}

/**
 * MobileNetV2 (Sandler et al. 2018), built as Keras's `keras.applications.MobileNetV2` builds it:
 * a stride-2 3×3 convolution to `32α` channels, 17 inverted residual blocks, a 1×1 convolution to
 * 1280 channels ending at the layer `out_relu`, and with `includeTop` global average pooling and
 * a softmax `Dense(classes)`. Layer names are Keras's, so Keras MobileNetV2 weights load by name
 * (see {@link loadPretrainedMobileNetV2}). At 224×224×3, `α = 1` with the top it has Keras's
 * 3,538,984 parameters; without the top, 2,257,984. Weights are freshly initialized (Glorot uniform).
 *
 * @param options - Input shape `[nH, nW, nC]`, width multiplier `α`, top or not, classes, seed.
 * @returns An uncompiled `tf.LayersModel` from images `[m, nH, nW, nC]` (scaled to `[-1, 1]` as
 * Keras's `preprocess_input` does) to class probabilities `[m, classes]`, or without the top to
 * features `[m, ⌈nH/32⌉, ⌈nW/32⌉, 1280]`. The caller disposes it.
 *
 * @example
 * ```ts
 * import { mobileNetV2 } from '@dlkit/cnn';
 * const model = mobileNetV2({ inputShape: [96, 96, 3], alpha: 0.35, includeTop: false, seed: 1 });
 * console.log(model.name, model.outputs[0]!.shape, model.countParams()); // mobilenetv2_0.35_96 [null, 3, 3, 1280] 410208
 * model.dispose();
 * ```
 *
 * @category C4 W2 · MobileNetV2
 */
export function mobileNetV2(options: MobileNetV2Options = {}): tf.LayersModel {
  return buildMobileNetV2(checkMobileNetV2Options(FN, options));
}
