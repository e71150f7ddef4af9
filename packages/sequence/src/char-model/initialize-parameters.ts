import * as tf from '@tensorflow/tfjs';
import { RandomState, assertShapeSize, assertSize } from '@dlkit/core';
import type { CharParameters } from './parameters.js';

/**
 * The character model's `initialize_parameters` (the notebook's `utils.py`): `np.random.seed(1)`,
 * then `Wax`, `Waa`, `Wya` drawn as `randn · 0.01` in that order, and zero biases.
 *
 * @param nA - Hidden units (the notebook's `model` uses 50).
 * @param nX - Input size, the vocabulary's (27 for the dinosaur names).
 * @param nY - Output size, the vocabulary's.
 * @returns `{ Wax [nA, nX], Waa [nA, nA], Wya [nY, nA], b [nA, 1], by [nY, 1] }`, new tensors
 *   the caller disposes.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { characterModel } from '@dlkit/sequence';
 * const parameters = characterModel.initializeParameters(50, 27, 27);
 * console.log(parameters.Wax.shape, parameters.by.shape); // [50, 27] [27, 1]
 * tf.dispose(Object.values(parameters));
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function initializeParameters(nA: number, nX: number, nY: number): CharParameters {
  const fn = 'initializeParameters';
  assertSize(fn, 'nA', nA, 1);
  assertSize(fn, 'nX', nX, 1);
  assertSize(fn, 'nY', nY, 1);
  for (const [argument, shape] of [
    ['nA × nX', [nA, nX]],
    ['nA × nA', [nA, nA]],
    ['nY × nA', [nY, nA]],
  ] as const) {
    assertShapeSize(fn, argument, [...shape]);
  }
  const rng = new RandomState(1);
  const randn = (rows: number, cols: number): tf.Tensor =>
    tf.tensor2d(
      Float32Array.from(rng.standardNormalArray(rows * cols), (v) => v * 0.01),
      [rows, cols],
    );
  const Wax = randn(nA, nX);
  const Waa = randn(nA, nA);
  const Wya = randn(nY, nA);
  return { Wax, Waa, Wya, b: tf.zeros([nA, 1]), by: tf.zeros([nY, 1]) };
}
