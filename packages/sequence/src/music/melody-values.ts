import { DlkitError, describeValue } from '@dlkit/core';

/**
 * The kind of a melody token of the course's abstract grammar: `C` a chord tone, `S` a scale
 * tone, `A` a chromatic approach tone, `R` a rest.
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export type MelodyTokenType = 'C' | 'S' | 'A' | 'R';

/** One parsed value: its kind, its length in beats and (for notes) its move in its pitch set. */
export interface MelodyToken {
  type: MelodyTokenType;
  duration: number;
  move: number;
}

/** Lengths of notes in beats: sixteenth, eighth, quarter, dotted quarter. */
export const NOTE_DURATIONS: readonly number[] = [0.25, 0.5, 1, 1.5];
/** Lengths of rests in beats. */
export const REST_DURATIONS: readonly number[] = [0.25, 0.5, 0.75, 1, 1.5, 2];
/** Moves within a note's pitch set: up to three members down or up, 0 the nearest. */
export const MOVES: readonly number[] = [-3, -2, -1, 0, 1, 2, 3];

function formatMove(move: number): string {
  return move > 0 ? `+${move}` : String(move);
}

function buildValues(): readonly string[] {
  const values: string[] = [];
  for (const type of ['C', 'S', 'A'] as const) {
    for (const duration of NOTE_DURATIONS) {
      for (const move of MOVES) values.push(`${type},${duration.toFixed(3)},${formatMove(move)}`);
    }
  }
  for (const duration of REST_DURATIONS) values.push(`R,${duration.toFixed(3)}`);
  return Object.freeze(values);
}

/**
 * The 90 values of dlkit's melody corpus, the notebook's `n_values` tokens of its abstract
 * grammar: 84 notes `"<type>,<beats>,<move>"` (type `C` chord tone, `S` scale tone or `A`
 * approach tone; 0.25, 0.5, 1 or 1.5 beats; a move of −3 … +3 members of the type's pitch set
 * from the previous note, 0 the nearest) then 6 rests `"R,<beats>"` (0.25 … 2 beats). Index `i`
 * of a one-hot vector is `MELODY_VALUES[i]`.
 *
 * @example
 * ```ts
 * import { MELODY_VALUES } from '@dlkit/sequence';
 * console.log(MELODY_VALUES.length, MELODY_VALUES[0], MELODY_VALUES[89]); // 90 C,0.250,-3 R,2.000
 * ```
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export const MELODY_VALUES: readonly string[] = buildValues();

const TOKEN = /^(?:([CSA]),(\d+\.\d{3}),([+-]?\d+)|R,(\d+\.\d{3}))$/;

/** Parses one value string (`"C,0.500,+1"`, `"R,1.000"`); null when it is not one. */
export function parseMelodyValue(value: unknown): MelodyToken | null {
  if (typeof value !== 'string') return null;
  const match = TOKEN.exec(value);
  if (match === null) return null;
  const [, type, noteBeats, move, restBeats] = match;
  const duration = Number(noteBeats ?? restBeats);
  if (!(duration > 0) || duration > 16) return null;
  if (type === undefined) return { type: 'R', duration, move: 0 };
  const steps = Number(move);
  if (Math.abs(steps) > 12) return null;
  return { type: type as MelodyTokenType, duration, move: steps };
}

/** Checks a list of values (`MELODY_VALUES` or the like) and parses every one. */
export function parseMelodyValues(fn: string, values: unknown): MelodyToken[] {
  if (!Array.isArray(values) || values.length === 0 || values.length > 100_000) {
    throw new DlkitError(
      'value',
      fn,
      `values must be a non-empty array of melody values such as MELODY_VALUES, got ${describeValue(values)}`,
      { argument: 'values' },
    );
  }
  return values.map((v: unknown, i) => {
    const token = parseMelodyValue(v);
    if (token === null) {
      throw new DlkitError(
        'value',
        fn,
        `values[${i}] must be a melody value like "C,0.500,+1" or "R,1.000", got ${typeof v === 'string' ? `"${v.slice(0, 40)}"` : describeValue(v)}`,
        { argument: `values[${i}]` },
      );
    }
    return token;
  });
}
