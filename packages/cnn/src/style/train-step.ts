import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, assertNumber, assertOptions, describeValue } from '@dlkit/core';
import { checkActivationPair, checkOutputList } from './activations.js';
import { clip01 } from './clip-0-1.js';
import { contentCost } from './content-cost.js';
import { checkStyleLayers, styleCost } from './style-cost.js';
import { MOBILENET_STYLE_LAYERS, type StyleLayer } from './style-layers.js';
import { totalVariation } from './total-variation.js';

/**
 * What one step of the generation loop works with: the notebook's globals of `train_step`.
 *
 * @category C4 W4 · Neural style transfer
 */
export interface TrainStepContext {
  /** The style model (`styleModel`): the style layers' outputs, then the content layer's. */
  model: tf.LayersModel;
  /** `a_S`: the model's outputs for the style image, each `[1, nH, nW, nC]`. */
  aS: readonly tf.Tensor[];
  /** `a_C`: the model's outputs for the content image (its last is the content layer's). */
  aC: readonly tf.Tensor[];
  /** The optimiser that updates the image (the notebook's `Adam(learning_rate=0.01)`). */
  optimizer: tf.Optimizer;
  /** `[name, weight]` per style layer. Default `MOBILENET_STYLE_LAYERS`. */
  styleLayers?: readonly StyleLayer[];
  /** The content cost's weight. Default 10. */
  alpha?: number;
  /** The style cost's weight. Default 40. */
  beta?: number;
  /** The weight of `totalVariationLoss` of the image (not in the notebook). Default 0. */
  tvWeight?: number;
  /** The pixel range the model expects; the image's `[0, 1]` is mapped onto it. Default `[-1, 1]` (MobileNetV2's). */
  inputRange?: readonly [number, number];
}

/** A checked {@link TrainStepContext}, its defaults filled in. */
export interface CheckedContext {
  model: tf.LayersModel;
  aS: readonly tf.Tensor[];
  aC: readonly tf.Tensor[];
  optimizer: tf.Optimizer;
  weights: number[];
  alpha: number;
  beta: number;
  tvWeight: number;
  inputRange: readonly [number, number];
}

const CONTEXT_FIELDS = [
  'model',
  'aS',
  'aC',
  'optimizer',
  'styleLayers',
  'alpha',
  'beta',
  'tvWeight',
  'inputRange',
] as const;

/** Checks a model whose outputs are activations `[m, nH, nW, nC]`; returns how many it has. */
export function checkStyleModelArgument(fn: string, argument: string, model: unknown): number {
  if (!(model instanceof tf.LayersModel)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a tf.LayersModel (see styleModel), got ${describeValue(model)}`,
      { argument },
    );
  }
  model.outputs.forEach((o, i) => {
    if (o.shape.length !== 4) {
      throw new DlkitError(
        'shape',
        fn,
        `${argument}'s output ${i} must be activations [m, nH, nW, nC], got shape [${o.shape.join(', ')}]`,
        { argument },
      );
    }
  });
  return model.outputs.length;
}

/** Checks that the model takes images of `image`'s size (`[m, nH, nW, 3]` inputs). */
export function checkModelInput(
  fn: string,
  argument: string,
  model: tf.LayersModel,
  imageArgument: string,
  image: tf.Tensor,
): void {
  const input = model.inputs[0]?.shape ?? [];
  const [, nH, nW, nC] = image.shape;
  const fits =
    model.inputs.length === 1 &&
    input.length === 4 &&
    [nH, nW, nC].every((d, i) => input[i + 1] === null || input[i + 1] === d);
  if (!fits) {
    throw new DlkitError(
      'shape',
      fn,
      `${argument} must take one input [m, ${nH}, ${nW}, ${nC}] (the size of ${imageArgument}), got [${input.map((d) => d ?? 'null').join(', ')}]`,
      { argument },
    );
  }
}

