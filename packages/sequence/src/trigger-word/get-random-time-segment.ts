import {
  asCaller,
  assertNumber,
  assertOptions,
  type SeedOrRng,
  type RandomState,
} from '@dlkit/core';
import {
  BACKGROUND_MS,
  checkBackgroundMs,
  randomStateOf,
  type SegmentTime,
} from './segment-time.js';

/**
 * Options of {@link getRandomTimeSegment}.
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export interface RandomSegmentOptions {
  /** The generator (the notebook's global `np.random`), or a seed for a new one (default 0). Pass one `RandomState` through a loop. */
  seed?: SeedOrRng;
  /** The background's length in ms (default 10,000, the notebook's). */
  backgroundMs?: number;
}

/** {@link getRandomTimeSegment}'s draw, for the functions that call it. */
export function drawSegment(
  rng: RandomState,
  segmentMs: number,
  backgroundMs: number,
): SegmentTime {
  const segmentStart = rng.randint(0, backgroundMs - segmentMs);
  return { segmentStart, segmentEnd: segmentStart + segmentMs - 1 };
}

/**
 * The notebook's `get_random_time_segment(segment_ms)`: a random place for a clip of
 * `segmentMs` ms in a 10 s background, `segment_start = np.random.randint(0, 10000 - segment_ms)`
 * and `segment_end = segment_start + segment_ms - 1`, drawn as NumPy draws it.
 *
 * @param segmentMs - The clip's length in ms, `1 … backgroundMs - 1`.
 * @param options - `seed` (a `RandomState` or a seed, default 0), `backgroundMs` (10,000).
 * @returns `{ segmentStart, segmentEnd }` in ms, both included.
 *
 * @example
 * ```ts
 * import { RandomState } from '@dlkit/core';
 * import { getRandomTimeSegment } from '@dlkit/sequence';
 * const rng = new RandomState(5); // np.random.seed(5)
 * console.log(getRandomTimeSegment(916, { seed: rng })); // { segmentStart: 2915, segmentEnd: 3830 }
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export function getRandomTimeSegment(
  segmentMs: number,
  options: RandomSegmentOptions = {},
): SegmentTime {
  const fn = 'getRandomTimeSegment';
  return asCaller(fn, () => {
    const o = assertOptions(fn, 'options', options, ['seed', 'backgroundMs']);
    const backgroundMs = checkBackgroundMs(
      fn,
      'options.backgroundMs',
      o.backgroundMs ?? BACKGROUND_MS,
    );
    assertNumber(fn, 'segmentMs', segmentMs, { integer: true, min: 1, max: backgroundMs - 1 });
    return drawSegment(randomStateOf(fn, o.seed), segmentMs, backgroundMs);
  });
}
