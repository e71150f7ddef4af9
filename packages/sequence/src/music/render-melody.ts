import * as tf from '@tensorflow/tfjs';
import { DlkitError, assertOptions, asCaller, assertNumber, describeValue } from '@dlkit/core';
import { parseMelodyValues, type MelodyToken, type MelodyTokenType } from './melody-values.js';
import { START_PITCH, chordAt, movePitch, pitchSet } from './harmony.js';

/**
 * One event of a rendered melody: a note or a rest, with the chord under it.
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export interface MelodyEvent {
  /** The value's index (into `values`). */
  index: number;
  /** The value, e.g. `"C,0.500,+1"`. */
  value: string;
  /** `C` chord tone, `S` scale tone, `A` approach tone, `R` rest. */
  type: MelodyTokenType;
  /** When it starts, in beats from the first (bar 1 starts at 0; 4 beats a bar). */
  time: number;
  /** How long it lasts, in beats. */
  duration: number;
  /** The MIDI pitch (60 is middle C), or null for a rest. */
  midi: number | null;
  /** The chord sounding when it starts (`Cmaj7`, `A7`, `Dm7`, `G7`). */
  chord: string;
}

/**
 * Options of {@link renderMelody}.
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export interface RenderMelodyOptions {
  /** The pitch the first move starts from (MIDI, default 60, middle C). */
  startPitch?: number;
}

/** Reads indices given as numbers or as a tensor `[Ty]` or `[Ty, 1]`, each a value's index. */
export function readIndices(fn: string, indices: unknown, nValues: number): number[] {
  let list: unknown[];
  if (indices instanceof tf.Tensor) {
    if (indices.isDisposed) {
      throw new DlkitError('state', fn, 'indices is a disposed tensor', { argument: 'indices' });
    }
    const ok = indices.rank === 1 || (indices.rank === 2 && indices.shape[1] === 1);
    if (!ok || indices.dtype === 'string' || indices.dtype === 'complex64') {
      throw new DlkitError(
        'shape',
        fn,
        `indices must be a number tensor of shape [Ty] or [Ty, 1], got ${indices.dtype} [${indices.shape.join(', ')}]`,
        { argument: 'indices' },
      );
    }
    list = Array.from(indices.dataSync());
  } else if (Array.isArray(indices) && indices.length <= 1_000_000) {
    list = indices;
  } else {
    throw new DlkitError(
      'value',
      fn,
      `indices must be an array of value indices or a tensor [Ty], got ${describeValue(indices)}`,
      { argument: 'indices' },
    );
  }
  return list.map((v, i) =>
    assertNumber(fn, `indices[${i}]`, v, { integer: true, min: 0, max: nValues - 1 }),
  );
}

/** Plays the tokens from `startPitch`: each note moves within its type's pitch set over the chord. */
export function renderTokens(
  tokens: readonly MelodyToken[],
  values: readonly string[],
  indices: readonly number[],
  startPitch = START_PITCH,
): MelodyEvent[] {
  let time = 0;
  let pitch = startPitch;
  return indices.map((index) => {
    const token = tokens[index] as MelodyToken;
    const chord = chordAt(time);
    let midi: number | null = null;
    if (token.type !== 'R') {
      pitch = movePitch(pitchSet(token.type, chord), pitch, token.move);
      midi = pitch;
    }
    const event: MelodyEvent = {
      index,
      value: values[index] as string,
      type: token.type,
      time,
      duration: token.duration,
      midi,
      chord: chord.name,
    };
    time += token.duration;
    return event;
  });
}

/**
 * Turns a sequence of value indices (a corpus melody, or `predictAndSample`'s `indices`) into
 * notes and rests over dlkit's chord progression `Cmaj7 | A7 | Dm7 | G7` (one chord a bar of 4
 * beats, repeated): the notebook's step from grammar values to a playable stream. A chord tone
 * `C` moves `move` chord tones from the previous note, a scale tone `S` that many scale tones,
 * an approach tone `A` that many chromatic neighbours of chord tones off the scale; the melody
 * stays within MIDI 55–84.
 *
 * @param indices - Indices into `values`, `[Ty]` (numbers, or a tensor `[Ty]` or `[Ty, 1]`).
 * @param values - The values, `MELODY_VALUES` (or any list of such strings).
 * @param options - `startPitch` (default 60).
 * @returns One event per index, in order, with its time and length in beats.
 *
 * @example
 * ```ts
 * import { MELODY_VALUES, renderMelody } from '@dlkit/sequence';
 * const indices = ['C,1.000,0', 'S,0.500,+1', 'A,0.500,+1', 'C,1.000,+1', 'R,1.000'].map((v) =>
 *   MELODY_VALUES.indexOf(v),
 * );
 * const events = renderMelody(indices, MELODY_VALUES);
 * console.log(events.map((e) => e.midi)); // [60, 62, 63, 64, null]
 * ```
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export function renderMelody(
  indices: readonly number[] | tf.Tensor,
  values: readonly string[],
  options: RenderMelodyOptions = {},
): MelodyEvent[] {
  const fn = 'renderMelody';
  return asCaller(fn, () => {
    const tokens = parseMelodyValues(fn, values);
    const list = readIndices(fn, indices, tokens.length);
    const { startPitch = START_PITCH } = assertOptions(fn, 'options', options, ['startPitch']);
    assertNumber(fn, 'options.startPitch', startPitch, { integer: true, min: 0, max: 127 });
    return renderTokens(tokens, values, list, startPitch);
  });
}
