import { asCaller, assertNumber } from '@dlkit/core';
import { checkAudioClip, type AudioClip } from './audio-clip.js';

/** pydub's `segment + dB`: every sample times 10^(dB/20), as a new clip. */
export function applyGain(clip: AudioClip, dB: number): AudioClip {
  const factor = 10 ** (dB / 20);
  return { rate: clip.rate, samples: clip.samples.map((v) => v * factor) };
}

/** pydub's `dBFS` of floats at full scale 1: 20·log10(rms); −Infinity for silence. */
export function dBFS(clip: AudioClip): number {
  let sum = 0;
  for (const v of clip.samples) sum += v * v;
  return clip.samples.length === 0 ? -Infinity : 10 * Math.log10(sum / clip.samples.length);
}

/**
 * pydub's `background.overlay(clip, position=ms)`: a copy of `background` with `clip` added from
 * sample round(ms · rate / 1000), cut at the background's end. The caller checks the rates agree.
 */
export function overlay(background: AudioClip, clip: AudioClip, positionMs: number): AudioClip {
  const samples = background.samples.slice();
  const start = Math.round((positionMs * background.rate) / 1000);
  const end = Math.min(samples.length, start + clip.samples.length);
  for (let i = start; i < end; i++) samples[i]! += clip.samples[i - start]!;
  return { rate: background.rate, samples };
}

/**
 * The notebook's `match_target_amplitude(sound, target_dBFS)`: the sound scaled so that its
 * loudness, 20·log10(rms) with full scale 1 (pydub's `dBFS`), is `targetDBFS`; the notebook
 * calls it with −20 on every training example. A silent sound is returned unchanged.
 *
 * @param sound - The clip: `rate`, `samples` `[n]`.
 * @param targetDBFS - The loudness to reach, in dB relative to full scale (≤ 0 for samples within ±1 on average).
 * @returns A new clip.
 *
 * @example
 * ```ts
 * import { matchTargetAmplitude } from '@dlkit/sequence';
 * const sound = { rate: 8000, samples: new Float32Array([0.5, -0.5, 0.5, -0.5]) };
 * const quieter = matchTargetAmplitude(sound, -20);
 * console.log(quieter.samples[0].toFixed(3)); // 0.100
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export function matchTargetAmplitude(sound: AudioClip, targetDBFS: number): AudioClip {
  const fn = 'matchTargetAmplitude';
  return asCaller(fn, () => {
    const clip = checkAudioClip(fn, 'sound', sound);
    assertNumber(fn, 'targetDBFS', targetDBFS, { min: -200, max: 100 });
    return matchAmplitude(clip, targetDBFS);
  });
}

/** {@link matchTargetAmplitude} on a checked clip. */
export function matchAmplitude(clip: AudioClip, targetDBFS: number): AudioClip {
  const level = dBFS(clip);
  return Number.isFinite(level) ? applyGain(clip, targetDBFS - level) : clip;
}
