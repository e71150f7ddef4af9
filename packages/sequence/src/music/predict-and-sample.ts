import * as tf from '@tensorflow/tfjs';
import { DlkitError, ShapeChecker, asCaller, assertTensor, describeValue } from '@dlkit/core';

/**
 * What {@link predictAndSample} returns, the notebook's `(results, indices)`.
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export interface PredictAndSampleResult {
  /** `[Ty, m, nValues]` float32: the one-hot vector of each generated value. */
  results: tf.Tensor3D;
  /** `[Ty, m]` int32: each generated value's index. */
  indices: tf.Tensor2D;
}

/** The inference model's input sizes: `x0` `[m, 1, nValues]`, `a0` and `c0` `[m, nA]`. */
function inputSizes(fn: string, model: unknown): { nValues: number; nA: number } {
  const shapes = model instanceof tf.LayersModel ? model.inputs.map((i) => i.shape) : [];
  const [x, a, c] = shapes;
  if (shapes.length !== 3 || x?.length !== 3 || a?.length !== 2 || c?.length !== 2) {
    throw new DlkitError(
      'value',
      fn,
      `inferenceModel must be a tf.LayersModel with inputs [x0, a0, c0] (musicInferenceModel), got ${describeValue(model)}`,
      { argument: 'inferenceModel' },
    );
  }
  return { nValues: x[2] as number, nA: a[1] as number };
}

/**
 * The notebook's `predict_and_sample`: runs the inference model from the given start and
 * states and returns the generated values, as indices and as one-hot vectors.
 *
 * @param inferenceModel - `musicInferenceModel(lstmCell, densor, Ty)`.
 * @param xInitializer - `[m, 1, nValues]`, the first input (the notebook's zeros `(1, 1, 90)`).
 * @param aInitializer - `[m, nA]`, the first hidden state (zeros).
 * @param cInitializer - `[m, nA]`, the first cell state (zeros).
 * @returns `{ results, indices }`: `[Ty, m, nValues]` and `[Ty, m]` (the caller disposes both).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { createJazzLayers, musicInferenceModel, predictAndSample } from '@dlkit/sequence';
 * const layers = createJazzLayers({ nA: 16 });
 * const inference = musicInferenceModel(layers.lstmCell, layers.densor, 20);
 * const x0 = tf.zeros([1, 1, 90]);
 * const a0 = tf.zeros([1, 16]);
 * const c0 = tf.zeros([1, 16]);
 * const { results, indices } = predictAndSample(inference, x0, a0, c0);
 * console.log(results.shape, indices.shape); // [20, 1, 90] [20, 1]
 * tf.dispose([x0, a0, c0, results, indices]);
 * inference.dispose();
 * layers.dispose();
 * ```
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export function predictAndSample(
  inferenceModel: tf.LayersModel,
  xInitializer: tf.Tensor,
  aInitializer: tf.Tensor,
  cInitializer: tf.Tensor,
): PredictAndSampleResult {
  const fn = 'predictAndSample';
  return asCaller(fn, () => {
    const { nValues, nA } = inputSizes(fn, inferenceModel);
    const inputs = [
      ['xInitializer', xInitializer],
      ['aInitializer', aInitializer],
      ['cInitializer', cInitializer],
    ] as const;
    for (const [name, t] of inputs) assertTensor(fn, name, t, { finite: true });
    new ShapeChecker(fn)
      .check('xInitializer', xInitializer, ['m', 1, nValues])
      .check('aInitializer', aInitializer, ['m', nA])
      .check('cInitializer', cInitializer, ['m', nA]);
    return tf.tidy(() => {
      const predicted = inferenceModel.predict([xInitializer, aInitializer, cInitializer]);
      const outputs = Array.isArray(predicted) ? predicted : [predicted];
      const indices = tf.stack(outputs.map((p) => tf.argMax(p, -1))) as tf.Tensor2D;
      const results = tf.oneHot(indices, nValues).toFloat() as tf.Tensor3D;
      return { results, indices };
    });
  });
}
