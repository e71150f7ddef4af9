import * as tf from '@tensorflow/tfjs';
import { asCaller, assertNumber, assertOptions, assertShapeSize, DlkitError } from '@dlkit/core';
import { gru, type GRU } from '../gru/gru-layer.js';
import { orthogonalRows } from '../music/orthogonal.js';

/**
 * Options of {@link modelf}: the notebook's sizes by default; smaller ones train faster.
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export interface ModelfOptions {
  /** Conv1D filters (default 196). */
  filters?: number;
  /** Conv1D kernel size (default 15). */
  kernelSize?: number;
  /** Conv1D stride (default 4). */
  strides?: number;
  /** Units of each GRU (default 128). */
  units?: number;
  /** The dropout rate, the fraction dropped (default 0.8, the notebook's `Dropout(rate=0.8)`). */
  dropout?: number;
  /** The seed of every initializer, for repeatable weights (default 0); dropout masks are not seeded (see `modelf`). */
  seed?: number;
}

type Settings = Required<ModelfOptions>;

function checkOptions(fn: string, options: ModelfOptions | undefined): Settings {
  const o = assertOptions(fn, 'options', options, [
    'filters',
    'kernelSize',
    'strides',
    'units',
    'dropout',
    'seed',
  ]);
  const size = (name: keyof ModelfOptions, fallback: number): number =>
    assertNumber(fn, `options.${name}`, o[name] ?? fallback, { integer: true, min: 1, max: 4096 });
  return {
    filters: size('filters', 196),
    kernelSize: size('kernelSize', 15),
    strides: size('strides', 4),
    units: size('units', 128),
    dropout: assertNumber(fn, 'options.dropout', o.dropout ?? 0.8, { min: 0, max: 0.99 }),
    seed: assertNumber(fn, 'options.seed', o.seed ?? 0, {
      integer: true,
      min: 0,
      max: 2 ** 31 - 1,
    }),
  };
}

/**
 * A GRU whose recurrent kernel is orthogonal (Keras' default) once built: tfjs' `orthogonal`
 * runs its QR as tensor ops and takes about 110 s for `[128, 384]` on a loaded cpu backend, so the
 * layer starts at zeros and {@link orthogonalize} writes core's float64 Gram–Schmidt result.
 */
function gruBlock(units: number, seed: number): GRU {
  return gru({
    units,
    returnSequences: true,
    resetAfter: true,
    seed,
    recurrentInitializer: 'zeros',
  });
}

/** Writes a seeded orthogonal `[nA, 3nA]` recurrent kernel into every GRU of a built model. */
function orthogonalize(model: tf.LayersModel, seed: number): void {
  model.layers.forEach((layer, i) => {
    if (layer.getClassName() !== 'DlkitGRU') return;
    const units = (layer as GRU).units;
    const recurrent = layer.weights[1] as tf.LayerVariable;
    tf.tidy(() => {
      recurrent.write(
        tf.tensor2d(orthogonalRows(units, 3 * units, seed + 100 + i), [units, 3 * units]),
      );
    });
  });
}

/** The notebook's layers on `xInput`: Conv1D, BN, ReLU, dropout, two GRU blocks, sigmoid per step. */
function layersOn(xInput: tf.SymbolicTensor, s: Settings): tf.SymbolicTensor {
  const glorot = (k: number) => tf.initializers.glorotUniform({ seed: s.seed + k });
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor) =>
    layer.apply(x) as tf.SymbolicTensor;
  // Unseeded on purpose: a seeded tfjs Dropout draws the same mask at every step (it makes a new
  // generator from its seed on each call), so its masks come from tfjs' generator (Math.random).
  const dropout = () => tf.layers.dropout({ rate: s.dropout });
  let X = apply(
    tf.layers.conv1d({
      filters: s.filters,
      kernelSize: s.kernelSize,
      strides: s.strides,
      kernelInitializer: glorot(1),
    }),
    xInput,
  );
  X = apply(tf.layers.batchNormalization(), X);
  X = apply(tf.layers.activation({ activation: 'relu' }), X);
  X = apply(dropout(), X);
  X = apply(gruBlock(s.units, s.seed + 3), X);
  X = apply(dropout(), X);
  X = apply(tf.layers.batchNormalization(), X);
  X = apply(gruBlock(s.units, s.seed + 5), X);
  X = apply(dropout(), X);
  X = apply(tf.layers.batchNormalization(), X);
  X = apply(dropout(), X);
  const dense = tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: glorot(8) });
  return apply(tf.layers.timeDistributed({ layer: dense }), X);
}

/**
 * The notebook's `modelf(input_shape)`, the trigger-word detector: Conv1D (196 filters, kernel
 * 15, stride 4) → BatchNormalization → ReLU → Dropout(0.8) → GRU(128, return_sequences,
 * reset_after) → Dropout → BatchNormalization → GRU(128) → Dropout → BatchNormalization → Dropout
 * → TimeDistributed(Dense(1, sigmoid)). On the notebook's `(5511, 101)` spectrograms it has
 * 523,329 parameters and outputs `[m, 1375, 1]`. The GRUs are dlkit's `GRU` (Keras' reset-after
 * form, fused kernels on `@dlkit/backend`); the model is not compiled. `seed` fixes the initial
 * weights; the dropout masks of training draw from tfjs' unseeded generator (a seeded tfjs
 * `Dropout` would repeat one mask at every step).
 *
 * @param inputShape - `[Tx, nFreqs]`, one example's spectrogram transposed (`[5511, 101]` in the notebook).
 * @param options - `filters` (196), `kernelSize` (15), `strides` (4), `units` (128), `dropout` (0.8), `seed` (0).
 * @returns A new `tf.LayersModel` from `[m, Tx, nFreqs]` to `[m, Ty, 1]`, `Ty = floor((Tx - kernelSize) / strides) + 1`; the caller disposes it.
 *
 * @example
 * ```ts
 * import { triggerWord } from '@dlkit/sequence';
 * const model = triggerWord.modelf([5511, 101]);
 * console.log(model.countParams(), model.outputs[0].shape); // 523329 [null, 1375, 1]
 * model.dispose();
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export function modelf(inputShape: readonly number[], options: ModelfOptions = {}): tf.LayersModel {
  const fn = 'triggerWord.modelf';
  return asCaller(fn, () => {
    const shape = assertShapeSize(fn, 'inputShape', inputShape);
    const s = checkOptions(fn, options);
    if (shape.length !== 2 || shape[0]! < s.kernelSize || shape[1]! < 1) {
      throw new DlkitError(
        'shape',
        fn,
        `inputShape must be [Tx, nFreqs] with Tx >= kernelSize = ${s.kernelSize} and nFreqs >= 1, got [${shape.join(', ')}]`,
        { argument: 'inputShape' },
      );
    }
    const xInput = tf.input({ shape: [...shape] });
    const model = tf.model({
      inputs: xInput,
      outputs: layersOn(xInput, s),
      name: 'trigger_word_model',
    });
    orthogonalize(model, s.seed);
    return model;
  });
}
