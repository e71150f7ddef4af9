import { asCaller } from '@dlkit/core';
import { checkSegmentTime, checkSegments, type SegmentTime } from './segment-time.js';

/** {@link isOverlapping} on checked arguments. */
export function overlaps(
  segmentTime: SegmentTime,
  previousSegments: readonly SegmentTime[],
): boolean {
  return previousSegments.some(
    (p) => segmentTime.segmentStart <= p.segmentEnd && segmentTime.segmentEnd >= p.segmentStart,
  );
}

/**
 * The notebook's `is_overlapping(segment_time, previous_segments)`: whether a segment shares a
 * millisecond with any earlier one (`start <= previous_end and end >= previous_start`).
 *
 * @param segmentTime - `{ segmentStart, segmentEnd }` in ms.
 * @param previousSegments - The segments already taken.
 * @returns True when it overlaps one of them.
 *
 * @example
 * ```ts
 * import { isOverlapping } from '@dlkit/sequence';
 * const previous = [{ segmentStart: 0, segmentEnd: 1000 }, { segmentStart: 1100, segmentEnd: 1400 }];
 * console.log(isOverlapping({ segmentStart: 950, segmentEnd: 1430 }, previous)); // true
 * console.log(isOverlapping({ segmentStart: 2305, segmentEnd: 2950 }, previous)); // false
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export function isOverlapping(
  segmentTime: SegmentTime,
  previousSegments: readonly SegmentTime[],
): boolean {
  const fn = 'isOverlapping';
  return asCaller(fn, () =>
    overlaps(
      checkSegmentTime(fn, 'segmentTime', segmentTime),
      checkSegments(fn, 'previousSegments', previousSegments),
    ),
  );
}
