import * as tf from '@tensorflow/tfjs';
import { DlkitError } from '@dlkit/core';

/**
 * One row of {@link modelSummary}: a layer, as Keras's `model.summary()` lists it.
 *
 * @category C4 W1 · Convolutional model
 */
export interface LayerSummary {
  /** The layer's name. */
  name: string;
  /** Its class, e.g. `Conv2D`. */
  className: string;
  /** Its output shape with `null` for the batch, e.g. `[null, 8, 8, 4]` (a list for several outputs). */
  outputShape: (number | null)[] | (number | null)[][];
  /** How many weights it holds (trainable and not). */
  params: number;
  /** The layers feeding it, as Keras writes them: `conv1[0][0]`. */
  connectedTo: string[];
}

/**
 * What {@link modelSummary} returns: the table as data, its totals, and the table as text.
 *
 * @category C4 W1 · Convolutional model
 */
export interface ModelSummary {
  /** The model's name. */
  name: string;
  /** One row per layer, in the model's order. */
  layers: LayerSummary[];
  /** All weights (equals `model.countParams()`). */
  totalParams: number;
  /** Weights an optimiser updates. */
  trainableParams: number;
  /** Weights it does not (frozen layers, batch-norm moving statistics). */
  nonTrainableParams: number;
  /** The summary as Keras prints it. */
  text: string;
}

function countWeights(weights: readonly tf.LayerVariable[]): number {
  return weights.reduce((n, w) => n + w.shape.reduce((p: number, d) => p * (d ?? 1), 1), 0);
}

function outputShapeOf(layer: tf.layers.Layer): LayerSummary['outputShape'] {
  try {
    return layer.outputShape as LayerSummary['outputShape'];
  } catch {
    return []; // a layer used at several places with different shapes has no single shape
  }
}

function connectionsOf(layer: tf.layers.Layer): string[] {
  return layer.inboundNodes.flatMap((node) =>
    node.inboundLayers.map(
      (l, k) => `${l.name}[${node.nodeIndices[k] ?? 0}][${node.tensorIndices[k] ?? 0}]`,
    ),
  );
}

function layerRow(layer: tf.layers.Layer): LayerSummary {
  return {
    name: layer.name,
    className: layer.getClassName(),
    outputShape: outputShapeOf(layer),
    params: layer.countParams(),
    connectedTo: connectionsOf(layer),
  };
}

function formatShapeCell(shape: LayerSummary['outputShape']): string {
  const one = (s: (number | null)[]): string =>
    `(${s.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
  return Array.isArray(shape[0])
    ? (shape as (number | null)[][]).map(one).join(', ')
    : one(shape as (number | null)[]);
}

function formatTable(summary: Omit<ModelSummary, 'text'>): string {
  const header = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];
  const rows = summary.layers.map((l) => [
    `${l.name} (${l.className})`,
    formatShapeCell(l.outputShape),
    String(l.params),
    l.connectedTo.join(', '),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => cell.padEnd((widths[c] ?? 0) + 2))
      .join('')
      .trimEnd();
  const rule = (ch: string): string => ch.repeat(widths.reduce((s, w) => s + w + 2, 0));
  return [
    `Model: "${summary.name}"`,
    rule('_'),
    line(header),
    rule('='),
    ...rows.flatMap((r, i) => [line(r), i < rows.length - 1 ? rule('_') : rule('=')]),
    `Total params: ${summary.totalParams}`,
    `Trainable params: ${summary.trainableParams}`,
    `Non-trainable params: ${summary.nonTrainableParams}`,
    rule('_'),
  ].join('\n');
}

/**
 * A Keras-style summary of a model, as the course's `model.summary()` prints it: each layer with
 * its output shape, parameter count and the layers it is connected to, and the totals of
 * trainable and non-trainable parameters. Returned as data and as text (nothing is printed).
 *
 * @param model - A built `tf.Sequential` or functional `tf.LayersModel`.
 * @returns The rows, the totals and the text.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { modelSummary } from '@dlkit/cnn';
 * const model = tf.sequential({
 *   layers: [
 *     tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, name: 'conv' }),
 *     tf.layers.flatten({ name: 'flat' }),
 *     tf.layers.dense({ units: 1, name: 'out' }),
 *   ],
 * });
 * const summary = modelSummary(model);
 * console.log(summary.totalParams); // 257
 * console.log(summary.text);
 * model.dispose();
 * ```
 *
 * @category C4 W1 · Convolutional model
 */
export function modelSummary(model: tf.LayersModel): ModelSummary {
  if (!(model instanceof tf.LayersModel)) {
    const got = model === null ? 'null' : typeof model;
    throw new DlkitError('value', 'modelSummary', `model must be a tf.LayersModel, got ${got}`, {
      argument: 'model',
    });
  }
  const data = {
    name: model.name,
    layers: model.layers.map(layerRow),
    totalParams: countWeights(model.weights),
    trainableParams: countWeights(model.trainableWeights),
    nonTrainableParams: countWeights(model.nonTrainableWeights),
  };
  return { ...data, text: formatTable(data) };
}
