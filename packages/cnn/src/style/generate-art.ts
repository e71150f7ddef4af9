import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  MAX_ITERATIONS,
  RandomState,
  ShapeChecker,
  asCallerAsync,
  assertNumber,
  assertOptions,
  describeValue,
} from '@dlkit/core';
import { clip01 } from './clip-0-1.js';
import { checkStyleLayers } from './style-cost.js';
import { MOBILENET_STYLE_LAYERS, type StyleLayer } from './style-layers.js';
import {
  checkCostWeights,
  checkInputRange,
  checkModelInput,
  checkStyleModelArgument,
  modelOutputs,
  styleStep,
  type CheckedContext,
} from './train-step.js';

const FN = 'generateArt';

/**
 * The costs of one step of `generateArt`, before that step's update.
 *
 * @category C4 W4 · Neural style transfer
 */
export interface ArtStep {
  /** The step, 1-based. */
  step: number;
  /** How many steps the run takes. */
  steps: number;
  /** The total cost `alpha * J_content + beta * J_style + tvWeight * J_tv`. */
  J: number;
  /** The content cost. */
  JContent: number;
  /** The style cost. */
  JStyle: number;
  /** The total variation of the image (0 when `tvWeight` is 0: not computed). */
  JTv: number;
}

/**
 * Options of `generateArt`.
 *
 * @category C4 W4 · Neural style transfer
 */
export interface GenerateArtOptions {
  /** `[name, weight]` per style layer (one per output of the model but the last). Default `MOBILENET_STYLE_LAYERS`. */
  styleLayers?: readonly StyleLayer[];
  /** Optimiser steps. Default 100. */
  steps?: number;
  /** Adam's learning rate on the pixels. Default 0.01, as in the notebook. */
  learningRate?: number;
  /** The content cost's weight. Default 10. */
  alpha?: number;
  /** The style cost's weight. Default 40. */
  beta?: number;
  /** The weight of the total-variation loss (not in the notebook). Default 0. */
  tvWeight?: number;
  /** The start is the content image plus uniform noise in `[-noise, noise]`, clipped. Default 0.25, as in the notebook. */
  noise?: number;
  /** The noise's seed (`new RandomState(seed)`). Default 1. */
  seed?: number;
  /** The pixel range the model expects; `[0, 1]` is mapped onto it. Default `[-1, 1]` (MobileNetV2's). */
  inputRange?: readonly [number, number];
  /** Called after every step with its costs (e.g. to print them every N steps). */
  onStep?: (costs: ArtStep) => void;
}

/**
 * What `generateArt` returns.
 *
 * @category C4 W4 · Neural style transfer
 */
export interface GenerateArtResult {
  /** The generated image `[1, nH, nW, 3]`, pixels in `[0, 1]`; the caller disposes it. */
  generatedImage: tf.Tensor4D;
  /** The costs of every step. */
  costs: ArtStep[];
}

interface Settings {
  context: CheckedContext;
  steps: number;
  learningRate: number;
  noise: number;
  seed: number;
  onStep: ((costs: ArtStep) => void) | undefined;
}

function checkImages(contentImage: unknown, styleImage: unknown): void {
  new ShapeChecker(FN)
    .checkFloat('contentImage', contentImage as tf.Tensor, [1, 'nH', 'nW', 3], { finite: true })
    .checkFloat('styleImage', styleImage as tf.Tensor, [1, 'nH', 'nW', 3], { finite: true });
}

function checkSettings(
  model: unknown,
  options: GenerateArtOptions,
): Omit<Settings, 'context'> & {
  partial: Omit<CheckedContext, 'aS' | 'aC' | 'optimizer'>;
} {
  const o = assertOptions(FN, 'options', options, [
    'styleLayers',
    'steps',
    'learningRate',
    'alpha',
    'beta',
    'tvWeight',
    'noise',
    'seed',
    'inputRange',
    'onStep',
  ]);
  const count = checkStyleModelArgument(FN, 'model', model);
  if (o.onStep !== undefined && typeof o.onStep !== 'function') {
    throw new DlkitError(
      'value',
      FN,
      `options.onStep must be a function, got ${describeValue(o.onStep)}`,
      { argument: 'options.onStep' },
    );
  }
  return {
    partial: {
      model: model as tf.LayersModel,
      weights: checkStyleLayers(
        FN,
        'options.styleLayers',
        o.styleLayers ?? MOBILENET_STYLE_LAYERS,
        count - 1,
      ),
      ...checkCostWeights(FN, 'options', o),
      inputRange: checkInputRange(FN, 'options.inputRange', o.inputRange ?? [-1, 1]),
    },
    steps: assertNumber(FN, 'options.steps', o.steps ?? 100, {
      integer: true,
      min: 1,
      max: MAX_ITERATIONS,
    }),
    learningRate: assertNumber(FN, 'options.learningRate', o.learningRate ?? 0.01, {
      min: 0,
      minExclusive: true,
    }),
    noise: assertNumber(FN, 'options.noise', o.noise ?? 0.25, { min: 0, max: 1 }),
    seed: assertNumber(FN, 'options.seed', o.seed ?? 1, {
      integer: true,
      min: 0,
      max: 2 ** 32 - 1,
    }),
    onStep: o.onStep,
  };
}

