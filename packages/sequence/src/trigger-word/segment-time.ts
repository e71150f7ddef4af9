import { DlkitError, RandomState, assertNumber, describeValue, type SeedOrRng } from '@dlkit/core';

/**
 * A clip's place in a background, in milliseconds, both ends included: the notebook's
 * `segment_time = (segment_start, segment_end)`.
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export interface SegmentTime {
  /** The first millisecond. */
  segmentStart: number;
  /** The last millisecond (`segmentStart + segmentMs - 1`). */
  segmentEnd: number;
}

/** The notebook's background length: 10 s. */
export const BACKGROUND_MS = 10_000;

/** The longest background dlkit accepts: one hour. */
export const MAX_BACKGROUND_MS = 3_600_000;

/** Checks a {@link SegmentTime} (whole milliseconds, start ≤ end); returns it. */
export function checkSegmentTime(fn: string, argument: string, value: unknown): SegmentTime {
  const proto: unknown =
    value === null || typeof value !== 'object' ? undefined : Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a segment { segmentStart, segmentEnd }, got ${describeValue(value)}`,
      { argument },
    );
  }
  const { segmentStart, segmentEnd } = value as Partial<SegmentTime>;
  const bounds = { integer: true, min: 0, max: MAX_BACKGROUND_MS };
  assertNumber(fn, `${argument}.segmentStart`, segmentStart, bounds);
  assertNumber(fn, `${argument}.segmentEnd`, segmentEnd, { ...bounds, min: segmentStart });
  return value as SegmentTime;
}

/** Checks a list of segments (the notebook's `previous_segments`); returns it. */
export function checkSegments(fn: string, argument: string, value: unknown): SegmentTime[] {
  if (!Array.isArray(value)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an array of segments, got ${describeValue(value)}`,
      { argument },
    );
  }
  value.forEach((s, i) => checkSegmentTime(fn, `${argument}[${i}]`, s));
  return value as SegmentTime[];
}

/** Checks a background length option in milliseconds. */
export function checkBackgroundMs(fn: string, argument: string, value: unknown): number {
  return assertNumber(fn, argument, value, { integer: true, min: 2, max: MAX_BACKGROUND_MS });
}

/** The generator a `seed` option names: a `RandomState` as given, a number seeds a new one. */
export function randomStateOf(fn: string, seed: SeedOrRng | undefined): RandomState {
  if (seed instanceof RandomState) return seed;
  assertNumber(fn, 'options.seed', seed ?? 0, { integer: true, min: 0, max: 2 ** 32 - 1 });
  return new RandomState(seed ?? 0);
}
