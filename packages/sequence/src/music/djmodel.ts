import * as tf from '@tensorflow/tfjs';
import { asCaller, describeValue, DlkitError } from '@dlkit/core';
import type { LSTM } from '../lstm/lstm-layer.js';
import { SliceTimestep } from './slice-timestep.js';
import { checkJazzLayers, checkSteps } from './jazz-layers.js';

/** Checks that `reshaper` is the notebook's `Reshape((1, n_values))`. */
function checkReshaper(fn: string, reshaper: unknown, nValues: number): tf.layers.Layer {
  const target =
    reshaper instanceof tf.layers.Layer && reshaper.getClassName() === 'Reshape'
      ? (reshaper.getConfig()['targetShape'] as number[])
      : undefined;
  if (target === undefined || target.length !== 2 || target[0] !== 1 || target[1] !== nValues) {
    throw new DlkitError(
      'value',
      fn,
      `reshaper must be tf.layers.reshape({ targetShape: [1, ${nValues}] }), got ${describeValue(reshaper)}`,
      { argument: 'reshaper' },
    );
  }
  return reshaper as tf.layers.Layer;
}

/**
 * The notebook's `djmodel`: the LSTM improvisation model trained to predict each next value.
 * Inputs `[X, a0, c0]`, `X` `[m, Tx, nValues]` and the states `[m, nA]`; for each step `t` it
 * takes `x = X[:, t, :]`, reshapes it to `[m, 1, nValues]`, runs the shared `lstmCell` from
 * `[a, c]`, and applies the shared `densor`: `Tx` outputs `[m, nValues]`, one softmax a step.
 * Every step uses the same three layers, so the model has one set of weights (45,530 parameters
 * for `Tx` 30, 90 values, 64 units). Train it as the notebook does:
 * `model.fit([X, a0, c0], tf.unstack(Y), ...)` with `categoricalCrossentropy`. Disposing the
 * model frees none of the shared weights (tfjs counts each step's use): the layers' `dispose`
 * does.
 *
 * @param Tx - The number of steps (1 … 1000).
 * @param lstmCell - The shared LSTM (`createJazzLayers().lstmCell`: `returnState: true`).
 * @param densor - The shared Dense softmax layer, `nValues` units.
 * @param reshaper - The shared `tf.layers.reshape({ targetShape: [1, nValues] })`.
 * @returns A `tf.LayersModel` with inputs `[X, a0, c0]` and `Tx` outputs `[m, nValues]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { createJazzLayers, djmodel } from '@dlkit/sequence';
 * const layers = createJazzLayers({ nA: 64, nValues: 90 });
 * const model = djmodel(30, layers.lstmCell, layers.densor, layers.reshaper);
 * console.log(model.countParams(), model.outputs.length); // 45530 30
 * model.dispose();
 * layers.dispose();
 * ```
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export function djmodel(
  Tx: number,
  lstmCell: LSTM,
  densor: tf.layers.Layer,
  reshaper: tf.layers.Layer,
): tf.LayersModel {
  const fn = 'djmodel';
  return asCaller(fn, () => {
    checkSteps(fn, 'Tx', Tx);
    const { nA, nValues } = checkJazzLayers(fn, lstmCell, densor);
    checkReshaper(fn, reshaper, nValues);
    const X = tf.input({ shape: [Tx, nValues] });
    const a0 = tf.input({ shape: [nA] });
    const c0 = tf.input({ shape: [nA] });
    let a = a0;
    let c = c0;
    const outputs: tf.SymbolicTensor[] = [];
    for (let t = 0; t < Tx; t++) {
      const x = reshaper.apply(new SliceTimestep({ t }).apply(X)) as tf.SymbolicTensor;
      [, a, c] = lstmCell.apply([x, a, c]) as tf.SymbolicTensor[] as [
        tf.SymbolicTensor,
        tf.SymbolicTensor,
        tf.SymbolicTensor,
      ];
      outputs.push(densor.apply(a) as tf.SymbolicTensor);
    }
    return tf.model({ inputs: [X, a0, c0], outputs });
  });
}
