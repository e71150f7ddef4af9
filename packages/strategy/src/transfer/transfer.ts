import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertNumber } from '@dlkit/core';

/** A layer position: an index into `model.layers` (negative counts from the end) or a layer name. */
function resolveLayer(
  fn: string,
  argument: string,
  model: tf.LayersModel,
  at: number | string,
): number {
  const n = model.layers.length;
  if (typeof at === 'string') {
    const i = model.layers.findIndex((l) => l.name === at);
    if (i < 0) {
      throw new DlkitError(
        'value',
        fn,
        `${argument}: no layer named ${JSON.stringify(at)} (layers: ${model.layers.map((l) => l.name).join(', ')})`,
        {
          argument,
        },
      );
    }
    return i;
  }
  assertNumber(fn, argument, at, { integer: true, min: -n, max: n - 1 });
  return at < 0 ? n + at : at;
}

function checkModel(fn: string, model: tf.LayersModel): void {
  if (!(model instanceof tf.LayersModel)) {
    throw new DlkitError(
      'value',
      fn,
      'model must be a tf.LayersModel (tf.sequential or tf.model)',
      {
        argument: 'model',
      },
    );
  }
}

/**
 * Freezes layers of a tfjs model for transfer learning (C3 W2): with little new data, keep the
 * pre-trained layers fixed and train only the last ones. Freezes `model.layers[0 … upTo]`
 * (default: every layer but the last). Compile (again) after freezing: tfjs collects trainable
 * weights at compile time.
 *
 * @param model - The model; its layers' `trainable` flags change.
 * @param upTo - The last layer to freeze: an index (negative counts from the end) or a name. Default -2.
 * @returns The names of the frozen layers.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { freezeLayers } from '@dlkit/strategy';
 * const model = tf.sequential({
 *   layers: [tf.layers.dense({ units: 4, inputShape: [3] }), tf.layers.dense({ units: 1 })],
 * });
 * console.log(freezeLayers(model)); // the first layer's name
 * model.dispose();
 * ```
 *
 * @see The guide `docs/strategy/transfer.md`.
 *
 * @category C3 W2 · Transfer learning
 */
export function freezeLayers(model: tf.LayersModel, upTo: number | string = -2): string[] {
  const fn = 'freezeLayers';
  checkModel(fn, model);
  const last = resolveLayer(fn, 'upTo', model, upTo);
  const names: string[] = [];
  model.layers.forEach((l, i) => {
    if (i <= last) {
      l.trainable = false;
      names.push(l.name);
    }
  });
  return names;
}

/**
 * Unfreezes layers from `from` to the end (default: all layers): with more new data, the course
 * retrains more of the network, or all of it (fine-tuning after pre-training). Compile again
 * afterwards.
 *
 * @param model - The model; its layers' `trainable` flags change.
 * @param from - The first layer to unfreeze: an index (negative counts from the end) or a name. Default 0.
 * @returns The names of the unfrozen layers.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { freezeLayers, unfreezeLayers } from '@dlkit/strategy';
 * const model = tf.sequential({
 *   layers: [tf.layers.dense({ units: 4, inputShape: [3] }), tf.layers.dense({ units: 1 })],
 * });
 * freezeLayers(model);
 * unfreezeLayers(model, -1);
 * console.log(model.layers.map((l) => l.trainable)); // [false, true]
 * model.dispose();
 * ```
 *
 * @see The guide `docs/strategy/transfer.md`.
 *
 * @category C3 W2 · Transfer learning
 */
export function unfreezeLayers(model: tf.LayersModel, from: number | string = 0): string[] {
  const fn = 'unfreezeLayers';
  checkModel(fn, model);
  const first = resolveLayer(fn, 'from', model, from);
  const names: string[] = [];
  model.layers.forEach((l, i) => {
    if (i >= first) {
      l.trainable = true;
      names.push(l.name);
    }
  });
  return names;
}

/**
 * Options of {@link replaceHead}.
 *
 * @category C3 W2 · Transfer learning
 */
