import * as tf from '@tensorflow/tfjs';
import { assertNumber, assertOneOf, assertOptions, DlkitError, describeValue } from '@dlkit/core';
import { correctPad, makeDivisible } from './keras-rules.js';
import { batchNorm, conv, depthwise, KernelSeeds, padFor3x3, relu6 } from './layer-factory.js';

/**
 * Options of {@link invertedResidualBlock}.
 *
 * @category C4 W2 · MobileNetV2
 */
export interface InvertedResidualBlockOptions {
  /** The expansion factor `t`: the 1×1 expand convolution makes `t · nCPrev` channels (1 for block 0). */
  expansion: number;
  /** The projection's channels before the width multiplier (16, 24, 32, 64, 96, 160, 320 in MobileNetV2). */
  filters: number;
  /** The depthwise convolution's stride, 1 or 2. */
  stride: 1 | 2;
  /** The width multiplier `α`: the projection has `makeDivisible(filters · α, 8)` channels. Default 1. */
  alpha?: number;
  /** The block's number in the network, which names its layers `block_<blockId>_…` (0: `expanded_conv_…`, no expansion layer). */
  blockId: number;
  /** Seed of the block's first kernel (the next ones take `seed + 1`, …). Default: unseeded. */
  seed?: number;
}

const FN = 'invertedResidualBlock';

function checkInput(x: unknown): tf.SymbolicTensor {
  const shape = x instanceof tf.SymbolicTensor ? x.shape : undefined;
  const ok =
    shape !== undefined &&
    shape.length === 4 &&
    shape.slice(1).every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1);
  if (!ok) {
    throw new DlkitError(
      shape === undefined ? 'value' : 'shape',
      FN,
      `x must be a symbolic tensor of shape [m, nH, nW, nC] with known nH, nW, nC (tf.input or a layer's output), got ${
        shape === undefined ? describeValue(x) : `shape [${shape.join(', ')}]`
      }`,
      { argument: 'x' },
    );
  }
  return x as tf.SymbolicTensor;
}

function checkOptions(
  options: InvertedResidualBlockOptions,
): Required<Omit<InvertedResidualBlockOptions, 'seed'>> & { seed: number | undefined } {
  assertOptions(FN, 'options', options, [
    'expansion',
    'filters',
    'stride',
    'alpha',
    'blockId',
    'seed',
  ]);
  if (options === undefined) {
    throw new DlkitError(
      'value',
      FN,
      'options must be given ({ expansion, filters, stride, blockId })',
      {
        argument: 'options',
      },
    );
  }
  return {
    expansion: assertNumber(FN, 'options.expansion', options.expansion, {
      integer: true,
      min: 1,
      max: 64,
    }),
    filters: assertNumber(FN, 'options.filters', options.filters, {
      integer: true,
      min: 1,
      max: 16384,
    }),
    stride: assertOneOf(FN, 'options.stride', options.stride, [1, 2] as const),
    alpha: assertNumber(FN, 'options.alpha', options.alpha ?? 1, {
      min: 0,
      minExclusive: true,
      max: 4,
    }),
    blockId: assertNumber(FN, 'options.blockId', options.blockId, {
      integer: true,
      min: 0,
      max: 1000,
    }),
    seed:
      options.seed === undefined
        ? undefined
        : assertNumber(FN, 'options.seed', options.seed, {
            integer: true,
            min: 0,
            max: 2 ** 31 - 1,
          }),
  };
}

/**
 * MobileNetV2's inverted residual ("bottleneck") block, Keras's `_inverted_res_block`: a 1×1
 * convolution expands `nCPrev` channels to `t · nCPrev`, a 3×3 depthwise convolution filters each
 * channel (stride 1 or 2), and a linear 1×1 convolution projects down to
 * `makeDivisible(filters · α, 8)` channels; each convolution is followed by batch normalization,
 * the first two by ReLU6. When the stride is 1 and the channels agree, the input is added back
 * (`block_N_add`). Layers are named as Keras names them (`block_N_expand`, `block_N_expand_BN`,
 * `block_N_expand_relu`, `block_N_pad`, `block_N_depthwise`, …, `block_N_project_BN`), so
 * Keras MobileNetV2 weights load by layer name.
 *
 * @param x - The block's input, a symbolic tensor `[m, nH, nW, nCPrev]` (from `tf.input` or a layer).
 * @param options - Expansion `t`, filters, stride, width multiplier `α`, block number, seed.
 * @returns The block's output, a symbolic tensor `[m, nH / stride, nW / stride, makeDivisible(filters · α, 8)]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { invertedResidualBlock } from '@dlkit/cnn';
 * const input = tf.input({ shape: [16, 16, 24] });
 * const y = invertedResidualBlock(input, { expansion: 6, filters: 24, stride: 1, blockId: 2, seed: 1 });
 * const model = tf.model({ inputs: input, outputs: y });
 * console.log(y.shape, model.countParams()); // [null, 16, 16, 24] 9456
 * model.dispose();
 * ```
 *
 * @category C4 W2 · MobileNetV2
 */
export function invertedResidualBlock(
  x: tf.SymbolicTensor,
  options: InvertedResidualBlockOptions,
): tf.SymbolicTensor {
  const input = checkInput(x);
  const o = checkOptions(options);
  return buildBlock(input, o, new KernelSeeds(o.seed));
}

/** The block, for a checked input and options, drawing kernel seeds from `seeds`. */
export function buildBlock(
  input: tf.SymbolicTensor,
  o: { expansion: number; filters: number; stride: 1 | 2; alpha: number; blockId: number },
  seeds: KernelSeeds,
): tf.SymbolicTensor {
  const [, nH, nW, inChannels] = input.shape as [null, number, number, number];
  const outChannels = makeDivisible(Math.floor(o.filters * o.alpha), 8);
  const prefix = o.blockId === 0 ? 'expanded_conv_' : `block_${o.blockId}_`;
  let y = input;
  if (o.blockId !== 0) {
    y = conv(y, `${prefix}expand`, o.expansion * inChannels, 1, 1, seeds);
    y = relu6(batchNorm(y, `${prefix}expand_BN`), `${prefix}expand_relu`);
  }
  if (o.stride === 2) y = padFor3x3(y, `${prefix}pad`, correctPad(nH, nW));
  y = depthwise(y, `${prefix}depthwise`, o.stride, seeds);
  y = relu6(batchNorm(y, `${prefix}depthwise_BN`), `${prefix}depthwise_relu`);
  y = conv(y, `${prefix}project`, outChannels, 1, 1, seeds);
  y = batchNorm(y, `${prefix}project_BN`);
  if (o.stride === 1 && inChannels === outChannels) {
    return tf.layers.add({ name: `${prefix}add` }).apply([input, y]) as tf.SymbolicTensor;
  }
  return y;
}
