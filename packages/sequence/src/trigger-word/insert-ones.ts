import * as tf from '@tensorflow/tfjs';
import { asCaller, assertNumber, assertOptions, assertShape, assertTensor } from '@dlkit/core';
import { BACKGROUND_MS, MAX_BACKGROUND_MS, checkBackgroundMs } from './segment-time.js';

/**
 * Options of {@link insertOnes}.
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export interface InsertOnesOptions {
  /** The background's length in ms (default 10,000, the notebook's). */
  backgroundMs?: number;
  /** How many output steps after the end become 1 (default 50, the notebook's). */
  steps?: number;
}

/** The notebook's label rule on an array `[Ty]`, in place: steps `end+1 … end+steps` become 1. */
export function setOnes(
  y: Float32Array,
  segmentEndMs: number,
  backgroundMs: number,
  steps: number,
): void {
  const Ty = y.length;
  const segmentEndY = Math.floor((segmentEndMs * Ty) / backgroundMs);
  for (let i = segmentEndY + 1; i <= segmentEndY + steps && i < Ty; i++) y[i] = 1;
}

/** Checks {@link insertOnes}' options; returns them with their defaults. */
export function checkInsertOnesOptions(
  fn: string,
  options: InsertOnesOptions | undefined,
): Required<InsertOnesOptions> {
  const o = assertOptions(fn, 'options', options, ['backgroundMs', 'steps']);
  const backgroundMs = checkBackgroundMs(
    fn,
    'options.backgroundMs',
    o.backgroundMs ?? BACKGROUND_MS,
  );
  const steps = assertNumber(fn, 'options.steps', o.steps ?? 50, {
    integer: true,
    min: 0,
    max: 1e6,
  });
  return { backgroundMs, steps };
}

/**
 * The notebook's `insert_ones(y, segment_end_ms)`: the labels after an "activate" ends. The end
 * maps to output step `segment_end_y = int(segment_end_ms · Ty / 10000)` and the 50 steps after it
 * (`segment_end_y + 1 … segment_end_y + 50`, those below `Ty`) become 1; an end at or past the
 * background's (the `(10000, 10000)` of a clip that found no place) changes nothing.
 *
 * @param y - The labels `[1, Ty]` (the notebook's `Ty` = 1375 for 10 s).
 * @param segmentEndMs - The activate's last millisecond.
 * @param options - `backgroundMs` (10,000), `steps` (50).
 * @returns A new tensor `[1, Ty]` (tensors are immutable: `y` is left as it is; the caller disposes both).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { insertOnes } from '@dlkit/sequence';
 * const y0 = tf.zeros([1, 1375]);
 * const y1 = insertOnes(y0, 9700);
 * const y2 = insertOnes(y1, 4251);
 * const v = y2.dataSync();
 * console.log(v[1333], v[634], v[635]); // 0 1 0, the notebook's sanity checks
 * tf.dispose([y0, y1, y2]);
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export function insertOnes(
  y: tf.Tensor2D,
  segmentEndMs: number,
  options: InsertOnesOptions = {},
): tf.Tensor2D {
  const fn = 'insertOnes';
  return asCaller(fn, () => {
    assertTensor(fn, 'y', y, { rank: 2, finite: true });
    assertShape(fn, 'y', y, [1, 'Ty']);
    assertNumber(fn, 'segmentEndMs', segmentEndMs, {
      integer: true,
      min: 0,
      max: MAX_BACKGROUND_MS,
    });
    const { backgroundMs, steps } = checkInsertOnesOptions(fn, options);
    const values = Float32Array.from(y.dataSync());
    setOnes(values, segmentEndMs, backgroundMs, steps);
    return tf.tensor2d(values, y.shape);
  });
}
