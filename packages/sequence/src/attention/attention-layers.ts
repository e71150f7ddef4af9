import * as tf from '@tensorflow/tfjs';
import { asCaller, assertNumber, assertOptions } from '@dlkit/core';
import { RepeatSteps } from './repeat-vector.js';
import { SoftmaxOverTime } from './softmax-over-time.js';

/**
 * The notebook's shared attention layers (its globals), applied once per output step by
 * `oneStepAttention`.
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export interface AttentionLayers {
  /** `RepeatVector(Tx)`: `s⟨t-1⟩` `[m, nS]` to `[m, Tx, nS]`. */
  repeator: tf.layers.Layer;
  /** `Concatenate(axis=-1)`: `[a, s⟨t-1⟩]` to `[m, Tx, 2nA + nS]`. */
  concatenator: tf.layers.Layer;
  /** `Dense(10, activation='tanh')`: the small network's hidden layer, `e`'s features. */
  densor1: tf.layers.Layer;
  /** `Dense(1, activation='relu')`: the energies `e⟨t,t'⟩` `[m, Tx, 1]`. */
  densor2: tf.layers.Layer;
  /** `Activation(softmax over axis 1)`: the attention weights `α⟨t,t'⟩` `[m, Tx, 1]`. */
  activator: tf.layers.Layer;
  /** `Dot(axes=1)`: the context `Σ_t' α⟨t,t'⟩ a⟨t'⟩` `[m, 1, 2nA]`. */
  dotor: tf.layers.Layer;
}

/**
 * What `createAttentionLayers` accepts.
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export interface AttentionLayersOptions {
  /** The seed of the two Dense layers' Glorot-uniform initializers. Default 1. */
  seed?: number;
}

/**
 * The notebook's shared layers for one step of attention: `repeator = RepeatVector(Tx)`,
 * `concatenator = Concatenate(axis=-1)`, `densor1 = Dense(10, activation = "tanh")`,
 * `densor2 = Dense(1, activation = "relu")`, `activator = Activation(softmax, axis = 1)` and
 * `dotor = Dot(axes = 1)`. Every output step of `modelf` reuses these same layers, so the
 * attention network has one set of weights (1,301 parameters for `2nA + nS` = 128). The Dense
 * layers are built on their first call; dispose them with the model that uses them.
 *
 * @param Tx - The input length, `RepeatVector`'s count (1 … 1000). Default 30 (the notebook's).
 * @param options - The initializers' seed.
 * @returns The six layers.
 *
 * @example
 * ```ts
 * import { createAttentionLayers } from '@dlkit/sequence';
 * const layers = createAttentionLayers(30);
 * console.log(layers.repeator.getConfig()['n'], layers.densor1.getConfig()['units']); // 30 10
 * ```
 *
 * @see The guide `docs/sequence/attention.md`.
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export function createAttentionLayers(
  Tx = 30,
  options: AttentionLayersOptions = {},
): AttentionLayers {
  const fn = 'createAttentionLayers';
  return asCaller(fn, () => {
    assertNumber(fn, 'Tx', Tx, { integer: true, min: 1, max: 1000 });
    const o = assertOptions(fn, 'options', options, ['seed']);
    const seed = assertNumber(fn, 'options.seed', o.seed ?? 1, {
      integer: true,
      min: 0,
      max: 2 ** 32 - 1,
    });
    return {
      repeator: new RepeatSteps({ n: Tx }),
      concatenator: tf.layers.concatenate({ axis: -1 }),
      densor1: tf.layers.dense({
        units: 10,
        activation: 'tanh',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
      densor2: tf.layers.dense({
        units: 1,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      }),
      activator: new SoftmaxOverTime({}),
      dotor: tf.layers.dot({ axes: 1 }),
    };
  });
}
