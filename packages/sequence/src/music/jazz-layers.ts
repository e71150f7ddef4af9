import * as tf from '@tensorflow/tfjs';
import { DlkitError, asCaller, assertNumber, assertOptions, describeValue } from '@dlkit/core';
import { LSTM } from '../lstm/lstm-layer.js';
import { orthogonalRows } from './orthogonal.js';

/**
 * The notebook's three shared layers, made once and reused at every step of `djmodel` and of
 * `musicInferenceModel` (so both use the same weights).
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export interface JazzLayers {
  /** `Reshape((1, n_values))`: a step's one-hot `[m, nValues]` to the LSTM's `[m, 1, nValues]`. */
  reshaper: tf.layers.Layer;
  /** `LSTM(n_a, return_state=True)`: dlkit's {@link LSTM}, output `[a, a, c]`. */
  lstmCell: LSTM;
  /** `Dense(n_values, activation='softmax')`: `a` `[m, nA]` to probabilities `[m, nValues]`. */
  densor: tf.layers.Layer;
  /**
   * Frees the shared weights. tfjs counts every step's use of a shared layer, so disposing the
   * models made from these layers does not free them: dispose the models, then call this.
   */
  dispose: () => void;
}

/**
 * Options of {@link createJazzLayers}.
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export interface JazzLayersOptions {
  /** `n_a`, the LSTM's units (default 64, the notebook's). */
  nA?: number;
  /** `n_values`, the number of values (default 90, the notebook's and `MELODY_VALUES`'). */
  nValues?: number;
  /** The seed of the layers' initializers (default 1). */
  seed?: number;
}

/**
 * Makes the notebook's shared layers `reshaper`, `LSTM_cell` and `densor` (as `reshaper`,
 * `lstmCell`, `densor`), built and seeded: the LSTM's kernel Glorot-uniform and recurrent kernel
 * orthogonal (Keras' defaults), the dense kernel Glorot-uniform, biases zero (the forget gate's
 * 1). With `nA` 64 and `nValues` 90, `djmodel` on them has the notebook's 45,530 parameters.
 * `dispose()` frees their weights once the models that use them are disposed.
 *
 * @param options - `nA` (default 64), `nValues` (default 90), `seed` (default 1).
 * @returns The three layers and `dispose`, which frees their weights (the caller calls it).
 *
 * @example
 * ```ts
 * import { createJazzLayers } from '@dlkit/sequence';
 * const layers = createJazzLayers({ nA: 8, nValues: 90, seed: 1 });
 * const { reshaper, lstmCell, densor } = layers;
 * console.log(reshaper.getConfig()['targetShape'], lstmCell.units, densor.countParams()); // [1, 90] 8 810
 * layers.dispose();
 * ```
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export function createJazzLayers(options: JazzLayersOptions = {}): JazzLayers {
  const fn = 'createJazzLayers';
  return asCaller(fn, () => {
    const o = assertOptions(fn, 'options', options, ['nA', 'nValues', 'seed']);
    const nA = assertNumber(fn, 'options.nA', o.nA ?? 64, { integer: true, min: 1, max: 4096 });
    const nValues = assertNumber(fn, 'options.nValues', o.nValues ?? 90, {
      integer: true,
      min: 1,
      max: 100_000,
    });
    const seed = assertNumber(fn, 'options.seed', o.seed ?? 1, {
      integer: true,
      min: 0,
      max: 2 ** 32 - 1,
    });
    return buildJazzLayers(nA, nValues, seed);
  });
}

/** Whether a weight has been disposed (tfjs' LayerVariable throws on any use after that). */
function isDisposed(w: tf.LayerVariable): boolean {
  try {
    w.read();
    return false;
  } catch {
    return true;
  }
}

/** The three layers, built: their weights exist from the start, the recurrent kernel orthogonal. */
function buildJazzLayers(nA: number, nValues: number, seed: number): JazzLayers {
  const reshaper = tf.layers.reshape({ targetShape: [1, nValues] });
  const lstmCell = new LSTM({
    units: nA,
    returnState: true,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    recurrentInitializer: 'zeros',
  });
  // Built by a first eager call, so that the weights get their layer's name scope (`lstm_1/kernel`).
  tf.tidy(() => {
    lstmCell.apply([tf.zeros([1, 1, nValues]), tf.zeros([1, nA]), tf.zeros([1, nA])]);
  });
  const recurrent = lstmCell.weights[1] as tf.LayerVariable;
  tf.tidy(() => {
    recurrent.write(tf.tensor2d(orthogonalRows(nA, 4 * nA, seed + 1), [nA, 4 * nA]));
  });
  const densor = tf.layers.dense({
    units: nValues,
    activation: 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
  });
  tf.tidy(() => {
    densor.apply(tf.zeros([1, nA]));
  });
  const dispose = (): void => {
    for (const w of [...lstmCell.weights, ...densor.weights]) if (!isDisposed(w)) w.dispose();
  };
  return { reshaper, lstmCell, densor, dispose };
}

/** The first weight's shape of a built layer, or null when it has none yet. */
function kernelShape(layer: tf.layers.Layer): number[] | null {
  return layer.built && layer.weights.length > 0
    ? ((layer.weights[0] as tf.LayerVariable).shape as number[])
    : null;
}

function fail(
  fn: string,
  argument: string,
  detail: string,
  kind: 'value' | 'shape' = 'value',
): never {
  throw new DlkitError(kind, fn, `${argument} ${detail}`, { argument });
}

/**
 * Checks the shared layers and reads `nA` and `nValues` from them: `lstmCell` a dlkit LSTM with
 * `returnState`, `densor` a Dense layer, their weights (when built) consistent.
 */
export function checkJazzLayers(
  fn: string,
  lstmCell: unknown,
  densor: unknown,
): { nA: number; nValues: number } {
  if (!(lstmCell instanceof LSTM)) {
    fail(
      fn,
      'lstmCell',
      `must be a dlkit LSTM layer (lstm({ units, returnState: true })), got ${describeValue(lstmCell)}`,
    );
  }
  if (!lstmCell.returnState) fail(fn, 'lstmCell', 'must be made with returnState: true');
  if (!(densor instanceof tf.layers.Layer) || densor.getClassName() !== 'Dense') {
    fail(fn, 'densor', `must be a tf.layers.dense layer, got ${describeValue(densor)}`);
  }
  const nA = lstmCell.units;
  const nValues = densor.getConfig()['units'] as number;
  const d = kernelShape(densor);
  if (d !== null && d[0] !== nA) {
    fail(
      fn,
      'densor',
      `takes inputs of ${d[0]} features, but lstmCell has nA = ${nA} units`,
      'shape',
    );
  }
  const l = kernelShape(lstmCell);
  if (l !== null && l[0] !== nValues) {
    fail(
      fn,
      'lstmCell',
      `takes inputs of ${l[0]} values, but densor outputs nValues = ${nValues}`,
      'shape',
    );
  }
  return { nA, nValues };
}

/** Checks a step count (`Tx`, `Ty`): an integer in [1, 1000] (each step adds layers to the graph). */
export function checkSteps(fn: string, argument: string, value: unknown): number {
  return assertNumber(fn, argument, value, { integer: true, min: 1, max: 1000 });
}
