import { describe, expect, it } from 'vitest';
import { expectDlkitError } from '@dlkit/test-harness';
import { makeTriggerWordClips, type TriggerWordClip } from '../index.js';

/** Zero crossings a second in a stretch of a clip: twice its dominant frequency for a tone. */
function crossingRate(clip: TriggerWordClip, from: number, to: number): number {
  const s = clip.samples.subarray(
    Math.floor(from * clip.samples.length),
    Math.floor(to * clip.samples.length),
  );
  let n = 0;
  for (let i = 1; i < s.length; i++) if (s[i - 1]! < 0 !== s[i]! < 0) n++;
  return (n * clip.rate) / s.length;
}

describe('makeTriggerWordClips', () => {
  const clips = makeTriggerWordClips({ backgroundMs: 2000, seed: 1 });

  it('makes the counts and lengths asked for, within full scale', () => {
    expect(clips.rate).toBe(8000);
    expect([clips.activates.length, clips.negatives.length, clips.backgrounds.length]).toEqual([
      10, 10, 4,
    ]);
    for (const b of clips.backgrounds) expect(b.samples.length).toBe(16_000);
    for (const c of [...clips.activates, ...clips.negatives]) {
      expect(c.samples.length / c.rate).toBeGreaterThan(0.09);
      expect(c.samples.length / c.rate).toBeLessThan(0.8);
      expect(Math.max(...c.samples.map(Math.abs))).toBeLessThanOrEqual(1.2);
    }
    expect(new Set(clips.negatives.map((c) => c.kind)).size).toBeGreaterThan(1);
  });

  it('is a function of the seed', () => {
    const again = makeTriggerWordClips({ backgroundMs: 2000, seed: 1 });
    expect(Array.from(again.activates[3]!.samples)).toEqual(
      Array.from(clips.activates[3]!.samples),
    );
    const other = makeTriggerWordClips({ backgroundMs: 2000, seed: 2 });
    expect(
      other.activates[3]!.samples.length === clips.activates[3]!.samples.length &&
        other.activates[3]!.samples.every((v, i) => v === clips.activates[3]!.samples[i]),
    ).toBe(false);
  });

  it('makes a keyword that rises in pitch, and falling negatives that fall', () => {
    for (const a of clips.activates) {
      expect(crossingRate(a, 0.25, 0.5)).toBeLessThan(crossingRate(a, 0.8, 0.95));
    }
    const falling = makeTriggerWordClips({
      negatives: 40,
      seed: 3,
      backgroundMs: 1000,
    }).negatives.filter((c) => c.kind === 'falling');
    expect(falling.length).toBeGreaterThan(0);
    for (const f of falling)
      expect(crossingRate(f, 0.15, 0.35)).toBeGreaterThan(crossingRate(f, 0.6, 0.8));
  });

  it('rejects bad options naming makeTriggerWordClips', () => {
    expectDlkitError(
      () => makeTriggerWordClips({ rate: 4000 }),
      /^makeTriggerWordClips: options.rate must be an integer >= 8000/,
    );
    expectDlkitError(
      () => makeTriggerWordClips({ activates: 0 }),
      /^makeTriggerWordClips: options.activates must be/,
    );
    expectDlkitError(
      () => makeTriggerWordClips({ seconds: 3 } as never),
      'makeTriggerWordClips: options has an unknown field seconds (known: activates, negatives, backgrounds, rate, backgroundMs, seed)',
    );
  });
});
