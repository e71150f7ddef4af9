import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectDlkitError, expectNoLeaks, fc, loadFixture } from '@dlkit/test-harness';
import { MELODY_VALUES } from './melody-values.js';
import { renderMelody } from './render-melody.js';
import { checkMelodyGrammar } from './melody-grammar.js';
import { makeMelodyCorpus } from './melody-corpus.js';

interface MelodyFixture {
  values: string[];
  melody: string[];
  events: { value: string; time: number; duration: number; midi: number | null; chord: string }[];
  grammar: {
    notes: number;
    obeying: number;
    onBeatChordTone: number;
    approachResolves: number;
    withinBar: number;
  };
}
const fx = loadFixture<{ melody: MelodyFixture }>('sequence_music').melody;
const index = (v: string): number => MELODY_VALUES.indexOf(v);

describe('MELODY_VALUES', () => {
  it('are the 90 values the encoding describes (Python writes them independently)', () => {
    expect(MELODY_VALUES).toEqual(fx.values);
    expect(new Set(MELODY_VALUES).size).toBe(90);
  });
});

describe('renderMelody', () => {
  it('plays 60 random values as the independent Python renderer does: times, pitches, chords', () => {
    const events = renderMelody(fx.melody.map(index), MELODY_VALUES);
    expect(
      events.map(({ value, time, duration, midi, chord }) => ({
        value,
        time,
        duration,
        midi,
        chord,
      })),
    ).toEqual(fx.events);
  });

  it('reads indices from an int32 tensor [Ty, 1] as from numbers, and leaks nothing', async () => {
    const list = fx.melody.slice(0, 10).map(index);
    const t = tf.tensor2d(list, [10, 1], 'int32');
    expect(await expectNoLeaks(() => void renderMelody(t, MELODY_VALUES))).toBe(0);
    expect(renderMelody(t, MELODY_VALUES)).toEqual(renderMelody(list, MELODY_VALUES));
    t.dispose();
  });

  it('starts from options.startPitch', () => {
    const [first] = renderMelody([index('C,1.000,0')], MELODY_VALUES, { startPitch: 70 });
    expect(first!.midi).toBe(71); // the chord tone of Cmaj7 nearest to 70 is B (71)
  });

  it('keeps every note within MIDI 55–84, whatever the moves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 89 }), { minLength: 1, maxLength: 80 }),
        (ids) => {
          for (const e of renderMelody(ids, MELODY_VALUES)) {
            if (e.midi !== null) expect(e.midi >= 55 && e.midi <= 84).toBe(true);
          }
        },
      ),
      { seed: 1, numRuns: 100 },
    );
  });

  it('rejects bad indices, values and options naming renderMelody', () => {
    expectDlkitError(
      () => renderMelody([0, 90], MELODY_VALUES),
      'renderMelody: indices[1] must be an integer >= 0 and <= 89, got 90',
    );
    expectDlkitError(() => renderMelody([0.5], MELODY_VALUES), /indices\[0\] must be an integer/);
    expectDlkitError(
      () => renderMelody('0' as never, MELODY_VALUES),
      /renderMelody: indices must be an array of value indices/,
    );
    expectDlkitError(
      () => renderMelody([0], ['C,0.250,-3', 'Z,1']),
      'renderMelody: values[1] must be a melody value like "C,0.500,+1" or "R,1.000", got "Z,1"',
    );
    expectDlkitError(() => renderMelody([0], []), /renderMelody: values must be a non-empty array/);
    expectDlkitError(
      () => renderMelody([0], MELODY_VALUES, { start: 60 } as never),
      /options has an unknown field start/,
    );
    const m = tf.zeros([2, 2]);
    expectDlkitError(
      () => renderMelody(m, MELODY_VALUES),
      'renderMelody: indices must be a number tensor of shape [Ty] or [Ty, 1], got float32 [2, 2]',
    );
    m.dispose();
    expectDlkitError(
      () => renderMelody(m, MELODY_VALUES),
      'renderMelody: indices is a disposed tensor',
    );
  });
});

