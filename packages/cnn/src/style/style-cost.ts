import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber, assertString, describeValue } from '@dlkit/core';
import { checkActivationPair, checkOutputList } from './activations.js';
import { layerStyleCost } from './layer-style-cost.js';
import { MOBILENET_STYLE_LAYERS, type StyleLayer } from './style-layers.js';

const FN = 'computeStyleCost';

/**
 * The style cost over several layers, the notebook's `compute_style_cost`:
 * `J_style = sum_l weight_l * J_style_layer(l)`, with the weights
 * of `STYLE_LAYERS`. The model's last output is the content layer and is left out, as in the
 * notebook (`style_image_output[:-1]`).
 *
 * @param styleImageOutput - The model's outputs for the style image: one `[1, nH, nW, nC]` per
 *   style layer, then the content layer's.
 * @param generatedImageOutput - The model's outputs for the generated image, the same shapes.
 * @param STYLE_LAYERS - `[name, weight]` per style layer, in the outputs' order (one fewer than
 *   the outputs). Default `MOBILENET_STYLE_LAYERS`.
 * @returns A new scalar tensor, `J_style`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { computeStyleCost } from '@dlkit/cnn';
 * const style = [tf.ones([1, 2, 2, 1]), tf.ones([1, 1, 1, 2])];
 * const generated = [tf.zeros([1, 2, 2, 1]), tf.zeros([1, 1, 1, 2])];
 * const J = computeStyleCost(style, generated, [['conv', 2]]);
 * console.log(J.dataSync()[0]); // 0.5: 2 * computeLayerStyleCost of the first pair
 * tf.dispose([...style, ...generated, J]);
 * ```
 *
 * @category C4 W4 · Neural style transfer
 * @see the guide page `docs/cnn/style-transfer.md`
 */
export function computeStyleCost(
  styleImageOutput: readonly tf.Tensor[],
  generatedImageOutput: readonly tf.Tensor[],
  STYLE_LAYERS: readonly StyleLayer[] = MOBILENET_STYLE_LAYERS,
): tf.Scalar {
  const aS = checkOutputList(FN, 'styleImageOutput', styleImageOutput);
  const aG = checkOutputList(FN, 'generatedImageOutput', generatedImageOutput);
  if (aG.length !== aS.length) {
    throw new DlkitError(
      'shape',
      FN,
      `generatedImageOutput must hold as many activations as styleImageOutput (${aS.length}), got ${aG.length}`,
      { argument: 'generatedImageOutput' },
    );
  }
  aS.forEach((a, i) =>
    checkActivationPair(FN, [`styleImageOutput[${i}]`, `generatedImageOutput[${i}]`], a, aG[i]),
  );
  const weights = checkStyleLayers(FN, 'STYLE_LAYERS', STYLE_LAYERS, aS.length - 1);
  return styleCost(aS, aG, weights);
}

/**
 * Checks `STYLE_LAYERS`: an array of `[name, weight]` pairs, weights finite and at least 0, one per
 * style output. Returns the weights.
 */
export function checkStyleLayers(
  fn: string,
  argument: string,
  value: unknown,
  count: number,
): number[] {
  if (!Array.isArray(value) || value.length !== count) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array of ${count} [name, weight] pairs (one per output but the last, the content layer), got ${describeValue(value)}`,
      { argument },
    );
  }
  return value.map((pair: unknown, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new DlkitError(
        'value',
        fn,
        `${argument}[${i}] must be a [name, weight] pair, got ${describeValue(pair)}`,
        { argument: `${argument}[${i}]` },
      );
    }
    assertString(fn, `${argument}[${i}][0]`, pair[0]);
    return assertNumber(fn, `${argument}[${i}][1]`, pair[1], { min: 0 });
  });
}

/** `J_style` of checked outputs (the last one, content, left out) and one weight per style layer. */
export function styleCost(
  aS: readonly tf.Tensor[],
  aG: readonly tf.Tensor[],
  weights: readonly number[],
): tf.Scalar {
  return tf.tidy(() =>
    weights.reduce<tf.Scalar>(
      (J, weight, i) => tf.add(J, tf.mul(weight, layerStyleCost(aS[i]!, aG[i]!))),
      tf.scalar(0),
    ),
  );
}
