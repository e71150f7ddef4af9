import * as tf from '@tensorflow/tfjs';
import { RandomState, ShapeChecker, asCaller, assertNumber, assertOptions } from '@dlkit/core';
import { rnnCellStep } from '../rnn/rnn-cell-forward.js';
import { checkParameters, indexOfChar, type CharParameters, type CharToIx } from './parameters.js';
import { checkTemperature, withTemperature } from './temperature.js';
import { oneHotColumn } from './one-hot.js';

/**
 * Options of {@link sample}.
 *
 * @category C5 W1 · Character-level language model
 */
export interface SampleOptions {
  /**
   * Divides the logits before the softmax: `p ∝ exp(z / T)`. 1 (default) samples the model's
   * distribution as the notebook does; below 1 is more conservative, above 1 more surprising.
   * Must be above 0.
   */
  temperature?: number;
  /** The longest sample before a `'\n'` is appended (default 50, the notebook's). */
  maxLength?: number;
}

/**
 * The notebook's `sample`: generates one name character by character from the RNN. It starts
 * from a zero input and a zero hidden state; each step computes `a = tanh(Wax x + Waa a_prev + b)`
 * and `ŷ = softmax(Wya a + by)`, draws the next index from `ŷ` with `np.random.seed(counter + seed)`
 * then `np.random.choice` (dlkit's `RandomState`, equal to NumPy's), and feeds it back one-hot. It
 * stops at `'\n'` or after 50 characters (then appends `'\n'`). As in the notebook, `seed` goes
 * up by one each step besides the counter, so the notebook's test gives its indices.
 *
 * @param parameters - `{ Wax [nA, nX], Waa [nA, nA], Wya [nY, nA], b [nA, 1], by [nY, 1] }`
 *   (`nX = nY`, the vocabulary's size).
 * @param charToIx - The notebook's `char_to_ix`; must map `'\n'`.
 * @param seed - The seed of the first draw, an integer `>= 0`.
 * @param options - `temperature` (default 1) and `maxLength` (default 50).
 * @returns The sampled indices, ending with `char_to_ix['\n']` (plain numbers, no tensors).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { sample } from '@dlkit/sequence';
 * const charToIx = Object.fromEntries(['\n', ...'abcdefghijklmnopqrstuvwxyz'].map((c, i) => [c, i]));
 * const rng = new RandomState(24); // the notebook's sample_test
 * const parameters = {
 *   Wax: rng.randn(100, 27), Waa: rng.randn(100, 100), Wya: rng.randn(27, 100),
 *   b: rng.randn(100, 1), by: rng.randn(27, 1),
 * };
 * console.log(sample(parameters, charToIx, 0).slice(0, 6)); // [23, 16, 26, 26, 24, 3]
 * tf.dispose(Object.values(parameters));
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function sample(
  parameters: CharParameters,
  charToIx: CharToIx,
  seed: number,
  options: SampleOptions = {},
): number[] {
  const fn = 'sample';
  const { nA, vocabSize } = checkParameters(new ShapeChecker(fn), 'parameters', parameters);
  const newline = indexOfChar(fn, 'charToIx', charToIx, '\n', vocabSize);
  const { temperature = 1, maxLength = 50 } = assertOptions(fn, 'options', options, [
    'temperature',
    'maxLength',
  ]);
  checkTemperature(fn, 'options.temperature', temperature);
  assertNumber(fn, 'options.maxLength', maxLength, { integer: true, min: 1, max: 100_000 });
  assertNumber(fn, 'seed', seed, { integer: true, min: 0, max: 2 ** 32 - 1 - 2 * maxLength });
  return asCaller(fn, () =>
    sampleIndices(parameters, nA, vocabSize, newline, seed, temperature, maxLength),
  );
}

function sampleIndices(
  parameters: CharParameters,
  nA: number,
  vocabSize: number,
  newline: number,
  seed: number,
  temperature: number,
  maxLength: number,
): number[] {
  const { Wax, Waa, Wya, b, by } = parameters;
  const cell = { Wax, Waa, Wya, ba: b, by };
  const indices: number[] = [];
  let x = tf.zeros([vocabSize, 1]);
  let aPrev = tf.zeros([nA, 1]);
  let idx = -1;
  let counter = 0;
  try {
    while (idx !== newline && counter !== maxLength) {
      const { aNext, ytPred } = rnnCellStep(x, aPrev, cell);
      const y = ytPred.dataSync();
      ytPred.dispose();
      const p = withTemperature(y, temperature);
      idx = new RandomState(counter + seed).choice(vocabSize, undefined, true, p);
      indices.push(idx);
      tf.dispose([x, aPrev]);
      x = oneHotColumn(idx, vocabSize);
      aPrev = aNext;
      seed += 1;
      counter += 1;
    }
  } finally {
    tf.dispose([x, aPrev]);
  }
  if (counter === maxLength) indices.push(newline);
  return indices;
}
