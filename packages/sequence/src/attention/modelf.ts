import * as tf from '@tensorflow/tfjs';
import { asCaller, assertNumber, assertOptions } from '@dlkit/core';
import { LSTM } from '../lstm/lstm-layer.js';
import { orthogonalRows } from '../music/orthogonal.js';
import { createAttentionLayers, type AttentionLayers } from './attention-layers.js';
import { checkAttentionLayers, oneStepAttention } from './one-step-attention.js';
import { ReverseTime } from './reverse-time.js';
import { ownSharedLayers } from './softmax-over-time.js';

/**
 * What `modelf` accepts besides the notebook's sizes.
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export interface ModelfOptions {
  /** The seed of every initializer. Default 1. */
  seed?: number;
  /** The shared attention layers, `createAttentionLayers(Tx)`. Default: new ones. */
  layers?: AttentionLayers;
}

const size = (fn: string, name: string, v: unknown, max: number): number =>
  assertNumber(fn, name, v, { integer: true, min: 1, max });

function lstmLayer(units: number, seed: number, extra: object): LSTM {
  return new LSTM({
    units,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    recurrentInitializer: 'zeros',
    ...extra,
  });
}

/**
 * Writes Keras' orthogonal recurrent kernels into the model's LSTMs (dlkit's seeded
 * `orthogonalRows`: tfjs' own orthogonal initializer takes ~20 s for `[64, 256]` on the cpu backend).
 */
function orthogonalRecurrentKernels(model: tf.LayersModel, seed: number): void {
  model.layers
    .filter((l): l is LSTM => l instanceof LSTM)
    .forEach((l, i) => {
      const kernel = l.weights[1] as tf.LayerVariable;
      tf.tidy(() => {
        kernel.write(
          tf.tensor2d(orthogonalRows(l.units, 4 * l.units, seed + 11 * (i + 1)), [
            l.units,
            4 * l.units,
          ]),
        );
      });
    });
}

/** The pre-attention Bi-LSTM: a forward LSTM, and one run over the reversed input, reversed back. */
function biLstm(X: tf.SymbolicTensor, nA: number, seed: number): tf.SymbolicTensor {
  const reverse = new ReverseTime();
  const forward = lstmLayer(nA, seed, { returnSequences: true }).apply(X) as tf.SymbolicTensor;
  const reversed = lstmLayer(nA, seed + 2, { returnSequences: true }).apply(
    reverse.apply(X),
  ) as tf.SymbolicTensor;
  return tf.layers
    .concatenate({ axis: -1 })
    .apply([forward, reverse.apply(reversed) as tf.SymbolicTensor]) as tf.SymbolicTensor;
}

/**
 * The notebook's attention model for translating dates (`modelf`): a pre-attention
 * Bidirectional LSTM (`nA` units each way) reads the one-hot input `X` `[m, Tx, humanVocabSize]`
 * into activations `a` `[m, Tx, 2nA]`; then for each of the `Ty` output steps,
 * `oneStepAttention(a, s)` gives a context, the post-attention LSTM (`nS` units, shared by all
 * steps) advances `[s, c]` from it, and the shared `output_layer` Dense softmax turns `s` into
 * the next character's probabilities. Inputs `[X, s0, c0]` (`s0`, `c0` `[m, nS]`, zeros in the
 * notebook), `Ty` outputs `[m, machineVocabSize]`: train with
 * `model.fit([X, s0, c0], tf.unstack(Y, 1), …)` and `categoricalCrossentropy`. The notebook's sizes
 * (`Tx` 30, `Ty` 10, `nA` 32, `nS` 64, 37 and 11 characters) give 52,960 parameters. The LSTMs are
 * dlkit's (fused kernels on `@dlkit/backend`); the model saves and loads with tfjs' IO handlers.
 *
 * @param Tx - The input length (1 … 1000).
 * @param Ty - The output length (1 … 1000).
 * @param nA - The pre-attention LSTM's units each way (1 … 4096).
 * @param nS - The post-attention LSTM's units (1 … 4096).
 * @param humanVocabSize - The input characters (1 … 100,000).
 * @param machineVocabSize - The output characters (1 … 100,000).
 * @param options - The initializers' seed, the shared attention layers.
 * @returns A `tf.LayersModel`, inputs `[X, s0, c0]`, `Ty` outputs `[m, machineVocabSize]`.
 *
 * @example
 * ```ts
 * import { nmt } from '@dlkit/sequence';
 * const model = nmt.modelf(30, 10, 32, 64, 37, 11);
 * console.log(model.countParams(), model.outputs.length); // 52960 10
 * model.dispose();
 * ```
 *
 * @see The guide `docs/sequence/attention.md`.
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export function modelf(
  Tx: number,
  Ty: number,
  nA: number,
  nS: number,
  humanVocabSize: number,
  machineVocabSize: number,
  options: ModelfOptions = {},
): tf.LayersModel {
  const fn = 'nmt.modelf';
  return asCaller(fn, () => {
    [Tx, Ty].forEach((v, i) => size(fn, i === 0 ? 'Tx' : 'Ty', v, 1000));
    size(fn, 'nA', nA, 4096);
    size(fn, 'nS', nS, 4096);
    size(fn, 'humanVocabSize', humanVocabSize, 100_000);
    size(fn, 'machineVocabSize', machineVocabSize, 100_000);
    const o = assertOptions(fn, 'options', options, ['seed', 'layers']);
    const seed = assertNumber(fn, 'options.seed', o.seed ?? 1, {
      integer: true,
      min: 0,
      max: 2 ** 32 - 16,
    });
    const layers =
      o.layers === undefined
        ? createAttentionLayers(Tx, { seed: seed + 8 })
        : checkAttentionLayers(fn, o.layers);
    const X = tf.input({ shape: [Tx, humanVocabSize] });
    const s0 = tf.input({ shape: [nS] });
    const c0 = tf.input({ shape: [nS] });
    const a = biLstm(X, nA, seed);
    const post = lstmLayer(nS, seed + 4, { returnState: true });
    const outputLayer = tf.layers.dense({
      units: machineVocabSize,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 6 }),
    });
    let s = s0;
    let c = c0;
    const outputs: tf.SymbolicTensor[] = [];
    for (let t = 0; t < Ty; t++) {
      const context = oneStepAttention(a, s, layers);
      [, s, c] = post.apply([context, s, c]) as tf.SymbolicTensor[] as [
        tf.SymbolicTensor,
        tf.SymbolicTensor,
        tf.SymbolicTensor,
      ];
      outputs.push(outputLayer.apply(s) as tf.SymbolicTensor);
    }
    const model = ownSharedLayers(tf.model({ inputs: [X, s0, c0], outputs }));
    orthogonalRecurrentKernels(model, seed);
    return model;
  });
}
