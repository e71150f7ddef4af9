import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller, describeValue } from '@dlkit/core';
import { createAttentionLayers, type AttentionLayers } from './attention-layers.js';

type AnyTensor = tf.Tensor | tf.SymbolicTensor;

const LAYER_NAMES = [
  'repeator',
  'concatenator',
  'densor1',
  'densor2',
  'activator',
  'dotor',
] as const;

/** Checks that `layers` holds the six layers `createAttentionLayers` makes. */
export function checkAttentionLayers(fn: string, layers: unknown): AttentionLayers {
  const ok =
    layers !== null &&
    typeof layers === 'object' &&
    LAYER_NAMES.every((k) => (layers as Record<string, unknown>)[k] instanceof tf.layers.Layer);
  if (!ok) {
    throw new DlkitError(
      'value',
      fn,
      `layers must be createAttentionLayers()'s { ${LAYER_NAMES.join(', ')} }, got ${describeValue(layers)}`,
      { argument: 'layers' },
    );
  }
  return layers as AttentionLayers;
}

function checkInputs(fn: string, a: unknown, sPrev: unknown, Tx: number): void {
  if (a instanceof tf.SymbolicTensor || sPrev instanceof tf.SymbolicTensor) {
    const okA = a instanceof tf.SymbolicTensor && a.shape.length === 3 && a.shape[1] === Tx;
    const okS = sPrev instanceof tf.SymbolicTensor && sPrev.shape.length === 2;
    if (!okA || !okS) {
      throw new DlkitError(
        'shape',
        fn,
        `a must be [m, ${Tx}, 2nA] and sPrev [m, nS] (both symbolic or both tensors), got ${describeValue(a)} and ${describeValue(sPrev)}`,
        { argument: okA ? 'sPrev' : 'a' },
      );
    }
    return;
  }
  new ShapeChecker(fn)
    .checkFloat('a', a as tf.Tensor, ['m', Tx, 'nA2'], { finite: true })
    .checkFloat('sPrev', sPrev as tf.Tensor, ['m', 'nS'], { finite: true });
}

function attend(a: AnyTensor, sPrev: AnyTensor, l: AttentionLayers): AnyTensor {
  const s = l.repeator.apply(sPrev) as AnyTensor;
  const concat = l.concatenator.apply([a, s] as tf.Tensor[]) as AnyTensor;
  const e = l.densor1.apply(concat) as AnyTensor;
  const energies = l.densor2.apply(e) as AnyTensor;
  const alphas = l.activator.apply(energies) as AnyTensor;
  return l.dotor.apply([alphas, a] as tf.Tensor[]) as AnyTensor;
}

/**
 * One step of attention (the notebook's `one_step_attention`): the context the decoder reads at
 * output step `t`. It repeats the previous decoder state `s⟨t-1⟩` `Tx` times, concatenates it
 * with every encoder activation `a⟨t'⟩`, computes energies `e⟨t,t'⟩` with a small network
 * (Dense 10 tanh, then Dense 1 relu), turns them into attention weights with a softmax over the
 * `Tx` input steps, `α⟨t,t'⟩ = exp(e⟨t,t'⟩) / Σ_t'' exp(e⟨t,t''⟩)`, and returns the weighted sum
 * `context⟨t⟩ = Σ_t' α⟨t,t'⟩ a⟨t'⟩`. It takes symbolic tensors (to build a model, as `modelf`
 * does) or tensors (to compute). Without `layers` it uses fresh, untrained ones and frees them.
 *
 * @param a - The pre-attention Bi-LSTM's activations `[m, Tx, 2nA]`.
 * @param sPrev - The post-attention LSTM's previous hidden state `[m, nS]`.
 * @param layers - The shared layers from `createAttentionLayers(Tx)`.
 * @returns The context `[m, 1, 2nA]` (a tensor the caller owns, or a symbolic tensor).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { oneStepAttention } from '@dlkit/sequence';
 * const a = tf.randomNormal([10, 30, 64], 0, 1, 'float32', 1);
 * const sPrev = tf.randomNormal([10, 64], 0, 1, 'float32', 2);
 * const context = oneStepAttention(a, sPrev);
 * console.log(context.shape); // [10, 1, 64]
 * tf.dispose([a, sPrev, context]);
 * ```
 *
 * @see The guide `docs/sequence/attention.md`.
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export function oneStepAttention<T extends tf.Tensor | tf.SymbolicTensor>(
  a: T,
  sPrev: T,
  layers?: AttentionLayers,
): T {
  const fn = 'oneStepAttention';
  return asCaller(fn, () => {
    const shape = (a as { shape?: unknown } | null)?.shape;
    const Tx = Array.isArray(shape) && typeof shape[1] === 'number' ? shape[1] : 1;
    const own = layers === undefined ? createAttentionLayers(Tx) : undefined;
    const l = own ?? checkAttentionLayers(fn, layers);
    checkInputs(fn, a, sPrev, l.repeator.getConfig()['n'] as number);
    if (a instanceof tf.SymbolicTensor) return attend(a, sPrev, l) as T;
    try {
      return tf.tidy(() => attend(a, sPrev, l) as tf.Tensor) as T;
    } finally {
      if (own)
        for (const layer of [own.densor1, own.densor2]) layer.weights.forEach((w) => w.dispose());
    }
  });
}
