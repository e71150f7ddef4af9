import * as tf from '@tensorflow/tfjs';
import { asCaller } from '@dlkit/core';
import type { LSTM } from '../lstm/lstm-layer.js';
import { OneHotArgmax } from './one-hot-argmax.js';
import { checkJazzLayers, checkSteps } from './jazz-layers.js';

/**
 * The notebook's `music_inference_model`: generates `Ty` values with the trained shared layers.
 * Inputs `[x0, a0, c0]`, `x0` `[m, 1, nValues]` (zeros: the start) and the states `[m, nA]`; at
 * each step it runs `lstmCell` from `[a, c]`, applies `densor` (an output `[m, nValues]`), and
 * feeds back `one_hot(argmax(out))` (an {@link OneHotArgmax} layer, then `RepeatVector(1)`) as
 * the next input. It reuses `lstmCell` and `densor`, so it shares `djmodel`'s trained weights.
 *
 * @param lstmCell - The shared, trained LSTM (`returnState: true`).
 * @param densor - The shared, trained Dense softmax layer.
 * @param Ty - How many values to generate (1 … 1000, default 100, the notebook's).
 * @returns A `tf.LayersModel` with inputs `[x0, a0, c0]` and `Ty` outputs `[m, nValues]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { createJazzLayers, djmodel, musicInferenceModel } from '@dlkit/sequence';
 * const layers = createJazzLayers({ nA: 16 });
 * const model = djmodel(30, layers.lstmCell, layers.densor, layers.reshaper);
 * const inference = musicInferenceModel(layers.lstmCell, layers.densor, 50);
 * console.log(inference.outputs.length, inference.countParams() === model.countParams()); // 50 true
 * inference.dispose();
 * model.dispose();
 * layers.dispose();
 * ```
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export function musicInferenceModel(
  lstmCell: LSTM,
  densor: tf.layers.Layer,
  Ty = 100,
): tf.LayersModel {
  const fn = 'musicInferenceModel';
  return asCaller(fn, () => {
    const { nA, nValues } = checkJazzLayers(fn, lstmCell, densor);
    checkSteps(fn, 'Ty', Ty);
    const x0 = tf.input({ shape: [1, nValues] });
    const a0 = tf.input({ shape: [nA] });
    const c0 = tf.input({ shape: [nA] });
    const oneHotArgmax = new OneHotArgmax();
    const repeat = tf.layers.repeatVector({ n: 1 });
    let [x, a, c] = [x0, a0, c0];
    const outputs: tf.SymbolicTensor[] = [];
    for (let t = 0; t < Ty; t++) {
      [, a, c] = lstmCell.apply([x, a, c]) as tf.SymbolicTensor[] as [
        tf.SymbolicTensor,
        tf.SymbolicTensor,
        tf.SymbolicTensor,
      ];
      const out = densor.apply(a) as tf.SymbolicTensor;
      outputs.push(out);
      x = repeat.apply(oneHotArgmax.apply(out)) as tf.SymbolicTensor;
    }
    return tf.model({ inputs: [x0, a0, c0], outputs });
  });
}
