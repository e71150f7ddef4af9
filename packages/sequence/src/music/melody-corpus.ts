import * as tf from '@tensorflow/tfjs';
import {
  RandomState,
  asCaller,
  assertNumber,
  assertOptions,
  assertShapeSize,
  assertSize,
} from '@dlkit/core';
import { MELODY_VALUES } from './melody-values.js';
import { generateMelody } from './generate-melody.js';

/**
 * Options of {@link makeMelodyCorpus}.
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export interface MelodyCorpusOptions {
  /** `m`, how many training sequences (default 60, the notebook's). */
  sequences?: number;
  /** `Tx`, the length of each (default 30, the notebook's). */
  Tx?: number;
  /** The seed of the grammar and of the windows (default 0). */
  seed?: number;
  /** How many choruses of the 4-bar progression the corpus melody has (default 32). */
  choruses?: number;
}

/**
 * The notebook's training data, `load_music_utils()`'s `X, Y, n_values, indices_values`.
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export interface MelodyCorpus {
  /** `[m, Tx, nValues]` one-hot inputs: `X[:, 0]` is zeros (the start), `X[:, t]` the value before `Y[t]`. */
  X: tf.Tensor3D;
  /** `[Ty, m, nValues]` one-hot targets, `Ty = Tx`, step-major as the notebook's `list(Y)` wants: `Y[t] = X[:, t + 1]`. */
  Y: tf.Tensor3D;
  /** The number of values, 90. */
  nValues: number;
  /** The values, `indices_values` as a list: `values[i]` is one-hot index `i` (`MELODY_VALUES`). */
  values: readonly string[];
  /** The whole generated melody, as value indices. */
  corpus: number[];
  /** Where in `corpus` each sequence starts (always the start of a chorus). */
  starts: number[];
}

/** Generates choruses until every one of the first `choruses` starts has `Tx` values after it. */
function corpusFor(
  rng: RandomState,
  choruses: number,
  Tx: number,
): { tokens: number[]; starts: number[] } {
  const { tokens, chorusStarts } = generateMelody(rng, choruses);
  while (tokens.length < (chorusStarts.at(-1) as number) + Tx) {
    tokens.push(...generateMelody(rng, 1).tokens);
  }
  return { tokens, starts: chorusStarts };
}

/**
 * Generates a seeded corpus of jazz-like melodies from dlkit's grammar (chord tones on the
 * beats, scale tones between, chromatic approach tones that resolve to a chord tone, rests, over
 * `Cmaj7 | A7 | Dm7 | G7`), encoded in the 90 values of `MELODY_VALUES`, and cuts it into the
 * notebook's training tensors: `m` sequences of `Tx` values, each starting at a chorus, `X`
 * `[m, Tx, 90]` with a zero vector first and `Y` `[Ty, m, 90]` the same values one step on.
 *
 * @param options - `sequences` (m, default 60), `Tx` (default 30), `seed` (default 0), `choruses`
 * (default 32).
 * @returns `X`, `Y` (the caller disposes both), `nValues`, `values`, the `corpus` and `starts`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { makeMelodyCorpus } from '@dlkit/sequence';
 * const { X, Y, nValues, values } = makeMelodyCorpus({ sequences: 4, Tx: 8, seed: 1 });
 * console.log(X.shape, Y.shape, nValues, values[0]); // [4, 8, 90] [8, 4, 90] 90 C,0.250,-3
 * tf.dispose([X, Y]);
 * ```
 *
 * @see the guide page `docs/sequence/music.md`
 * @category C5 W1 · Jazz improvisation with an LSTM
 */
export function makeMelodyCorpus(options: MelodyCorpusOptions = {}): MelodyCorpus {
  const fn = 'makeMelodyCorpus';
  return asCaller(fn, () => {
    const o = assertOptions(fn, 'options', options, ['sequences', 'Tx', 'seed', 'choruses']);
    const m = assertSize(fn, 'options.sequences', o.sequences ?? 60, 1);
    const Tx = assertNumber(fn, 'options.Tx', o.Tx ?? 30, { integer: true, min: 1, max: 10_000 });
    const seed = assertNumber(fn, 'options.seed', o.seed ?? 0, {
      integer: true,
      min: 0,
      max: 2 ** 32 - 1,
    });
    const choruses = assertNumber(fn, 'options.choruses', o.choruses ?? 32, {
      integer: true,
      min: 1,
      max: 10_000,
    });
    const nValues = MELODY_VALUES.length;
    assertShapeSize(fn, '[sequences, Tx, 90]', [m, Tx, nValues]);
    const rng = new RandomState(seed);
    const { tokens, starts: chorusStarts } = corpusFor(rng, choruses, Tx);
    const starts = Array.from(
      { length: m },
      () => chorusStarts[rng.choice(chorusStarts.length)] as number,
    );
    const x = new Float32Array(m * Tx * nValues);
    const y = new Float32Array(Tx * m * nValues);
    starts.forEach((s, i) => {
      for (let t = 0; t < Tx; t++) {
        if (t > 0) x[(i * Tx + t) * nValues + (tokens[s + t - 1] as number)] = 1;
        y[(t * m + i) * nValues + (tokens[s + t] as number)] = 1;
      }
    });
    return {
      X: tf.tensor3d(x, [m, Tx, nValues]),
      Y: tf.tensor3d(y, [Tx, m, nValues]),
      nValues,
      values: MELODY_VALUES,
      corpus: tokens,
      starts,
    };
  });
}