/** Checks `inputRange`: two finite numbers, the first below the second. */
export function checkInputRange(fn: string, argument: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a [low, high] pair, got ${describeValue(value)}`,
      { argument },
    );
  }
  const low = assertNumber(fn, `${argument}[0]`, value[0]);
  const high = assertNumber(fn, `${argument}[1]`, value[1], { min: low, minExclusive: true });
  return [low, high];
}

/** The weights of a step: alpha, beta and tvWeight, checked (defaults 10, 40, 0). */
export function checkCostWeights(
  fn: string,
  prefix: string,
  o: { alpha?: number; beta?: number; tvWeight?: number },
): { alpha: number; beta: number; tvWeight: number } {
  return {
    alpha: assertNumber(fn, `${prefix}.alpha`, o.alpha ?? 10, { min: 0 }),
    beta: assertNumber(fn, `${prefix}.beta`, o.beta ?? 40, { min: 0 }),
    tvWeight: assertNumber(fn, `${prefix}.tvWeight`, o.tvWeight ?? 0, { min: 0 }),
  };
}

/** Checks the generated image: a live float32 variable `[1, nH, nW, 3]`. */
function checkGeneratedImage(fn: string, value: unknown): tf.Variable {
  if (!(value instanceof tf.Variable)) {
    throw new DlkitError(
      'value',
      fn,
      `generatedImage must be a tf.Variable (tf.variable(image)), got ${describeValue(value)}`,
      { argument: 'generatedImage' },
    );
  }
  new ShapeChecker(fn).checkFloat('generatedImage', value, [1, 'nH', 'nW', 3]);
  return value;
}

function checkContext(fn: string, context: TrainStepContext): CheckedContext {
  const o = assertOptions(fn, 'context', context, CONTEXT_FIELDS);
  const count = checkStyleModelArgument(fn, 'context.model', o.model);
  const aS = checkOutputList(fn, 'context.aS', o.aS);
  const aC = checkOutputList(fn, 'context.aC', o.aC);
  for (const [name, list] of [
    ['context.aS', aS],
    ['context.aC', aC],
  ] as const) {
    if (list.length !== count) {
      throw new DlkitError(
        'shape',
        fn,
        `${name} must hold one activation per output of context.model (${count}), got ${list.length}`,
        { argument: name },
      );
    }
  }
  if (!(o.optimizer instanceof tf.Optimizer)) {
    throw new DlkitError(
      'value',
      fn,
      `context.optimizer must be a tf.Optimizer (e.g. tf.train.adam(0.01)), got ${describeValue(o.optimizer)}`,
      { argument: 'context.optimizer' },
    );
  }
  return {
    model: o.model as tf.LayersModel,
    aS,
    aC,
    optimizer: o.optimizer,
    weights: checkStyleLayers(
      fn,
      'context.styleLayers',
      o.styleLayers ?? MOBILENET_STYLE_LAYERS,
      count - 1,
    ),
    ...checkCostWeights(fn, 'context', o),
    inputRange: checkInputRange(fn, 'context.inputRange', o.inputRange ?? [-1, 1]),
  };
}

/** Checks that the model's outputs for `image` have the shapes of `aS` and `aC`. */
function checkOutputShapes(fn: string, image: tf.Tensor, c: CheckedContext): void {
  tf.tidy(() => {
    const outputs = modelOutputs(c.model, image, c.inputRange);
    outputs.forEach((a, i) => {
      checkActivationPair(
        fn,
        [`context.aS[${i}]`, `the model's output ${i} for generatedImage`],
        c.aS[i],
        a,
      );
      checkActivationPair(
        fn,
        [`context.aC[${i}]`, `the model's output ${i} for generatedImage`],
        c.aC[i],
        a,
      );
    });
  });
}

