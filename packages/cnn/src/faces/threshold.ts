import { assertNumber, assertOptions } from '@dlkit/core';

/**
 * Options of {@link verify} and {@link whoIsIt}.
 *
 * @category C4 W4 · Face recognition
 */
export interface FaceMatchOptions {
  /**
   * The largest distance between unit-length encodings that counts as the same person. Default
   * 0.7, the notebook's (for its FaceNet); for {@link loadFaceRecognizer}'s network see the guide's
   * measured value.
   */
  threshold?: number;
}

/** Reads `options.threshold` (default 0.7): a finite number ≥ 0. */
export function readThreshold(fn: string, options: unknown): number {
  const o = assertOptions(fn, 'options', options as FaceMatchOptions | undefined, ['threshold']);
  return o.threshold === undefined
    ? 0.7
    : assertNumber(fn, 'options.threshold', o.threshold, { min: 0 });
}