export interface ReplaceHeadOptions {
  /** How many layers to remove from the end (default 1: the output layer). */
  removeLayers?: number;
  /** Whether to freeze the kept layers (default true). */
  freezeBase?: boolean;
}

/**
 * Replaces the head of a tfjs model for transfer learning (C3 W2, image recognition to radiology
 * diagnosis): removes the last layer(s), applies new layers to the features before them, and
 * returns a new model that shares the kept layers (and their pre-trained weights) with the
 * original. The kept layers are frozen by default; compile the new model before training. The
 * caller owns the new model; the shared layers are reference-counted, so the original and the new
 * model can each be disposed, in either order, and the weights go when both are.
 *
 * @param model - The pre-trained model.
 * @param head - The new layers, applied in order to the features (or a function from the feature tensor to the output).
 * @param options - `removeLayers` (default 1), `freezeBase` (default true).
 * @returns A new model: original inputs, new head.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { replaceHead } from '@dlkit/strategy';
 * const base = tf.sequential({
 *   layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })],
 * });
 * const radiology = replaceHead(base, [tf.layers.dense({ units: 1, activation: 'sigmoid' })]);
 * console.log(radiology.outputs[0]?.shape); // [null, 1]
 * radiology.dispose();
 * base.dispose();
 * ```
 *
 * @see The guide `docs/strategy/transfer.md`.
 *
 * @category C3 W2 · Transfer learning
 */
export function replaceHead(
  model: tf.LayersModel,
  head: tf.layers.Layer | tf.layers.Layer[] | ((features: tf.SymbolicTensor) => tf.SymbolicTensor),
  options: ReplaceHeadOptions = {},
): tf.LayersModel {
  const fn = 'replaceHead';
  checkModel(fn, model);
  const n = model.layers.length;
  const remove = assertNumber(fn, 'removeLayers', options.removeLayers ?? 1, {
    integer: true,
    min: 1,
    max: n,
  });
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new DlkitError(
      'value',
      fn,
      `model must have one input and one output, got ${model.inputs.length} and ${model.outputs.length}`,
      { argument: 'model' },
    );
  }
  const keptLast = n - 1 - remove;
  const kept = keptLast >= 0 ? model.layers[keptLast] : undefined;
  let features: tf.SymbolicTensor;
  // Nothing kept, or only a functional model's InputLayer: the head reads the model's input.
  if (kept === undefined || kept.getClassName() === 'InputLayer') {
    features = model.inputs[0] as tf.SymbolicTensor;
  } else {
    const out = kept.output;
    if (Array.isArray(out)) {
      throw new DlkitError('value', fn, `layer ${kept.name} has several outputs`, {
        argument: 'model',
      });
    }
    features = out;
  }
  let output: tf.SymbolicTensor;
  if (typeof head === 'function' && !(head instanceof tf.layers.Layer)) output = head(features);
  else {
    const layers = Array.isArray(head) ? head : [head];
    if (layers.length === 0) {
      throw new DlkitError('value', fn, 'head must hold at least one layer', { argument: 'head' });
    }
    output = layers.reduce((x, l) => l.apply(x) as tf.SymbolicTensor, features);
  }
  if ((options.freezeBase ?? true) && keptLast >= 0) {
    for (let i = 0; i <= keptLast; i++) (model.layers[i] as tf.layers.Layer).trainable = false;
  }
  const result = tf.model({ inputs: model.inputs, outputs: output });
  // The kept layers now belong to two models. tfjs disposes a layer's weights when its reference
  // count reaches 0 and a model's dispose() decrements every layer once, so count the new owner:
  // each model can then be disposed on its own, in any order.
  const owned = new Set(model.layers.slice(0, Math.max(keptLast + 1, 0)));
  for (const layer of result.layers) {
    const counted = layer as unknown as { _refCount: number | null };
    if (owned.has(layer) && typeof counted._refCount === 'number') counted._refCount += 1;
  }
  return result;
}
