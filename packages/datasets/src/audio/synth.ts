import type { RandomState } from '@dlkit/core';

/** A sound being built: samples at `rate`. */
export interface Voice {
  rate: number;
  samples: Float32Array;
}

/** `n` samples of a swept tone from `f0` to `f1` Hz (linear in frequency), with a second harmonic. */
export function sweep(
  rate: number,
  ms: number,
  f0: number,
  f1: number,
  amplitude: number,
): Float32Array {
  const n = Math.round((ms * rate) / 1000);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const f = f0 + ((f1 - f0) * i) / Math.max(1, n - 1);
    phase += (2 * Math.PI * f) / rate;
    // A raised-cosine envelope: 15 % attack, 25 % release, so clips start and end at zero.
    const t = i / Math.max(1, n - 1);
    const env =
      t < 0.15
        ? 0.5 - 0.5 * Math.cos((Math.PI * t) / 0.15)
        : t > 0.75
          ? 0.5 + 0.5 * Math.cos((Math.PI * (t - 0.75)) / 0.25)
          : 1;
    out[i] = amplitude * env * (Math.sin(phase) + 0.35 * Math.sin(2 * phase));
  }
  return out;
}

/** Pieces one after the other, with `gapMs` of silence between them. */
export function sequence(
  rate: number,
  gapMs: number,
  pieces: readonly Float32Array[],
): Float32Array {
  const gap = Math.round((gapMs * rate) / 1000);
  const total = pieces.reduce((s, p) => s + p.length, 0) + gap * (pieces.length - 1);
  const out = new Float32Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length + gap;
  }
  return out;
}

/** Coloured noise: white noise through a one-pole low-pass of coefficient `a` (0 white … near 1 brown), at `rms`. */
export function colouredNoise(rng: RandomState, n: number, a: number, rms: number): Float32Array {
  const white = rng.standardNormalArray(n);
  const out = new Float32Array(n);
  let y = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    y = a * y + (1 - a) * (white[i] as number);
    out[i] = y;
    sum += y * y;
  }
  const scale = rms / Math.sqrt(sum / Math.max(1, n) || 1);
  for (let i = 0; i < n; i++) out[i]! *= scale;
  return out;
}

/** A band of noise: white noise minus its low-passed self, low-passed again, in a raised-cosine envelope. */
export function noiseBurst(
  rng: RandomState,
  rate: number,
  ms: number,
  amplitude: number,
): Float32Array {
  const n = Math.round((ms * rate) / 1000);
  const band = colouredNoise(rng, n, 0.6, amplitude);
  for (let i = 0; i < n; i++) band[i]! *= Math.sin((Math.PI * i) / Math.max(1, n - 1));
  return band;
}
