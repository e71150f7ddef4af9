import type * as tf from '@tensorflow/tfjs';
import { DlkitError, assertDtype, assertNumber, type ShapeChecker } from '@dlkit/core';

/**
 * A convolution's hyperparameters, the course's `hparameters` dictionary of `conv_forward`.
 *
 * @category C4 W1 · Convolution
 */
export interface ConvHparameters {
  /** How many pixels the filter moves between two outputs (an integer, at least 1). */
  stride: number;
  /** How many zeros pad each side of the input's height and width (an integer, at least 0). */
  pad: number;
}

/**
 * A pooling layer's hyperparameters, the course's `hparameters` dictionary of `pool_forward`.
 *
 * @category C4 W1 · Pooling
 */
export interface PoolHparameters {
  /** How many pixels the window moves between two outputs (an integer, at least 1). */
  stride: number;
  /** The window's height and width (an integer, at least 1). */
  f: number;
}

/**
 * Which pooling the course's `mode` argument asks for: `'max'` or `'average'`.
 *
 * @category C4 W1 · Pooling
 */
export type PoolMode = 'max' | 'average';

/**
 * How a from-scratch function computes: `'loop'` mirrors the notebook's four nested loops
 * (readable, slow: small inputs only); `'vectorized'` gathers the `f * f` strided windows with
 * tfjs ops (pads, slices, reshapes and one matrix product, im2col style), fast enough to train a
 * small network. Both give the same values.
 *
 * @category C4 W1 · Convolution
 */
export type ScratchImpl = 'loop' | 'vectorized';

/**
 * The trailing options of the from-scratch convolution and pooling functions.
 *
 * @category C4 W1 · Convolution
 */
export interface ScratchOptions {
  /** The implementation (default `'vectorized'`). */
  impl?: ScratchImpl;
}

/** Largest stride or pad accepted: far above any image, small enough that sizes stay exact. */
const MAX_HPARAMETER = 1 << 16;
/** Largest padded input accepted, in elements (1 GiB of float32). */
const MAX_ELEMENTS = 1 << 28;

function assertRecord(fn: string, argument: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new DlkitError('value', fn, `${argument} must be an object, got ${got}`, { argument });
  }
  return value as Record<string, unknown>;
}

/** Checks the trailing `{ impl }` options and returns the implementation to use. */
export function readImpl(fn: string, options: unknown): ScratchImpl {
  if (options === undefined) return 'vectorized';
  const { impl = 'vectorized' } = assertRecord(fn, 'options', options);
  if (impl !== 'loop' && impl !== 'vectorized') {
    throw new DlkitError(
      'value',
      fn,
      `options.impl must be 'loop' or 'vectorized', got ${typeof impl} ${String(impl)}`,
      { argument: 'options.impl' },
    );
  }
  return impl;
}

/** Checks the pooling `mode` argument. */
export function readMode(fn: string, mode: unknown): PoolMode {
  if (mode !== 'max' && mode !== 'average') {
    throw new DlkitError(
      'value',
      fn,
      `mode must be 'max' or 'average', got ${typeof mode} ${String(mode)}`,
      { argument: 'mode' },
    );
  }
  return mode;
}

/** Checks a 4-D float32 tensor against a pattern with a shared checker. */
export function checkFloat4D(
  shapes: ShapeChecker,
  argument: string,
  value: unknown,
  pattern: readonly (string | number)[],
): tf.Tensor4D {
  shapes.check(argument, value as tf.Tensor, pattern);
  assertDtype(shapes.fn, argument, value as tf.Tensor, ['float32']);
  return value as tf.Tensor4D;
}

/** The output size along one axis, `floor((nPrev + 2 pad - f) / stride) + 1`. */
export function outputSize(nPrev: number, f: number, stride: number, pad: number): number {
  return Math.floor((nPrev + 2 * pad - f) / stride) + 1;
}

/** What a checked convolution or pooling call works with. */
export interface WindowGeometry {
  m: number;
  nHPrev: number;
  nWPrev: number;
  nCPrev: number;
  f: number;
  stride: number;
  pad: number;
  nH: number;
  nW: number;
}

/**
 * Checks stride and pad (or stride and f) and that an `f x f` window fits the padded input.
 *
 * @param fn - The public function.
 * @param argument - Where the hyperparameters came from (`'hparameters'` or `'cache.hparameters'`).
 * @param hparameters - The value given.
 * @param aPrevShape - The checked input shape `[m, nHPrev, nWPrev, nCPrev]`.
 * @param filter - The filter size and where it came from, for a convolution; for pooling `f` is read
 *   from the hyperparameters.
 */
export function checkGeometry(
  fn: string,
  argument: string,
  hparameters: unknown,
  aPrevShape: readonly number[],
  filter?: { f: number; from: string },
): WindowGeometry {
  const hp = assertRecord(fn, argument, hparameters);
  const [m, nHPrev, nWPrev, nCPrev] = aPrevShape as [number, number, number, number];
  const stride = assertNumber(fn, `${argument}.stride`, hp.stride, {
    integer: true,
    min: 1,
    max: MAX_HPARAMETER,
  });
  const pad =
    filter === undefined
      ? 0
      : assertNumber(fn, `${argument}.pad`, hp.pad, { integer: true, min: 0, max: MAX_HPARAMETER });
  const f =
    filter?.f ??
    assertNumber(fn, `${argument}.f`, hp.f, { integer: true, min: 1, max: MAX_HPARAMETER });
  const from = filter?.from ?? `${argument}.f`;
  const [hPad, wPad] = [nHPrev + 2 * pad, nWPrev + 2 * pad];
  if (m * hPad * wPad * nCPrev > MAX_ELEMENTS) {
    throw new DlkitError(
      'value',
      fn,
      `the padded input [${m}, ${hPad}, ${wPad}, ${nCPrev}] has more than 2^28 elements`,
      { argument: `${argument}.pad` },
    );
  }
  if (f > hPad || f > wPad) {
    const what = filter === undefined ? 'input' : 'padded input';
    throw new DlkitError(
      'shape',
      fn,
      `the window f = ${f} (from ${from}) is larger than the ${what}, ${hPad} x ${wPad}`,
      { argument: from },
    );
  }
  const nH = outputSize(nHPrev, f, stride, pad);
  const nW = outputSize(nWPrev, f, stride, pad);
  return { m, nHPrev, nWPrev, nCPrev, f, stride, pad, nH, nW };
}