/** The notebook's start: the content image plus seeded uniform noise, clipped to `[0, 1]`. */
function noisyStart(contentImage: tf.Tensor, noise: number, seed: number): tf.Variable {
  const start = tf.tidy(() => {
    const u = new RandomState(seed).uniform(-noise, noise, contentImage.shape);
    return clip01(tf.add(contentImage, u));
  });
  const image = tf.variable(start, true);
  start.dispose();
  return image;
}

async function loop(contentImage: tf.Tensor, s: Settings): Promise<GenerateArtResult> {
  const image = noisyStart(contentImage, s.noise, s.seed);
  const costs: ArtStep[] = [];
  try {
    for (let step = 1; step <= s.steps; step++) {
      const parts = styleStep(image, s.context);
      const [J, JContent, JStyle, JTv] = Array.from(await parts.data());
      parts.dispose();
      const entry = {
        step,
        steps: s.steps,
        J: J!,
        JContent: JContent!,
        JStyle: JStyle!,
        JTv: JTv!,
      };
      costs.push(entry);
      s.onStep?.(entry);
    }
    return { generatedImage: tf.clone(image) as tf.Tensor4D, costs };
  } finally {
    image.dispose();
  }
}

/**
 * Neural style transfer, the notebook's generation loop: starting from the content image plus
 * noise, Adam (learning rate 0.01) changes the pixels of a generated image `G` to lower
 * `J = alpha J_content + beta J_style` (plus `tvWeight` times its total
 * variation), clipping pixels to `[0, 1]` after each step (`trainStep`). The model's weights do
 * not change. Every step's tensors are disposed; the activations of the content and style images
 * (`a_C`, `a_S`) are computed once.
 *
 * @param contentImage - The content image `C`, `[1, nH, nW, 3]`, float32 pixels in `[0, 1]`.
 * @param styleImage - The style image `S`, the same shape.
 * @param model - A style model (`styleModel`): the style layers' outputs, then the content layer's.
 * @param options - Style layers and weights, steps, learning rate, `alpha`, `beta`, `tvWeight`,
 *   noise and its seed, the model's pixel range, and an `onStep` progress callback.
 * @returns The generated image (a new tensor `[1, nH, nW, 3]` the caller disposes) and every step's costs.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { generateArt, mobileNetV2, styleModel } from '@dlkit/cnn';
 * const backbone = mobileNetV2({ inputShape: [32, 32, 3], includeTop: false, seed: 1 });
 * const model = styleModel(backbone, ['Conv1_relu', 'block_1_expand_relu']);
 * const content = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 1);
 * const style = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 2);
 * const { generatedImage, costs } = await generateArt(content, style, model, {
 *   styleLayers: [['Conv1_relu', 1]],
 *   steps: 2,
 * });
 * console.log(generatedImage.shape, costs.length); // [1, 32, 32, 3] 2
 * tf.dispose([content, style, generatedImage]);
 * backbone.dispose();
 * ```
 *
 * @category C4 W4 · Neural style transfer
 * @see the guide page `docs/cnn/style-transfer.md`
 */
export async function generateArt(
  contentImage: tf.Tensor4D,
  styleImage: tf.Tensor4D,
  model: tf.LayersModel,
  options: GenerateArtOptions = {},
): Promise<GenerateArtResult> {
  checkImages(contentImage, styleImage);
  const { partial, ...rest } = checkSettings(model, options);
  checkModelInput(FN, 'model', partial.model, 'contentImage', contentImage);
  return asCallerAsync(FN, async () => {
    const aC = tf.tidy(() => modelOutputs(partial.model, contentImage, partial.inputRange));
    const aS = tf.tidy(() => modelOutputs(partial.model, styleImage, partial.inputRange));
    const optimizer = tf.train.adam(rest.learningRate);
    try {
      return await loop(contentImage, { ...rest, context: { ...partial, aC, aS, optimizer } });
    } finally {
      optimizer.dispose();
      tf.dispose([...aC, ...aS]);
    }
  });
}
