import type * as NodeFs from 'node:fs/promises';
import type * as tf from '@tensorflow/tfjs';
import midiPackage from '@tonejs/midi';
import {
  DlkitError,
  asCaller,
  asCallerAsync,
  assertNumber,
  assertOptions,
  assertString,
  nodeImport,
} from '@dlkit/core';
import { parseMelodyValues } from './melody-values.js';
import { readIndices, renderTokens, type MelodyEvent } from './render-melody.js';
import { BEATS_PER_BAR, chordAt } from './harmony.js';

/**
 * Options of {@link melodyToMidi} and {@link writeMidi}.
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export interface MidiOptions {
  /** Tempo in beats (quarter notes) a minute (default 120). */
  bpm?: number;
  /** Add a second track with the progression's chords, one a bar (default true). */
  chords?: boolean;
}

/** MIDI ticks a beat (the file's resolution; the default of `@tonejs/midi`). */
const PPQ = 480;
/** The chords' octave: chord tones voiced from C3 (MIDI 48) up. */
const CHORD_FLOOR = 48;

/** The melody's notes as a MIDI track. */
function addMelody(
  midi: InstanceType<typeof midiPackage.Midi>,
  events: readonly MelodyEvent[],
): void {
  const track = midi.addTrack();
  track.name = 'melody';
  for (const e of events) {
    if (e.midi === null) continue;
    track.addNote({
      midi: e.midi,
      ticks: Math.round(e.time * PPQ),
      durationTicks: Math.round(e.duration * PPQ),
      velocity: 0.8,
    });
  }
}

/** The chords under the melody, one held chord a bar, as a second track. */
function addChords(midi: InstanceType<typeof midiPackage.Midi>, beats: number): void {
  const track = midi.addTrack();
  track.name = 'chords';
  for (let bar = 0; bar * BEATS_PER_BAR < beats; bar++) {
    const chord = chordAt(bar * BEATS_PER_BAR);
    for (const pc of chord.chordTones) {
      const pitch =
        CHORD_FLOOR + ((pc - chord.chordTones[0]! + 12) % 12) + (chord.chordTones[0]! % 12);
      track.addNote({
        midi: pitch,
        ticks: bar * BEATS_PER_BAR * PPQ,
        durationTicks: BEATS_PER_BAR * PPQ,
        velocity: 0.5,
      });
    }
  }
}

function checkMidiOptions(fn: string, options: MidiOptions | undefined): Required<MidiOptions> {
  const { bpm = 120, chords = true } = assertOptions(fn, 'options', options, ['bpm', 'chords']);
  assertNumber(fn, 'options.bpm', bpm, { min: 1, max: 1000 });
  if (typeof chords !== 'boolean') {
    throw new DlkitError('value', fn, `options.chords must be a boolean, got ${typeof chords}`, {
      argument: 'options.chords',
    });
  }
  return { bpm, chords };
}

/** The MIDI file's bytes for a checked melody. */
function encodeMidi(
  fn: string,
  indices: unknown,
  values: unknown,
  options: MidiOptions | undefined,
): Uint8Array {
  const tokens = parseMelodyValues(fn, values);
  const list = readIndices(fn, indices, tokens.length);
  const { bpm, chords } = checkMidiOptions(fn, options);
  const events = renderTokens(tokens, values as string[], list);
  const midi = new midiPackage.Midi();
  midi.header.setTempo(bpm);
  midi.name = 'dlkit jazz solo';
  addMelody(midi, events);
  const last = events.at(-1);
  if (chords) addChords(midi, last === undefined ? 0 : last.time + last.duration);
  return midi.toArray();
}

/**
 * Encodes a melody (value indices, as `predictAndSample` returns them) as a Standard MIDI File
 * with `@tonejs/midi`: track 1 the melody as `renderMelody` plays it, track 2 (unless `chords`
 * is false) the progression's chords, one a bar; 480 ticks a beat, at `bpm`.
 *
 * @param indices - Indices into `values`, `[Ty]` (numbers, or a tensor `[Ty]` or `[Ty, 1]`).
 * @param values - The values, `MELODY_VALUES`.
 * @param options - `bpm` (default 120), `chords` (default true).
 * @returns The file's bytes.
 *
 * @example
 * ```ts
 * import { MELODY_VALUES, melodyToMidi } from '@dlkit/sequence';
 * const melody = ['C,1.000,0', 'S,0.500,+1', 'S,0.500,+1', 'C,1.500,+1'];
 * const bytes = melodyToMidi(melody.map((v) => MELODY_VALUES.indexOf(v)), MELODY_VALUES, { bpm: 100 });
 * console.log(String.fromCharCode(...bytes.slice(0, 4))); // MThd
 * ```
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export function melodyToMidi(
  indices: readonly number[] | tf.Tensor,
  values: readonly string[],
  options: MidiOptions = {},
): Uint8Array {
  return asCaller('melodyToMidi', () => encodeMidi('melodyToMidi', indices, values, options));
}

/** Writes `bytes` to `path` through a temporary file renamed over it, so a crash leaves the old file or the new one. */
export async function writeAtomically(fn: string, path: string, bytes: Uint8Array): Promise<void> {
  const fs = await nodeImport<typeof NodeFs>('node:fs/promises');
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, path);
  } catch (cause) {
    await fs.rm(tmp, { force: true });
    throw new DlkitError('io', fn, `cannot write ${path}: ${(cause as Error).message}`, {
      argument: 'path',
      cause,
    });
  }
}

/**
 * Writes a melody as a MIDI file (`melodyToMidi`'s bytes) to `path`, atomically: the bytes go
 * to a temporary file that is then renamed over `path`. Node.js only.
 *
 * @param path - The file to write, e.g. `out/solo.mid`; its folder must exist.
 * @param indices - Indices into `values`, `[Ty]` (numbers, or a tensor `[Ty]` or `[Ty, 1]`).
 * @param values - The values, `MELODY_VALUES`.
 * @param options - `bpm` (default 120), `chords` (default true).
 * @returns How many bytes it wrote.
 *
 * @example
 * ```ts
 * import { mkdtempSync, rmSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { MELODY_VALUES, writeMidi } from '@dlkit/sequence';
 * const dir = mkdtempSync(join(tmpdir(), 'solo-'));
 * const indices = [MELODY_VALUES.indexOf('C,1.000,0'), MELODY_VALUES.indexOf('S,1.000,+1')];
 * const size = await writeMidi(join(dir, 'solo.mid'), indices, MELODY_VALUES);
 * console.log(size > 0);
 * rmSync(dir, { recursive: true });
 * ```
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export async function writeMidi(
  path: string,
  indices: readonly number[] | tf.Tensor,
  values: readonly string[],
  options: MidiOptions = {},
): Promise<number> {
  const fn = 'writeMidi';
  return asCallerAsync(fn, async () => {
    assertString(fn, 'path', path);
    const bytes = encodeMidi(fn, indices, values, options);
    await writeAtomically(fn, path, bytes);
    return bytes.length;
  });
}
