import { RandomState, asCaller, assertNumber, assertOptions } from '@dlkit/core';
import { checkCount, checkSeed } from '../internal/options.js';
import { colouredNoise, noiseBurst, sequence, sweep } from './synth.js';

/**
 * Options of {@link makeTriggerWordClips}.
 *
 * @category C5 W3 · Trigger word detection
 */
export interface TriggerWordClipsOptions {
  /** How many keyword ("activate") clips (default 10). */
  activates?: number;
  /** How many other-sound ("negative") clips (default 10). */
  negatives?: number;
  /** How many backgrounds (default 4). */
  backgrounds?: number;
  /** Samples a second (default 8,000). */
  rate?: number;
  /** Each background's length in ms (default 10,000, the notebook's). */
  backgroundMs?: number;
  /** Seed of the NumPy-compatible generator (default 0); another seed gives other, held-out clips. */
  seed?: number;
}

/**
 * A sound of {@link TriggerWordClips}: mono samples at full scale ±1 and what it is.
 *
 * @category C5 W3 · Trigger word detection
 */
export interface TriggerWordClip {
  /** Samples a second. */
  rate: number;
  /** The samples, `[n]`. */
  samples: Float32Array;
  /** `'activate'` (the keyword), a negative's kind (`'falling'`, `'tone'`, `'double'`, `'burst'`), or `'background'`. */
  kind: string;
}

/**
 * What {@link makeTriggerWordClips} makes: the notebook's `activates`, `negatives` and `backgrounds`.
 *
 * @category C5 W3 · Trigger word detection
 */
export interface TriggerWordClips {
  /** Samples a second of every clip. */
  rate: number;
  /** The keyword: a rising two-part call (a sweep up an octave, then a short higher note). */
  activates: TriggerWordClip[];
  /** Other sounds: falling sweeps, steady tones, double beeps, noise bursts. */
  negatives: TriggerWordClip[];
  /** Coloured noise (white to brown) with a quiet mains hum. */
  backgrounds: TriggerWordClip[];
}

/** The keyword: sweep f0 → 2 f0, a short gap, a note at 2.5 f0. About 450–650 ms. */
function activate(rng: RandomState, rate: number): TriggerWordClip {
  const f0 = rng.uniform(450, 650);
  const amp = rng.uniform(0.4, 0.8);
  const samples = sequence(rate, rng.uniform(30, 60), [
    sweep(rate, rng.uniform(250, 350), f0, 2 * f0, amp),
    sweep(rate, rng.uniform(120, 200), 2.5 * f0, 2.5 * f0, amp),
  ]);
  return { rate, samples, kind: 'activate' };
}

const NEGATIVE_KINDS = ['falling', 'tone', 'double', 'burst'] as const;

/** One of four other sounds, in the keyword's range of pitch and length. */
function negative(rng: RandomState, rate: number): TriggerWordClip {
  const kind = NEGATIVE_KINDS[rng.randint(0, NEGATIVE_KINDS.length)]!;
  const f0 = rng.uniform(300, 1000);
  const amp = rng.uniform(0.4, 0.8);
  const ms = rng.uniform(300, 700);
  const samples =
    kind === 'falling'
      ? sweep(rate, ms, 2 * f0, f0, amp)
      : kind === 'tone'
        ? sweep(rate, ms, f0, f0, amp)
        : kind === 'double'
          ? sequence(rate, 80, [sweep(rate, ms / 3, f0, f0, amp), sweep(rate, ms / 3, f0, f0, amp)])
          : noiseBurst(rng, rate, ms, amp / 2);
  return { rate, samples, kind };
}

/** Coloured noise at a random tint and level, plus a 50 or 60 Hz hum with two harmonics. */
function background(rng: RandomState, rate: number, ms: number): TriggerWordClip {
  const n = Math.round((ms * rate) / 1000);
  const samples = colouredNoise(rng, n, rng.uniform(0, 0.95), rng.uniform(0.05, 0.2));
  const mains = rng.randint(0, 2) === 0 ? 50 : 60;
  const hum = rng.uniform(0, 0.05);
  for (let i = 0; i < n; i++) {
    const w = (2 * Math.PI * mains * i) / rate;
    samples[i]! += hum * (Math.sin(w) + 0.5 * Math.sin(2 * w) + 0.25 * Math.sin(3 * w));
  }
  return { rate, samples, kind: 'background' };
}

/**
 * Synthetic sounds for the trigger-word lab, made offline from a seed (the notebook records
 * people saying "activate", other words and backgrounds; dlkit has no recordings to ship): the
 * keyword is a rising two-part call, the negatives are falling sweeps, steady tones, double beeps
 * and noise bursts in the same pitch range, and the backgrounds are coloured noise with mains
 * hum. Every clip is mono at full scale ±1; clips are 0.3–0.75 s, backgrounds `backgroundMs`.
 *
 * @param options - Counts, `rate` (8,000), `backgroundMs` (10,000), `seed` (0).
 * @returns `{ rate, activates, negatives, backgrounds }`.
 *
 * @example
 * ```ts
 * import { makeTriggerWordClips } from '@dlkit/datasets';
 * const { activates, negatives, backgrounds } = makeTriggerWordClips({ backgroundMs: 2000, seed: 1 });
 * console.log(activates.length, negatives.length, backgrounds[0].samples.length); // 10 10 16000
 * ```
 *
 * @category C5 W3 · Trigger word detection
 */
export function makeTriggerWordClips(options: TriggerWordClipsOptions = {}): TriggerWordClips {
  const fn = 'makeTriggerWordClips';
  return asCaller(fn, () => {
    const o = assertOptions(fn, 'options', options, [
      'activates',
      'negatives',
      'backgrounds',
      'rate',
      'backgroundMs',
      'seed',
    ]);
    const nA = checkCount(fn, 'options.activates', o.activates ?? 10, 1, 10_000);
    const nN = checkCount(fn, 'options.negatives', o.negatives ?? 10, 1, 10_000);
    const nB = checkCount(fn, 'options.backgrounds', o.backgrounds ?? 4, 1, 1000);
    // 8 kHz keeps the highest partial (the keyword's last note, 2.5 × 650 Hz, and its second
    // harmonic, 3,250 Hz; a falling sweep's 2 × 1,000 Hz and its 4,000 Hz) at or below Nyquist.
    const rate = checkCount(fn, 'options.rate', o.rate ?? 8000, 8000, 192_000);
    const ms = assertNumber(fn, 'options.backgroundMs', o.backgroundMs ?? 10_000, {
      integer: true,
      min: 1000,
      max: 600_000,
    });
    const rng = new RandomState(checkSeed(fn, o.seed ?? 0));
    return {
      rate,
      activates: Array.from({ length: nA }, () => activate(rng, rate)),
      negatives: Array.from({ length: nN }, () => negative(rng, rate)),
      backgrounds: Array.from({ length: nB }, () => background(rng, rate, ms)),
    };
  });
}
