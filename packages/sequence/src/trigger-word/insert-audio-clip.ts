import { DlkitError, asCaller, assertOptions, type RandomState, type SeedOrRng } from '@dlkit/core';
import { checkAudioClip, clipMs, type AudioClip } from '../audio/audio-clip.js';
import { overlay } from '../audio/mix.js';
import { drawSegment } from './get-random-time-segment.js';
import { overlaps } from './is-overlapping.js';
import { checkSegments, randomStateOf, type SegmentTime } from './segment-time.js';

/**
 * Options of {@link insertAudioClip}.
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export interface InsertAudioClipOptions {
  /** The generator (the notebook's `np.random`) or a seed for a new one (default 0). */
  seed?: SeedOrRng;
}

/**
 * {@link insertAudioClip}'s result: the notebook's `(new_background, segment_time)`.
 *
 * @category C5 W3 · Trigger word detection
 */
export interface InsertAudioClipResult {
  /** The background with the clip added (or `background` itself when no place was found). */
  newBackground: AudioClip;
  /** Where the clip went, in ms; `(backgroundMs, backgroundMs)` when it was not inserted. */
  segmentTime: SegmentTime;
}

/** {@link insertAudioClip} on checked arguments. */
export function insertClip(
  fn: string,
  background: AudioClip,
  audioClip: AudioClip,
  previousSegments: SegmentTime[],
  rng: RandomState,
): InsertAudioClipResult {
  if (audioClip.rate !== background.rate) {
    throw new DlkitError(
      'value',
      fn,
      `audioClip.rate must equal background.rate = ${background.rate}, got ${audioClip.rate}`,
      { argument: 'audioClip.rate' },
    );
  }
  const backgroundMs = clipMs(background);
  const segmentMs = clipMs(audioClip);
  if (segmentMs < 1 || segmentMs >= backgroundMs) {
    throw new DlkitError(
      'value',
      fn,
      `audioClip must last 1 ms to less than the background's ${backgroundMs} ms, got ${segmentMs} ms`,
      { argument: 'audioClip' },
    );
  }
  let segmentTime = drawSegment(rng, segmentMs, backgroundMs);
  // The notebook's loop: up to 6 more draws while the place is taken.
  for (let retry = 5; overlaps(segmentTime, previousSegments) && retry >= 0; retry--) {
    segmentTime = drawSegment(rng, segmentMs, backgroundMs);
  }
  if (overlaps(segmentTime, previousSegments)) {
    return {
      newBackground: background,
      segmentTime: { segmentStart: backgroundMs, segmentEnd: backgroundMs },
    };
  }
  previousSegments.push(segmentTime);
  return { newBackground: overlay(background, audioClip, segmentTime.segmentStart), segmentTime };
}

/**
 * The notebook's `insert_audio_clip(background, audio_clip, previous_segments)`: draws a place
 * for the clip that overlaps no earlier segment (up to 7 draws of `getRandomTimeSegment`), adds
 * the clip there and appends the place to `previousSegments` (which it changes, as the notebook's
 * list). When every draw overlaps, it returns the background unchanged and the segment
 * `(backgroundMs, backgroundMs)` (the notebook's `(10000, 10000)`).
 *
 * @param background - The background: `rate`, `samples` `[n]` (10 s in the notebook).
 * @param audioClip - The clip to add, at the same rate and shorter than the background.
 * @param previousSegments - The segments already taken; the new one is pushed onto it.
 * @param options - `seed` (a `RandomState` or a seed, default 0).
 * @returns `{ newBackground, segmentTime }`.
 *
 * @example
 * ```ts
 * import { RandomState } from '@dlkit/core';
 * import { insertAudioClip } from '@dlkit/sequence';
 * const background = { rate: 1000, samples: new Float32Array(10_000) };
 * const activate = { rate: 1000, samples: new Float32Array(916).fill(0.5) };
 * const previous = [{ segmentStart: 3790, segmentEnd: 4400 }];
 * const { segmentTime } = insertAudioClip(background, activate, previous, { seed: new RandomState(5) });
 * console.log(segmentTime); // { segmentStart: 2254, segmentEnd: 3169 }, as the notebook prints
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export function insertAudioClip(
  background: AudioClip,
  audioClip: AudioClip,
  previousSegments: SegmentTime[],
  options: InsertAudioClipOptions = {},
): InsertAudioClipResult {
  const fn = 'insertAudioClip';
  return asCaller(fn, () => {
    const b = checkAudioClip(fn, 'background', background);
    const clip = checkAudioClip(fn, 'audioClip', audioClip);
    const previous = checkSegments(fn, 'previousSegments', previousSegments);
    const { seed } = assertOptions(fn, 'options', options, ['seed']);
    return insertClip(fn, b, clip, previous, randomStateOf(fn, seed));
  });
}
