import type { MelodyTokenType } from './melody-values.js';

/** One chord of the progression: its name, chord-tone and scale pitch classes (0 = C). */
export interface Chord {
  name: string;
  chordTones: readonly number[];
  scale: readonly number[];
}

const C_MAJOR = [0, 2, 4, 5, 7, 9, 11];
const D_HARMONIC_MINOR = [1, 2, 4, 5, 7, 9, 10];

/**
 * The progression every melody is played over, one chord a bar of 4 beats: the I–VI–ii–V
 * turnaround in C, `Cmaj7 | A7 | Dm7 | G7`, each with the scale a jazz player uses on it.
 */
export const PROGRESSION: readonly Chord[] = [
  { name: 'Cmaj7', chordTones: [0, 4, 7, 11], scale: C_MAJOR },
  { name: 'A7', chordTones: [9, 1, 4, 7], scale: D_HARMONIC_MINOR },
  { name: 'Dm7', chordTones: [2, 5, 9, 0], scale: C_MAJOR },
  { name: 'G7', chordTones: [7, 11, 2, 5], scale: C_MAJOR },
];

/** Beats in a bar (4/4). */
export const BEATS_PER_BAR = 4;
/** The melody's range, MIDI G3 to C6. */
export const LOWEST_PITCH = 55;
/** The melody's range, MIDI G3 to C6. */
export const HIGHEST_PITCH = 84;
/** Where a melody starts: middle C. */
export const START_PITCH = 60;

/** The chord sounding at `time` beats. */
export function chordAt(time: number): Chord {
  const bar = Math.floor(time / BEATS_PER_BAR + 1e-9);
  return PROGRESSION[bar % PROGRESSION.length] as Chord;
}

/** The pitch classes of a note type over a chord: approach tones are a semitone from a chord tone, off the scale. */
export function pitchClasses(type: Exclude<MelodyTokenType, 'R'>, chord: Chord): number[] {
  if (type === 'C') return [...chord.chordTones];
  if (type === 'S') return [...chord.scale];
  const near = (pc: number): boolean =>
    chord.chordTones.some((t) => (t + 1) % 12 === pc || (t + 11) % 12 === pc);
  return [...Array(12).keys()].filter((pc) => !chord.scale.includes(pc) && near(pc));
}

/** The MIDI pitches of a note type over a chord within the melody's range, ascending. */
export function pitchSet(type: Exclude<MelodyTokenType, 'R'>, chord: Chord): number[] {
  const classes = pitchClasses(type, chord);
  const set: number[] = [];
  for (let p = LOWEST_PITCH; p <= HIGHEST_PITCH; p++) if (classes.includes(p % 12)) set.push(p);
  return set;
}

/**
 * The pitch `move` members of `set` away from `previous`: 0 is the nearest member (the lower on
 * a tie), +k the k-th above, −k the k-th below; a move past the range's edge turns back (the
 * k-th on the other side).
 */
export function movePitch(set: readonly number[], previous: number, move: number): number {
  if (move === 0) {
    let best = set[0] as number;
    for (const p of set) if (Math.abs(p - previous) < Math.abs(best - previous)) best = p;
    return best;
  }
  const above = set.filter((p) => p > previous);
  const below = set.filter((p) => p < previous).reverse();
  const k = Math.abs(move);
  const [ahead, back] = move > 0 ? [above, below] : [below, above];
  return (ahead[k - 1] ?? back[k - 1] ?? ahead.at(-1) ?? back.at(-1) ?? previous) as number;
}