describe('checkMelodyGrammar', () => {
  it('counts the rules each note of 60 random values breaks, as the independent Python check does', () => {
    const { obeying, notes, violations } = checkMelodyGrammar(fx.melody.map(index), MELODY_VALUES);
    expect({ notes, obeying, ...violations }).toEqual(fx.grammar);
  });

  it('reads an int32 tensor [Ty] and leaks nothing', async () => {
    const t = tf.tensor1d(fx.melody.map(index), 'int32');
    expect(await expectNoLeaks(() => void checkMelodyGrammar(t, MELODY_VALUES))).toBe(0);
    expect(checkMelodyGrammar(t, MELODY_VALUES).obeying).toBe(fx.grammar.obeying);
    t.dispose();
  });

  it('reports a melody without notes as all obeying', () => {
    expect(checkMelodyGrammar([index('R,1.000')], MELODY_VALUES)).toMatchObject({
      notes: 0,
      obeying: 0,
      fraction: 1,
    });
  });

  it('names checkMelodyGrammar in its errors', () => {
    expectDlkitError(
      () => checkMelodyGrammar([-1], MELODY_VALUES),
      /^checkMelodyGrammar: indices\[0\] must be an integer >= 0/,
    );
  });
});

describe('makeMelodyCorpus', () => {
  it('has the notebook shapes: X [m, Tx, 90] with zeros first, Y [Ty, m, 90] with Y[t] = X[:, t + 1]', () => {
    const c = makeMelodyCorpus({ sequences: 7, Tx: 12, seed: 2 });
    expect(c.X.shape).toEqual([7, 12, 90]);
    expect(c.Y.shape).toEqual([12, 7, 90]);
    expect(c.nValues).toBe(90);
    expect(c.values).toBe(MELODY_VALUES);
    const X = c.X.arraySync();
    const Y = c.Y.arraySync();
    for (let i = 0; i < 7; i++) {
      expect(X[i]![0]!.every((v) => v === 0)).toBe(true);
      for (let t = 0; t < 12; t++) {
        const target = Y[t]![i]!;
        expect(target.reduce((a, b) => a + b)).toBe(1);
        expect(target.indexOf(1)).toBe(c.corpus[c.starts[i]! + t]);
        if (t < 11) expect(X[i]![t + 1]).toEqual(target);
      }
    }
    tf.dispose([c.X, c.Y]);
  });

  it('generates melodies that obey the whole grammar, with chord, scale and approach tones and rests', () => {
    const c = makeMelodyCorpus({ sequences: 2, Tx: 30, seed: 5 });
    const report = checkMelodyGrammar(c.corpus, MELODY_VALUES);
    expect(report.obeying).toBe(report.notes);
    expect(report.notes).toBeGreaterThan(300);
    const types = new Set(c.corpus.map((i) => MELODY_VALUES[i]![0]));
    expect([...types].sort()).toEqual(['A', 'C', 'R', 'S']);
    tf.dispose([c.X, c.Y]);
  });

  it('starts each sequence at a chorus (a bar line of Cmaj7) and is the same for the same seed', () => {
    const [a, b, other] = [1, 1, 2].map((seed) =>
      makeMelodyCorpus({ sequences: 5, Tx: 20, seed, choruses: 8 }),
    );
    expect(a!.corpus).toEqual(b!.corpus);
    expect(a!.starts).toEqual(b!.starts);
    expect(other!.corpus).not.toEqual(a!.corpus);
    const events = renderMelody(a!.corpus, MELODY_VALUES);
    for (const s of a!.starts) expect(events[s]!.time % 16).toBe(0);
    for (const c of [a!, b!, other!]) tf.dispose([c.X, c.Y]);
  });

  it('generates more choruses when Tx is longer than a chorus start leaves', () => {
    const c = makeMelodyCorpus({ sequences: 1, Tx: 200, seed: 1, choruses: 1 });
    expect(c.corpus.length).toBeGreaterThanOrEqual(200);
    expect(c.Y.shape).toEqual([200, 1, 90]);
    tf.dispose([c.X, c.Y]);
  });

  it('returns exactly X and Y and leaks nothing', async () => {
    expect(
      await expectNoLeaks(() => {
        const c = makeMelodyCorpus({ sequences: 3, Tx: 5 });
        return [c.X, c.Y];
      }),
    ).toBe(2);
  });

  it('rejects bad options naming makeMelodyCorpus', () => {
    expectDlkitError(
      () => makeMelodyCorpus({ sequences: 0 }),
      'makeMelodyCorpus: options.sequences must be an integer >= 1 and <= 67108864, got 0',
    );
    expectDlkitError(
      () => makeMelodyCorpus({ Tx: 1.5 }),
      /options.Tx must be an integer >= 1 and <= 10000/,
    );
    expectDlkitError(() => makeMelodyCorpus({ seed: -1 }), /options.seed must be an integer >= 0/);
    expectDlkitError(
      () => makeMelodyCorpus({ sequences: 100_000, Tx: 10_000 }),
      /makeMelodyCorpus: \[sequences, Tx, 90\] \[100000, 10000, 90\] has 90000000000 elements/,
    );
    expectDlkitError(() => makeMelodyCorpus({ m: 3 } as never), /options has an unknown field m/);
  });
});
