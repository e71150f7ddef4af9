import * as tf from '@tensorflow/tfjs';
import { ShapeChecker } from '@dlkit/core';
import { rnnCellStep } from '../rnn/rnn-cell-forward.js';
import { rnnCellGradients } from '../rnn/rnn-cell-backward.js';
import type { RnnParameters } from '../rnn/rnn-parameters.js';
import {
  checkGradients,
  checkParameters,
  type CharGradients,
  type CharParameters,
} from './parameters.js';

/**
 * The gradients the character model's backward pass carries from step to step: the five of
 * {@link CharGradients} and `daNext`, the gradient flowing into the previous hidden state (the
 * notebook's `gradients['da_next']`).
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharStepGradients extends CharGradients {
  /** `[nA, 1]`. */
  daNext: tf.Tensor;
}

/**
 * What {@link rnnStepForward} returns: the notebook's `(a_next, p_t)`.
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharStepForward {
  /** The new hidden state, `[nA, 1]` (new). */
  aNext: tf.Tensor;
  /** The distribution of the next character, `[vocabSize, 1]` (new). */
  pT: tf.Tensor;
}

/** The char model's parameters as the basic RNN cell names them (`b` is the cell's `ba`). */
export function cellParameters(p: CharParameters): RnnParameters {
  return { Wax: p.Wax, Waa: p.Waa, Wya: p.Wya, ba: p.b, by: p.by };
}

/**
 * The character model's `rnn_step_forward` (the notebook's `utils.py`): one step of the basic RNN
 * cell (`rnnCellForward`'s maths, with the bias named `b`), `aNext = tanh(Wax x + Waa aPrev + b)`
 * and `pT = softmax(Wya aNext + by)`.
 *
 * @param parameters - `{ Wax [nA, nX], Waa [nA, nA], Wya [nY, nA], b [nA, 1], by [nY, 1] }`.
 * @param aPrev - The previous hidden state, `[nA, 1]`.
 * @param x - This step's one-hot character (or zeros), `[nX, 1]`.
 * @returns `{ aNext [nA, 1], pT [nY, 1] }`, new tensors the caller disposes.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { characterModel } from '@dlkit/sequence';
 * const parameters = characterModel.initializeParameters(5, 27, 27);
 * const aPrev = tf.zeros([5, 1]);
 * const x = tf.tidy(() => tf.oneHot([3], 27).reshape([27, 1]).toFloat());
 * const { aNext, pT } = characterModel.rnnStepForward(parameters, aPrev, x);
 * console.log(aNext.shape, pT.shape); // [5, 1] [27, 1]
 * tf.dispose([aPrev, x, aNext, pT, ...Object.values(parameters)]);
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function rnnStepForward(
  parameters: CharParameters,
  aPrev: tf.Tensor,
  x: tf.Tensor,
): CharStepForward {
  const shapes = new ShapeChecker('rnnStepForward');
  checkParameters(shapes, 'parameters', parameters);
  shapes.checkFloat('aPrev', aPrev, ['nA', 1]).checkFloat('x', x, ['vocabSize', 1]);
  const { aNext, ytPred } = rnnCellStep(x, aPrev, cellParameters(parameters));
  return { aNext, pT: ytPred };
}

/**
 * The character model's `rnn_step_backward` (the notebook's `utils.py`): adds one step's
 * gradients to the running sums, the output layer's (`dWya += dy aᵀ`, `dby += dy`) and, through
 * `da = Wyaᵀ dy + daNext`, the cell's (`rnnCellBackward`'s maths: `db`, `dWax`, `dWaa`, and the
 * new `daNext = Waaᵀ (1 − a²) ⊙ da`). The notebook adds in place; this returns new sums.
 *
 * @param dy - `ŷ⟨t⟩ − y⟨t⟩`, `[nY, 1]`.
 * @param gradients - The sums so far, `{ dWax, dWaa, dWya, db, dby, daNext }`.
 * @param parameters - `{ Wax, Waa, Wya, b, by }`.
 * @param x - The step's input, `[nX, 1]`.
 * @param a - The step's hidden state, `[nA, 1]`.
 * @param aPrev - The previous hidden state, `[nA, 1]`.
 * @returns The new sums `{ dWax, dWaa, dWya, db, dby, daNext }`, new tensors (the inputs are
 *   left alone).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { characterModel } from '@dlkit/sequence';
 * const parameters = characterModel.initializeParameters(4, 3, 3);
 * const zeros = {
 *   dWax: tf.zeros([4, 3]), dWaa: tf.zeros([4, 4]), dWya: tf.zeros([3, 4]),
 *   db: tf.zeros([4, 1]), dby: tf.zeros([3, 1]), daNext: tf.zeros([4, 1]),
 * };
 * const x = tf.tensor2d([[1], [0], [0]]);
 * const aPrev = tf.zeros([4, 1]);
 * const { aNext, pT } = characterModel.rnnStepForward(parameters, aPrev, x);
 * const y = tf.tensor2d([[0], [1], [0]]);
 * const dy = pT.sub(y);
 * const sums = characterModel.rnnStepBackward(dy, zeros, parameters, x, aNext, aPrev);
 * sums.dby.print(); // ŷ − y: about [[0.333], [-0.667], [0.333]]
 * tf.dispose([x, y, aPrev, aNext, pT, dy, ...Object.values(parameters), ...Object.values(zeros), ...Object.values(sums)]);
 * ```
 *
 * @see the guide page `docs/sequence/char-model.md`
 * @category C5 W1 · Character-level language model
 */
export function rnnStepBackward(
  dy: tf.Tensor,
  gradients: CharStepGradients,
  parameters: CharParameters,
  x: tf.Tensor,
  a: tf.Tensor,
  aPrev: tf.Tensor,
): CharStepGradients {
  const shapes = new ShapeChecker('rnnStepBackward');
  checkParameters(shapes, 'parameters', parameters);
  checkGradients(shapes, 'gradients', gradients, true);
  shapes
    .checkFloat('gradients.daNext', gradients.daNext, ['nA', 1])
    .checkFloat('dy', dy, ['vocabSize', 1])
    .checkFloat('x', x, ['vocabSize', 1])
    .checkFloat('a', a, ['nA', 1])
    .checkFloat('aPrev', aPrev, ['nA', 1]);
  return stepBackward(dy, gradients, parameters, x, a, aPrev);
}

/** {@link rnnStepBackward} without the checks. */
export function stepBackward(
  dy: tf.Tensor,
  g: CharStepGradients,
  parameters: CharParameters,
  x: tf.Tensor,
  a: tf.Tensor,
  aPrev: tf.Tensor,
): CharStepGradients {
  return tf.tidy(() => {
    const da = tf.matMul(parameters.Wya, dy, true, false).add(g.daNext);
    const cell = rnnCellGradients(da, {
      aNext: a,
      aPrev,
      xt: x,
      parameters: cellParameters(parameters),
    });
    return {
      dWax: g.dWax.add(cell.dWax),
      dWaa: g.dWaa.add(cell.dWaa),
      dWya: g.dWya.add(tf.matMul(dy, a, false, true)),
      db: g.db.add(cell.dba),
      dby: g.dby.add(dy),
      daNext: cell.daPrev,
    };
  });
}