/** The model's outputs for an image with pixels in `[0, 1]`, mapped onto `inputRange`. */
export function modelOutputs(
  model: tf.LayersModel,
  image: tf.Tensor,
  [low, high]: readonly [number, number],
): tf.Tensor[] {
  const x = tf.add(tf.mul(image, high - low), low);
  const y = model.apply(x, { training: false }) as tf.Tensor | tf.Tensor[];
  return Array.isArray(y) ? y : [y];
}

/**
 * One Adam step on the image and the clip to `[0, 1]`, for checked arguments. Returns
 * `[J, J_content, J_style, J_tv]` (a new tensor `[4]`; `J` includes `tvWeight * J_tv`).
 */
export function styleStep(image: tf.Variable, c: CheckedContext): tf.Tensor1D {
  let parts: tf.Tensor1D | undefined;
  const cost = c.optimizer.minimize(
    () => {
      const outputs = modelOutputs(c.model, image, c.inputRange);
      const jContent = contentCost(c.aC.at(-1)!, outputs.at(-1)!);
      const jStyle = styleCost(c.aS, outputs, c.weights);
      const jTv = c.tvWeight > 0 ? totalVariation(image as tf.Tensor4D) : tf.scalar(0);
      const J = tf.addN([
        tf.mul(c.alpha, jContent),
        tf.mul(c.beta, jStyle),
        tf.mul(c.tvWeight, jTv),
      ]);
      parts = tf.keep(tf.stack([J, jContent, jStyle, jTv]) as tf.Tensor1D);
      return J as tf.Scalar;
    },
    false,
    [image],
  );
  cost?.dispose();
  tf.tidy(() => image.assign(clip01(image)));
  return parts!;
}

/**
 * One step of the generation loop, the notebook's `train_step`: the cost
 * `J = alpha J_content + beta J_style` (plus `tvWeight` times the total variation, when
 * given) of the generated image, one optimiser step on the image's pixels (the model's weights do
 * not change), then `clip01` to keep pixels valid.
 *
 * @param generatedImage - The image being generated, a `tf.Variable` `[1, nH, nW, 3]` with pixels
 *   in `[0, 1]`; updated in place.
 * @param context - The model, `a_S`, `a_C`, the optimiser and the cost's weights (the
 *   notebook's globals).
 * @returns A new scalar tensor: `J` before the update.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { mobileNetV2, styleModel, trainStep } from '@dlkit/cnn';
 * const backbone = mobileNetV2({ inputShape: [32, 32, 3], includeTop: false, seed: 1 });
 * const model = styleModel(backbone, ['Conv1_relu', 'block_1_expand_relu']);
 * const content = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 1);
 * const style = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 2);
 * const aC = model.predict(content) as tf.Tensor[];
 * const aS = model.predict(style) as tf.Tensor[];
 * const generatedImage = tf.variable(content);
 * const optimizer = tf.train.adam(0.01);
 * const styleLayers = [['Conv1_relu', 1]] as const;
 * const context = { model, aS, aC, optimizer, styleLayers, inputRange: [0, 1] as const };
 * const J = trainStep(generatedImage, context);
 * console.log(J.dataSync()[0] > 0); // true
 * tf.dispose([J, content, style, generatedImage, ...aC, ...aS]);
 * optimizer.dispose();
 * backbone.dispose();
 * ```
 *
 * @category C4 W4 · Neural style transfer
 * @see the guide page `docs/cnn/style-transfer.md`
 */
export function trainStep(generatedImage: tf.Variable, context: TrainStepContext): tf.Scalar {
  const fn = 'trainStep';
  const image = checkGeneratedImage(fn, generatedImage);
  const c = checkContext(fn, context);
  checkModelInput(fn, 'context.model', c.model, 'generatedImage', image);
  checkOutputShapes(fn, image, c);
  const parts = styleStep(image, c);
  const J = tf.tidy(() => tf.reshape(tf.slice(parts, [0], [1]), []) as tf.Scalar);
  parts.dispose();
  return J;
}
