import * as tf from '@tensorflow/tfjs';
import {
  DlkitError,
  asCaller,
  assertNumber,
  assertOptions,
  describeValue,
  type RandomState,
  type SeedOrRng,
} from '@dlkit/core';
import { checkAudioClip, clipMs, type AudioClip } from '../audio/audio-clip.js';
import { graphSpectrogram, type SpectrogramOptions } from '../audio/graph-spectrogram.js';
import { applyGain, matchAmplitude } from '../audio/mix.js';
import { insertClip } from './insert-audio-clip.js';
import { setOnes } from './insert-ones.js';
import { randomStateOf, type SegmentTime } from './segment-time.js';

/**
 * Options of {@link createTrainingExample}.
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export interface CreateTrainingExampleOptions {
  /** The generator (the notebook seeds `np.random.seed(18)` first) or a seed for a new one (default 0). */
  seed?: SeedOrRng;
  /** How many output steps after each activate become 1 (default 50, the notebook's `insert_ones`). */
  steps?: number;
  /** The spectrogram's settings (default the notebook's: nfft 200, fs 8000, noverlap 120). */
  spectrogram?: SpectrogramOptions;
}

/**
 * {@link createTrainingExample}'s result: the notebook's `(x, y)` and the sound behind them.
 *
 * @category C5 W3 · Trigger word detection
 */
export interface TrainingExample {
  /** The spectrogram of the example, `[nFreqs, nSteps]` (`[101, 5511]` for 10 s at 44.1 kHz); the caller disposes it. */
  x: tf.Tensor2D;
  /** The labels `[1, Ty]`: 1 for the `steps` output steps after each activate; the caller disposes it. */
  y: tf.Tensor2D;
  /** The example's sound (the notebook's `train.wav`), at −20 dBFS. */
  wav: AudioClip;
  /** Where the activates went, in ms, in the order they were drawn (those that found a place). */
  activateSegments: SegmentTime[];
}

function checkClips(fn: string, argument: string, value: unknown, rate: number): AudioClip[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new DlkitError(
      'value',
      fn,
      `${argument} must be a non-empty array of audio clips, got ${describeValue(value)}`,
      { argument },
    );
  }
  return value.map((clip, i) => {
    const c = checkAudioClip(fn, `${argument}[${i}]`, clip);
    if (c.rate !== rate) {
      throw new DlkitError(
        'value',
        fn,
        `${argument}[${i}].rate must equal background.rate = ${rate}, got ${c.rate}`,
        { argument: `${argument}[${i}].rate` },
      );
    }
    return c;
  });
}

/** Draws `np.random.randint(0, high)` clips and `np.random.randint(len(clips), size=…)` of them. */
function drawClips(rng: RandomState, clips: readonly AudioClip[], high: number): AudioClip[] {
  const count = rng.randint(0, high);
  return Array.from(rng.randintArray(0, clips.length, count), (i) => clips[i]!);
}

/** The notebook's mixing on checked clips: the sound, its activates' segments and its labels. */
function mix(
  fn: string,
  background: AudioClip,
  activates: readonly AudioClip[],
  negatives: readonly AudioClip[],
  labels: Float32Array,
  rng: RandomState,
  steps: number,
): { wav: AudioClip; activateSegments: SegmentTime[] } {
  const backgroundMs = clipMs(background);
  let sound = applyGain(background, -20);
  const previousSegments: SegmentTime[] = [];
  const activateSegments: SegmentTime[] = [];
  for (const clip of drawClips(rng, activates, 5)) {
    const { newBackground, segmentTime } = insertClip(fn, sound, clip, previousSegments, rng);
    sound = newBackground;
    setOnes(labels, segmentTime.segmentEnd, backgroundMs, steps);
    if (segmentTime.segmentStart < backgroundMs) activateSegments.push(segmentTime);
  }
  for (const clip of drawClips(rng, negatives, 3)) {
    sound = insertClip(fn, sound, clip, previousSegments, rng).newBackground;
  }
  return { wav: matchAmplitude(sound, -20), activateSegments };
}

/**
 * The notebook's `create_training_example(background, activates, negatives, Ty)`: one
 * synthetic example. The background is lowered by 20 dB; 0–4 random activates (the keyword) are
 * inserted where they overlap nothing, each setting the 50 labels after its end to 1
 * (`insert_ones`); then 0–2 random negatives; the sum is set to −20 dBFS
 * (`match_target_amplitude`) and `x` is its spectrogram (`graph_spectrogram`). The draws are the
 * notebook's, in its order, so `seed: new RandomState(18)` draws what `np.random.seed(18)` does.
 *
 * @param background - The background sound (10 s in the notebook): `rate`, `samples` `[n]`.
 * @param activates - Recordings of the keyword ("activate"), each shorter than the background, at its rate.
 * @param negatives - Recordings of other words, at the background's rate.
 * @param Ty - Output steps of the labels (1375 for the notebook's model on 10 s).
 * @param options - `seed` (default 0), `steps` (50), `spectrogram` (the notebook's settings).
 * @returns `{ x, y, wav, activateSegments }`: `x` `[nFreqs, nSteps]` and `y` `[1, Ty]` are new tensors the caller disposes.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { RandomState } from '@dlkit/core';
 * import { createTrainingExample } from '@dlkit/sequence';
 * const rate = 8000;
 * const noise = new RandomState(0).uniformArray(-0.1, 0.1, 2 * rate);
 * const background = { rate, samples: Float32Array.from(noise) };
 * const beep = (hz: number) => ({
 *   rate,
 *   samples: Float32Array.from({ length: 2400 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate)),
 * });
 * const { x, y, activateSegments } = createTrainingExample(background, [beep(1200)], [beep(300)], 50, {
 *   seed: new RandomState(18),
 *   steps: 5,
 * });
 * console.log(x.shape, y.shape, activateSegments.length); // [101, 198] [1, 50] …
 * tf.dispose([x, y]);
 * ```
 *
 * @see the guide page `docs/sequence/trigger-word.md`
 * @category C5 W3 · Trigger word detection
 */
export function createTrainingExample(
  background: AudioClip,
  activates: readonly AudioClip[],
  negatives: readonly AudioClip[],
  Ty: number,
  options: CreateTrainingExampleOptions = {},
): TrainingExample {
  const fn = 'createTrainingExample';
  return asCaller(fn, () => {
    const b = checkAudioClip(fn, 'background', background);
    const a = checkClips(fn, 'activates', activates, b.rate);
    const n = checkClips(fn, 'negatives', negatives, b.rate);
    assertNumber(fn, 'Ty', Ty, { integer: true, min: 1, max: 1e6 });
    const o = assertOptions(fn, 'options', options, ['seed', 'steps', 'spectrogram']);
    const steps = assertNumber(fn, 'options.steps', o.steps ?? 50, {
      integer: true,
      min: 0,
      max: 1e6,
    });
    const rng = randomStateOf(fn, o.seed);
    const labels = new Float32Array(Ty);
    const { wav, activateSegments } = mix(fn, b, a, n, labels, rng, steps);
    const x = graphSpectrogram(wav, o.spectrogram);
    return { x, y: tf.tensor2d(labels, [1, Ty]), wav, activateSegments };
  });
}
