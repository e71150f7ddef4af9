import type * as tf from '@tensorflow/tfjs';
import { DlkitError, formatShape } from '@dlkit/core';

/**
 * The sizes of a whole-sequence recurrent call (`lstmSequence`, `gruSequence`): `m` sequences
 * of `Tx` steps, `nX` input features, `nA` units.
 */
export interface SequenceDims {
  m: number;
  Tx: number;
  nX: number;
  nA: number;
}

/** Throws the shape error of a weight or state whose size does not fit the gates' `nA`. */
export function gateShapeError(
  fn: string,
  argument: string,
  pattern: string,
  shape: readonly number[],
  why = '',
): never {
  throw new DlkitError(
    'shape',
    fn,
    `${argument} must have shape ${pattern}${why}, got ${formatShape([...shape])}`,
    { argument },
  );
}

/**
 * `nA` from the kernel `[nX, gates nA]`: its column count must be a positive multiple of the
 * number of gate blocks (4 for the LSTM, 3 for the GRU).
 */
export function unitsFromKernel(fn: string, kernel: tf.Tensor, gates: number): number {
  const columns = kernel.shape[1] as number;
  if (columns === 0 || columns % gates !== 0) {
    const why = ` (a positive multiple of ${gates} columns)`;
    gateShapeError(fn, 'kernel', `[nX, ${gates}nA]`, kernel.shape, why);
  }
  return columns / gates;
}

/** Rejects a sequence with no time step (`Tx = 0`). */
export function assertTimeSteps(fn: string, Tx: number): void {
  if (Tx < 1) {
    throw new DlkitError('shape', fn, `x must have at least one time step (Tx >= 1), got Tx = 0`, {
      argument: 'x',
    });
  }
}
