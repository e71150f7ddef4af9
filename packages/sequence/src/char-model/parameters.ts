import type * as tf from '@tensorflow/tfjs';
import { DlkitError, describeValue, type Dim, type ShapeChecker } from '@dlkit/core';
import { checkParameters as checkLayout } from '../rnn/check.js';

/**
 * The character model's parameters, as the notebook's `parameters` dictionary (examples in
 * columns, one character a step): `Wax` `[nA, nX]`, `Waa` `[nA, nA]`, `Wya` `[nY, nA]`, `b`
 * `[nA, 1]`, `by` `[nY, 1]`, where `nX = nY` is the vocabulary's size.
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharParameters {
  /** Input to hidden, `[nA, nX]`. */
  Wax: tf.Tensor;
  /** Hidden to hidden, `[nA, nA]`. */
  Waa: tf.Tensor;
  /** Hidden to output, `[nY, nA]`. */
  Wya: tf.Tensor;
  /** Hidden bias, `[nA, 1]`. */
  b: tf.Tensor;
  /** Output bias, `[nY, 1]`. */
  by: tf.Tensor;
}

/**
 * The gradients of {@link CharParameters}, as the notebook's `gradients` dictionary: `dWax`,
 * `dWaa`, `dWya`, `db`, `dby`, each with its parameter's shape.
 *
 * @category C5 W1 · Character-level language model
 */
export interface CharGradients {
  /** `[nA, nX]`. */
  dWax: tf.Tensor;
  /** `[nA, nA]`. */
  dWaa: tf.Tensor;
  /** `[nY, nA]`. */
  dWya: tf.Tensor;
  /** `[nA, 1]`. */
  db: tf.Tensor;
  /** `[nY, 1]`. */
  dby: tf.Tensor;
}

/**
 * The notebook's `char_to_ix`: each character's index, as a plain object or a `Map` (for
 * instance `@dlkit/datasets`' `Vocabulary.tokenToIndex`). It must hold `'\n'`, which ends a name.
 *
 * @category C5 W1 · Character-level language model
 */
export type CharToIx = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

/**
 * The notebook's `ix_to_char`: each index's character, as an array (for instance
 * `@dlkit/datasets`' `Vocabulary.indexToToken`) or a plain object keyed by index.
 *
 * @category C5 W1 · Character-level language model
 */
export type IxToChar = readonly string[] | Readonly<Record<number, string>>;

/** The keys of {@link CharParameters}, in the order the notebook unpacks them. */
export const PARAMETER_KEYS = ['Wax', 'Waa', 'Wya', 'b', 'by'] as const;

/** The sizes a checked parameter dictionary binds. */
export interface CharSizes {
  /** Hidden units. */
  nA: number;
  /** The vocabulary's size, `nX = nY`. */
  vocabSize: number;
}

const CHAR_LAYOUT: Record<keyof CharParameters, readonly Dim[]> = {
  Wax: ['nA', 'vocabSize'],
  Waa: ['nA', 'nA'],
  Wya: ['vocabSize', 'nA'],
  b: ['nA', 1],
  by: ['vocabSize', 1],
};

/**
 * Checks a {@link CharParameters} dictionary (live float32 tensors of agreeing shapes, input and
 * output both the vocabulary) and returns its sizes, binding `nA` and `vocabSize` in `shapes`.
 */
export function checkParameters(
  shapes: ShapeChecker,
  argument: string,
  parameters: unknown,
): CharSizes {
  checkLayout(shapes, argument, parameters, CHAR_LAYOUT);
  return { nA: shapes.dim('nA'), vocabSize: shapes.dim('vocabSize') };
}

/**
 * Checks a {@link CharGradients} dictionary: live float32 matrices under the five keys, with the
 * parameters' shapes when `withParameters` (after {@link checkParameters} bound them in `shapes`).
 */
export function checkGradients(
  shapes: ShapeChecker,
  argument: string,
  gradients: unknown,
  withParameters = false,
): CharGradients {
  const any: readonly Dim[] = [null, null];
  const layout: Record<keyof CharGradients, readonly Dim[]> = {
    dWax: withParameters ? CHAR_LAYOUT.Wax : any,
    dWaa: withParameters ? CHAR_LAYOUT.Waa : any,
    dWya: withParameters ? CHAR_LAYOUT.Wya : any,
    db: withParameters ? CHAR_LAYOUT.b : any,
    dby: withParameters ? CHAR_LAYOUT.by : any,
  };
  return checkLayout(shapes, argument, gradients, layout);
}

/** Just the five gradients of a dictionary (the notebook's also carries `da_next`). */
export function pickGradients(g: CharGradients): CharGradients {
  return { dWax: g.dWax, dWaa: g.dWaa, dWya: g.dWya, db: g.db, dby: g.dby };
}

/** `char_to_ix[ch]`, checked: an integer index in `[0, size)`. */
export function indexOfChar(
  fn: string,
  argument: string,
  charToIx: unknown,
  ch: string,
  size: number,
): number {
  let ix: unknown;
  if (charToIx instanceof Map) ix = charToIx.get(ch);
  else if (charToIx !== null && typeof charToIx === 'object' && !Array.isArray(charToIx)) {
    ix = Object.prototype.hasOwnProperty.call(charToIx, ch)
      ? (charToIx as Record<string, unknown>)[ch]
      : undefined;
  } else {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an object or a Map from characters to indices, got ${describeValue(charToIx)}`,
      { argument },
    );
  }
  if (typeof ix !== 'number' || !Number.isInteger(ix) || ix < 0 || ix >= size) {
    throw new DlkitError(
      'value',
      fn,
      `${argument}[${JSON.stringify(ch)}] must be an index in [0, ${size}), got ${describeValue(ix)}`,
      { argument },
    );
  }
  return ix;
}

/** `ix_to_char[ix]`, checked: a string. */
export function charOfIndex(fn: string, argument: string, ixToChar: unknown, ix: number): string {
  if (ixToChar === null || typeof ixToChar !== 'object' || ixToChar instanceof Map) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array or an object from indices to characters, got ${describeValue(ixToChar)}`,
      { argument },
    );
  }
  const ch = (ixToChar as Record<number, unknown>)[ix];
  if (typeof ch !== 'string') {
    throw new DlkitError(
      'value',
      fn,
      `${argument}[${ix}] must be a character, got ${describeValue(ch)}`,
      { argument },
    );
  }
  return ch;
}
