import {
  ShapeChecker,
  asCaller,
  assertNumber,
  updateParameters as gradientStep,
} from '@dlkit/core';
import {
  checkGradients,
  checkParameters,
  type CharGradients,
  type CharParameters,
} from './parameters.js';

/**
 * The character model's `update_parameters` (the notebook's `utils.py`): one step of gradient
 * descent, `θ = θ − α dθ` for `Wax`, `Waa`, `Wya`, `b`, `by`. The notebook updates in place;
 * this returns new tensors.
 *
 * @param parameters - `{ Wax [nA, nX], Waa [nA, nA], Wya [nY, nA], b [nA, 1], by [nY, 1] }`.
 * @param gradients - `{ dWax, dWaa, dWya, db, dby }` with the parameters' shapes.
 * @param lr - The learning rate `α`, `>= 0`.
 * @returns The updated parameters, new tensors the caller disposes (the inputs are left alone).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { characterModel } from '@dlkit/sequence';
 * const parameters = characterModel.initializeParameters(4, 3, 3);
 * const gradients = {
 *   dWax: tf.ones([4, 3]), dWaa: tf.ones([4, 4]), dWya: tf.ones([3, 4]),
 *   db: tf.ones([4, 1]), dby: tf.ones([3, 1]),
 * };
 * const next = characterModel.updateParameters(parameters, gradients, 0.01);
 * next.by.print(); // [[-0.01], [-0.01], [-0.01]]
 * tf.dispose([...Object.values(parameters), ...Object.values(gradients), ...Object.values(next)]);
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function updateParameters(
  parameters: CharParameters,
  gradients: CharGradients,
  lr: number,
): CharParameters {
  const fn = 'updateParameters';
  const shapes = new ShapeChecker(fn);
  checkParameters(shapes, 'parameters', parameters);
  const { dWax, dWaa, dWya, db, dby } = checkGradients(shapes, 'gradients', gradients, true);
  assertNumber(fn, 'lr', lr, { min: 0 });
  const { Wax, Waa, Wya, b, by } = parameters;
  return asCaller(
    fn,
    () =>
      gradientStep(
        { Wax, Waa, Wya, b, by },
        { dWax, dWaa, dWya, db, dby },
        lr,
        fn,
      ) as unknown as CharParameters,
  );
}
