import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertString, describeValue } from '@dlkit/core';

const FN = 'styleModel';

/**
 * A model that returns the activations of chosen layers of a backbone, the notebook's
 * `get_layer_outputs(vgg, layer_names)`: give the style layers' names, then the content layer's
 * last (`STYLE_LAYERS + content_layer`), and its outputs are what `computeStyleCost` and
 * `computeContentCost` take. Only the layers those outputs need are computed.
 *
 * The model shares the backbone's layers and weights (nothing is copied): dispose the backbone
 * when done, which frees them, and not the returned model as well.
 *
 * @param backbone - A `tf.LayersModel` taking images `[m, nH, nW, 3]`, e.g. `loadPretrainedMobileNetV2`'s.
 * @param layerNames - The names of the layers whose outputs to return, in order; each output is
 *   `[m, nH, nW, nC]`.
 * @returns A `tf.LayersModel` with one output per name.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { mobileNetV2, styleModel } from '@dlkit/cnn';
 * const backbone = mobileNetV2({ inputShape: [32, 32, 3], includeTop: false, seed: 1 });
 * const model = styleModel(backbone, ['Conv1_relu', 'block_6_expand_relu']);
 * console.log(model.outputs.map((o) => o.shape)); // [[null, 16, 16, 32], [null, 4, 4, 192]]
 * backbone.dispose();
 * ```
 *
 * @category C4 W4 · Neural style transfer
 * @see the guide page `docs/cnn/style-transfer.md`
 */
export function styleModel(
  backbone: tf.LayersModel,
  layerNames: readonly string[],
): tf.LayersModel {
  if (!(backbone instanceof tf.LayersModel)) {
    throw new DlkitError(
      'value',
      FN,
      `backbone must be a tf.LayersModel, got ${describeValue(backbone)}`,
      { argument: 'backbone' },
    );
  }
  if (!Array.isArray(layerNames) || layerNames.length === 0) {
    throw new DlkitError(
      'value',
      FN,
      `layerNames must be a non-empty array of layer names, got ${describeValue(layerNames)}`,
      { argument: 'layerNames' },
    );
  }
  const outputs = layerNames.map((name, i) => layerOutput(backbone, `layerNames[${i}]`, name));
  const repeated = layerNames.findIndex((name, i) => layerNames.indexOf(name) !== i);
  if (repeated >= 0) {
    // tfjs returns null for a repeated output: say so instead.
    throw new DlkitError(
      'value',
      FN,
      `layerNames[${repeated}] repeats ${layerNames[repeated]}: each layer can be returned once`,
      { argument: `layerNames[${repeated}]` },
    );
  }
  return tf.model({ inputs: backbone.inputs, outputs });
}

/** The output of the layer named `name`, checked to be one tensor `[m, nH, nW, nC]`. */
function layerOutput(backbone: tf.LayersModel, argument: string, name: unknown): tf.SymbolicTensor {
  assertString(FN, argument, name);
  const layer = backbone.layers.find((l) => l.name === name);
  if (layer === undefined) {
    throw new DlkitError('value', FN, `${argument} names no layer of backbone: ${String(name)}`, {
      argument,
    });
  }
  const output = layer.output;
  if (Array.isArray(output) || output.shape.length !== 4) {
    const got = Array.isArray(output)
      ? `${output.length} outputs`
      : `shape [${output.shape.join(', ')}]`;
    throw new DlkitError(
      'shape',
      FN,
      `${argument} (${String(name)}) must output activations [m, nH, nW, nC], got ${got}`,
      { argument },
    );
  }
  return output;
}
