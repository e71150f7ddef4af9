import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import midiPackage from '@tonejs/midi';
import { afterAll, describe, expect, it } from 'vitest';
import { expectDlkitError, expectNoLeaks, loadFixture } from '@dlkit/test-harness';
import { MELODY_VALUES } from './melody-values.js';
import { melodyToMidi, writeMidi } from './midi.js';

const fx = loadFixture<{
  melody: { melody: string[]; events: { time: number; duration: number; midi: number | null }[] };
}>('sequence_music').melody;
const indices = fx.melody.map((v) => MELODY_VALUES.indexOf(v));
const dir = mkdtempSync(join(tmpdir(), 'dlkit-midi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('melodyToMidi', () => {
  it('parses back with @tonejs/midi to the rendered notes: pitches, ticks and seconds at the tempo', () => {
    const midi = new midiPackage.Midi(melodyToMidi(indices, MELODY_VALUES, { bpm: 90 }));
    // MIDI stores a tempo as whole microseconds a beat: 90 bpm is 666,667 µs, 90.00009 bpm.
    expect(midi.header.tempos[0]!.bpm).toBeCloseTo(90, 3);
    const [melody, chords] = midi.tracks;
    expect(melody!.name).toBe('melody');
    const notes = fx.events.filter((e) => e.midi !== null);
    expect(melody!.notes.map((n) => n.midi)).toEqual(notes.map((e) => e.midi));
    expect(melody!.notes.map((n) => n.ticks)).toEqual(notes.map((e) => e.time * midi.header.ppq));
    melody!.notes.forEach((n, k) => {
      expect(n.time).toBeCloseTo((notes[k]!.time * 60) / 90, 4);
      expect(n.duration).toBeCloseTo((notes[k]!.duration * 60) / 90, 4);
    });
    // The chords: 4 notes a bar, Cmaj7 (C E G B from C3) first, A7 (A C# E G from A3) second.
    const lastEnd = fx.events.at(-1)!.time + fx.events.at(-1)!.duration;
    expect(chords!.notes).toHaveLength(4 * Math.ceil(lastEnd / 4));
    expect(chords!.notes.slice(0, 8).map((n) => n.midi)).toEqual([48, 52, 55, 59, 57, 61, 64, 67]);
  });

  it('leaves out the chords with chords: false, and takes indices as a tensor [Ty, 1]', async () => {
    const t = tf.tensor2d(indices, [indices.length, 1], 'int32');
    expect(await expectNoLeaks(() => void melodyToMidi(t, MELODY_VALUES, { chords: false }))).toBe(
      0,
    );
    const midi = new midiPackage.Midi(melodyToMidi(t, MELODY_VALUES, { chords: false }));
    expect(midi.tracks).toHaveLength(1);
    expect(midi.header.tempos[0]!.bpm).toBeCloseTo(120, 6);
    t.dispose();
  });

  it('rejects bad options naming melodyToMidi', () => {
    expectDlkitError(
      () => melodyToMidi(indices, MELODY_VALUES, { bpm: 0 }),
      'melodyToMidi: options.bpm must be a finite number >= 1 and <= 1000, got 0',
    );
    expectDlkitError(
      () => melodyToMidi(indices, MELODY_VALUES, { chords: 1 as never }),
      'melodyToMidi: options.chords must be a boolean, got number',
    );
    expectDlkitError(
      () => melodyToMidi([95], MELODY_VALUES),
      /^melodyToMidi: indices\[0\] must be an integer/,
    );
  });
});

describe('writeMidi', () => {
  it('writes the bytes melodyToMidi makes, replacing an old file, leaving no temporary file', async () => {
    const file = join(dir, 'solo.mid');
    writeFileSync(file, 'old');
    const size = await writeMidi(file, indices, MELODY_VALUES, { bpm: 100 });
    const bytes = readFileSync(file);
    expect(size).toBe(bytes.length);
    expect(new Uint8Array(bytes)).toEqual(melodyToMidi(indices, MELODY_VALUES, { bpm: 100 }));
    expect(readdirSync(dir)).toEqual(['solo.mid']);
  });

  it('fails with an io DlkitError when the folder does not exist, leaving nothing behind', async () => {
    const file = join(dir, 'missing', 'solo.mid');
    await expect(writeMidi(file, indices, MELODY_VALUES)).rejects.toMatchObject({
      name: 'DlkitError',
      kind: 'io',
      message: expect.stringMatching(/^writeMidi: cannot write .*missing\/solo\.mid: ENOENT/),
    });
  });

  it('checks its arguments before writing', async () => {
    await expect(writeMidi('', indices, MELODY_VALUES)).rejects.toThrow(
      'writeMidi: path must be a non-empty string, got',
    );
    await expect(writeMidi(join(dir, 'x.mid'), [0, 2], ['C,1.000,0'])).rejects.toThrow(
      'writeMidi: indices[1] must be an integer >= 0 and <= 0, got 2',
    );
  });
});
