import { DlkitError, assertNumber, describeValue } from '@dlkit/core';

/**
 * A mono sound: its samples (floats, full scale ±1) and its sample rate. `readWav` returns one,
 * `writeWav` and `graphSpectrogram` take one; it plays the part of the notebook's pydub
 * `AudioSegment` and of the `(rate, data)` pair its `get_wav_info` returns.
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export interface AudioClip {
  /** Samples a second (Hz), a positive integer. */
  rate: number;
  /** The samples, `[n]`, full scale ±1 (a 16-bit file's values divided by 32,768). */
  samples: Float32Array;
}

/** The most samples a second dlkit accepts (384 kHz, the highest rate of common audio hardware). */
export const MAX_RATE = 384_000;

/** Checks that `value` is an {@link AudioClip} of finite samples; returns it. */
export function checkAudioClip(fn: string, argument: string, value: unknown): AudioClip {
  const proto: unknown =
    value === null || typeof value !== 'object' ? undefined : Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be an audio clip { rate, samples }, got ${describeValue(value)}`,
      { argument },
    );
  }
  const clip = value as Partial<AudioClip>;
  assertNumber(fn, `${argument}.rate`, clip.rate, { integer: true, min: 1, max: MAX_RATE });
  if (!(clip.samples instanceof Float32Array)) {
    throw new DlkitError(
      'value',
      fn,
      `${argument}.samples must be a Float32Array, got ${describeValue(clip.samples)}`,
      { argument: `${argument}.samples` },
    );
  }
  const i = clip.samples.findIndex((v) => !Number.isFinite(v));
  if (i >= 0) {
    throw new DlkitError(
      'value',
      fn,
      `${argument}.samples must be finite, got ${clip.samples[i]} at index ${i}`,
      { argument: `${argument}.samples` },
    );
  }
  return clip as AudioClip;
}

/** A clip's length in whole milliseconds, rounded as pydub's `len(segment)` is. */
export function clipMs(clip: AudioClip): number {
  return Math.round((clip.samples.length * 1000) / clip.rate);
}
