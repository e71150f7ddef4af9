import * as tf from '@tensorflow/tfjs';
import { DlkitError, asCaller, describeValue } from '@dlkit/core';
import { SoftmaxOverTime } from './softmax-over-time.js';
import { modelCharacters, stringToInt, type CharIndex } from './string-to-int.js';

/**
 * The attention a `modelf` model pays while translating one text.
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export interface AttentionMap {
  /** `attention[t][t']`, the weight `α⟨t,t'⟩` of input character `t'` for output step `t`: `[Ty][Tx]`, each row sums to 1. */
  attention: number[][];
  /** The `Tx` input characters the model read (the text lower-cased, without commas, then `'<pad>'`s). */
  inputs: string[];
  /** The predicted output index of each step (the argmax), `Ty` of them: decode with the machine vocabulary. */
  prediction: number[];
}

function checkModel(
  fn: string,
  model: unknown,
): { activator: tf.layers.Layer; Tx: number; nS: number } {
  const activator =
    model instanceof tf.LayersModel
      ? model.layers.find((l) => l instanceof SoftmaxOverTime)
      : undefined;
  const shape = model instanceof tf.LayersModel ? model.inputs.map((i) => i.shape) : [];
  const Tx = shape[0]?.[1];
  const nS = shape[1]?.[1];
  if (
    activator === undefined ||
    shape.length !== 3 ||
    typeof Tx !== 'number' ||
    typeof nS !== 'number'
  ) {
    throw new DlkitError(
      'value',
      fn,
      `model must be a modelf model (inputs [X, s0, c0], an attention softmax), got ${describeValue(model)}`,
      { argument: 'model' },
    );
  }
  return { activator, Tx, nS };
}

/**
 * The attention weights of a `modelf` model on one text (the notebook's `plot_attention_map`,
 * without the drawing): for each output step `t`, the softmax weights `α⟨t,t'⟩` over the `Tx`
 * input characters, read from the shared attention softmax at every step, with the model's
 * prediction. A trained date model looks at the year's digits when it writes the year and at
 * the month's name when it writes the month. Returns numbers, no tensors.
 *
 * @param model - A `modelf` model (trained, or loaded with `tf.loadLayersModel`).
 * @param text - The human-readable date, e.g. `'Tuesday 09 Oct 1993'`.
 * @param humanVocab - The input vocabulary the model was trained with (`makeDatePairs().humanVocab`).
 * @returns `{ attention [Ty][Tx], inputs, prediction }`.
 *
 * @example
 * ```ts
 * import { attentionMap, nmt } from '@dlkit/sequence';
 * import { makeDatePairs } from '@dlkit/datasets';
 * const { humanVocab } = makeDatePairs({ m: 100 });
 * const model = nmt.modelf(30, 10, 32, 64, humanVocab.size, 11);
 * const { attention } = attentionMap(model, 'Tuesday 09 Oct 1993', humanVocab);
 * console.log(attention.length, attention[0]?.length); // 10 30
 * model.dispose();
 * ```
 *
 * @see The guide `docs/sequence/attention.md`.
 *
 * @category C5 W3 · Neural machine translation with attention
 */
export function attentionMap(
  model: tf.LayersModel,
  text: string,
  humanVocab: CharIndex,
): AttentionMap {
  const fn = 'attentionMap';
  return asCaller(fn, () => {
    const { activator, Tx, nS } = checkModel(fn, model);
    const indices = stringToInt(text, Tx, humanVocab);
    const hv = model.inputs[0]?.shape[2] as number;
    const steps = activator.inboundNodes.length;
    // A view of the same graph ending at the attention softmax of every step (no new weights;
    // not disposed, since disposing it would free the shared layers' weights).
    const probe = tf.model({
      inputs: model.inputs,
      outputs: [
        ...Array.from({ length: steps }, (_, t) => activator.getOutputAt(t) as tf.SymbolicTensor),
        ...model.outputs,
      ],
    });
    const out = tf.tidy(() => {
      const X = tf.oneHot(tf.tensor1d(indices, 'int32'), hv).expandDims(0);
      const zeros = tf.zeros([1, nS]);
      const r = probe.predict([X, zeros, zeros]) as tf.Tensor[];
      return r.map((t, i) => (i < steps ? t.reshape([Tx]) : t.argMax(-1).reshape([1])));
    });
    const values = out.map((t) => Array.from(t.dataSync()));
    tf.dispose(out);
    return {
      attention: values.slice(0, steps),
      inputs: modelCharacters(text, Tx),
      prediction: values.slice(steps).map((v) => v[0] as number),
    };
  });
}
