import type { RandomState } from '@dlkit/core';
import { MELODY_VALUES, type MelodyTokenType } from './melody-values.js';
import {
  BEATS_PER_BAR,
  PROGRESSION,
  START_PITCH,
  chordAt,
  movePitch,
  pitchSet,
} from './harmony.js';

/**
 * The rhythms a bar may take, in beats: a positive length is a note, a negative one a rest.
 * Each sums to the bar's 4 beats.
 */
const RHYTHMS: readonly (readonly number[])[] = [
  [1, 1, 1, 1],
  [0.5, 0.5, 0.5, 0.5, 1, 1],
  [1, 0.5, 0.5, 1, 0.5, 0.5],
  [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
  [1.5, 0.5, 1, 1],
  [1, 0.25, 0.25, 0.5, 1, -1],
  [1, 1, -2],
  [0.5, 0.5, 1, 1.5, 0.5],
  [-0.5, 0.5, 0.5, 0.5, 1, 1],
  [1.5, 0.5, 0.5, 0.5, -1],
];

/** The grammar's state while it writes a melody: time, last pitch, contour direction. */
interface Writer {
  rng: RandomState;
  time: number;
  pitch: number;
  direction: 1 | -1;
  out: number[];
}

function valueIndex(type: MelodyTokenType, duration: number, move = 0): number {
  const beats = duration.toFixed(3);
  const value = type === 'R' ? `R,${beats}` : `${type},${beats},${move > 0 ? `+${move}` : move}`;
  return MELODY_VALUES.indexOf(value);
}

/** Picks `options[k]` with probability `weights[k]`. */
function pick<T>(rng: RandomState, options: readonly T[], weights: readonly number[]): T {
  let u = rng.nextDouble();
  for (let k = 0; k < options.length; k++) {
    u -= weights[k] as number;
    if (u < 0) return options[k] as T;
  }
  return options.at(-1) as T;
}

/** How far a note of `type` moves: chord tones leap 1–2, scale tones mostly step, approaches step. */
function moveSize(
  rng: RandomState,
  type: Exclude<MelodyTokenType, 'R'>,
  resolving: boolean,
): number {
  if (resolving) return 0;
  if (type === 'C') return pick(rng, [0, 1, 2], [0.1, 0.6, 0.3]);
  if (type === 'S') return pick(rng, [1, 2], [0.8, 0.2]);
  return 1;
}

/** Writes one note of `type`, keeping the contour's direction and the melody mid-range. */
function writeNote(
  w: Writer,
  type: Exclude<MelodyTokenType, 'R'>,
  duration: number,
  resolving: boolean,
): void {
  if (w.rng.nextDouble() < 0.3) w.direction = w.direction === 1 ? -1 : 1;
  if (w.pitch > 76) w.direction = -1;
  if (w.pitch < 62) w.direction = 1;
  const move = moveSize(w.rng, type, resolving) * w.direction;
  w.pitch = movePitch(pitchSet(type, chordAt(w.time)), w.pitch, move);
  w.out.push(valueIndex(type, duration, move));
}

/** The type of the note at `k` in a bar: on a beat a chord tone, off it mostly scale tones, sometimes an approach. */
function noteType(
  w: Writer,
  rhythm: readonly number[],
  k: number,
  afterApproach: boolean,
): Exclude<MelodyTokenType, 'R'> {
  const beat = w.time % BEATS_PER_BAR;
  if (afterApproach || Number.isInteger(beat)) return 'C';
  const nextIsNote = (rhythm[k + 1] ?? -1) > 0;
  if (nextIsNote && w.rng.nextDouble() < 0.25) return 'A';
  return w.rng.nextDouble() < 0.85 ? 'S' : 'C';
}

/** Writes one bar: a rhythm, then a type and a move for each note. */
function writeBar(w: Writer): void {
  const rhythm = pick(
    w.rng,
    RHYTHMS,
    RHYTHMS.map(() => 1 / RHYTHMS.length),
  );
  let afterApproach = false;
  rhythm.forEach((length, k) => {
    const duration = Math.abs(length);
    if (length < 0 || (!afterApproach && w.rng.nextDouble() < 0.05)) {
      w.out.push(valueIndex('R', duration));
    } else {
      const type = noteType(w, rhythm, k, afterApproach);
      writeNote(w, type, duration, afterApproach);
      afterApproach = type === 'A';
    }
    w.time += duration;
  });
}

/**
 * Writes `choruses` choruses of the 4-bar progression as indices into `MELODY_VALUES`, by the
 * grammar `checkMelodyGrammar` checks, and where each chorus starts.
 */
export function generateMelody(
  rng: RandomState,
  choruses: number,
): { tokens: number[]; chorusStarts: number[] } {
  const w: Writer = { rng, time: 0, pitch: START_PITCH, direction: 1, out: [] };
  const chorusStarts: number[] = [];
  for (let c = 0; c < choruses; c++) {
    chorusStarts.push(w.out.length);
    for (let bar = 0; bar < PROGRESSION.length; bar++) writeBar(w);
  }
  return { tokens: w.out, chorusStarts };
}
