import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RandomState } from '@dlkit/core';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import {
  createTrainingExample,
  getRandomTimeSegment,
  insertAudioClip,
  insertOnes,
  isOverlapping,
  triggerWord,
  type AudioClip,
  type SegmentTime,
} from '../index.js';

const { modelf } = triggerWord;

const fx = loadFixture<{
  rate: number;
  examples: {
    seed: number;
    x: FixtureTensor;
    y_ones: number[];
    audio_rms: number;
    segments: [number, number][];
  }[];
  insert_ones: number[];
  random_segments: [number, number][];
}>('sequence_trigger');

const seg = (segmentStart: number, segmentEnd: number): SegmentTime => ({
  segmentStart,
  segmentEnd,
});

/** The fixture's inputs, rebuilt as its generator builds them (RandomState(7) is NumPy's). */
function fixtureClips(): { background: AudioClip; activates: AudioClip[]; negatives: AudioClip[] } {
  const rate = fx.rate;
  const noise = new RandomState(7).standardNormalArray(10 * rate);
  const tone = (ms: number, freq: number, amp: number): AudioClip => ({
    rate,
    samples: Float32Array.from(
      { length: Math.round((ms * rate) / 1000) },
      (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate),
    ),
  });
  return {
    background: { rate, samples: Float32Array.from(noise, (v) => 0.3 * v) },
    activates: [tone(915, 40, 0.8), tone(700, 55, 0.6), tone(1200, 30, 0.7)],
    negatives: [tone(500, 70, 0.5), tone(800, 20, 0.9)],
  };
}

describe('getRandomTimeSegment', () => {
  it('draws what np.random.seed(5) draws', () => {
    const rng = new RandomState(5);
    const lengths = [916, 1, 5000, 9999, 300];
    const drawn = lengths.map((ms) => getRandomTimeSegment(ms, { seed: rng }));
    expect(drawn).toEqual(fx.random_segments.map(([s, e]) => seg(s, e)));
  });

  it('stays inside a shorter background', () => {
    const rng = new RandomState(3);
    for (let i = 0; i < 50; i++) {
      const { segmentStart, segmentEnd } = getRandomTimeSegment(700, {
        seed: rng,
        backgroundMs: 1000,
      });
      expect(segmentStart).toBeGreaterThanOrEqual(0);
      expect(segmentEnd).toBeLessThan(1000);
      expect(segmentEnd - segmentStart).toBe(699);
    }
  });

  it('rejects a clip as long as the background', () => {
    expectDlkitError(
      () => getRandomTimeSegment(10_000),
      'getRandomTimeSegment: segmentMs must be an integer >= 1 and <= 9999, got 10000',
    );
    expectDlkitError(
      () => getRandomTimeSegment(10, { seed: -1 }),
      /^getRandomTimeSegment: options.seed must be/,
    );
  });
});

describe('isOverlapping', () => {
  it("gives the notebook's answers", () => {
    // The notebook's checks: overlap1 is False, overlap2 is True.
    expect(isOverlapping(seg(950, 1430), [seg(2000, 2550), seg(260, 949)])).toBe(false);
    expect(isOverlapping(seg(2305, 2950), [seg(824, 1532), seg(1900, 2305), seg(3424, 3656)])).toBe(
      true,
    );
    expect(isOverlapping(seg(0, 10), [])).toBe(false);
  });

  it('rejects malformed segments', () => {
    expectDlkitError(
      () => isOverlapping(seg(5, 4), []),
      'isOverlapping: segmentTime.segmentEnd must be an integer >= 5 and <= 3600000, got 4',
    );
    expectDlkitError(
      () => isOverlapping(seg(1, 4), [[1, 2]] as never),
      'isOverlapping: previousSegments[0] must be a segment { segmentStart, segmentEnd }, got [1,2]',
    );
  });
});

describe('insertAudioClip', () => {
  const background: AudioClip = { rate: 1000, samples: new Float32Array(10_000).fill(0.1) };
  const activate: AudioClip = { rate: 1000, samples: new Float32Array(916).fill(0.5) };

  it("places the clip where the notebook's seed 5 does, adds it there and records the segment", () => {
    const previous = [seg(3790, 4400)];
    const { newBackground, segmentTime } = insertAudioClip(background, activate, previous, {
      seed: new RandomState(5),
    });
    expect(segmentTime).toEqual(seg(2254, 3169)); // the notebook's "Segment Time: (2254, 3169)"
    expect(previous).toEqual([seg(3790, 4400), seg(2254, 3169)]);
    expect(newBackground.samples[2253]).toBeCloseTo(0.1, 6);
    expect(newBackground.samples[2254]).toBeCloseTo(0.6, 6);
    expect(newBackground.samples[3169]).toBeCloseTo(0.6, 6);
    expect(newBackground.samples[3170]).toBeCloseTo(0.1, 6);
    expect(background.samples[2254]).toBeCloseTo(0.1, 6); // the input is not changed
  });

  it("gives up after the notebook's 7 draws when every place is taken", () => {
    const previous = [seg(0, 9999)];
    const { newBackground, segmentTime } = insertAudioClip(background, activate, previous);
    expect(segmentTime).toEqual(seg(10_000, 10_000));
    expect(newBackground).toBe(background);
    expect(previous).toHaveLength(1);
  });

  it('rejects clips at another rate or too long', () => {
    expectDlkitError(
      () => insertAudioClip(background, { rate: 8000, samples: new Float32Array(8) }, []),
      'insertAudioClip: audioClip.rate must equal background.rate = 1000, got 8000',
    );
    expectDlkitError(
      () => insertAudioClip(background, background, []),
      "insertAudioClip: audioClip must last 1 ms to less than the background's 10000 ms, got 10000 ms",
    );
  });
});

describe('insertOnes', () => {
  it("sets the 50 steps after the end, as the notebook's checks and fixture show", () => {
    tf.tidy(() => {
      const y = insertOnes(insertOnes(tf.zeros([1, 1375]), 9700), 4251);
      const v = y.dataSync();
      expect([v[1333], v[634], v[635]]).toEqual([0, 1, 0]);
      const ones = Array.from(v.keys()).filter((i) => v[i] === 1);
      expect(ones).toEqual(fx.insert_ones);
    });
  });

  it('ignores the (10000, 10000) of a clip that found no place, and scales to other lengths', () => {
    tf.tidy(() => {
      expect(
        insertOnes(tf.zeros([1, 1375]), 10_000)
          .sum()
          .dataSync()[0],
      ).toBe(0);
      const y = insertOnes(tf.zeros([1, 100]), 1000, { backgroundMs: 2000, steps: 3 });
      // 1000 ms of 2000 is step 50: steps 51, 52, 53 become 1.
      expect(Array.from(y.dataSync().slice(49, 55))).toEqual([0, 0, 1, 1, 1, 0]);
    });
  });

  it('returns one tensor, leaks nothing and rejects bad labels', async () => {
    const y = tf.zeros([1, 20]);
    expect(await expectNoLeaks(() => insertOnes(y as tf.Tensor2D, 5000))).toBe(1);
    expectDlkitError(
      () => insertOnes(tf.zeros([2, 20]) as tf.Tensor2D, 10),
      'insertOnes: y must have shape [1, Ty], got [2, 20]',
    );
    expectDlkitError(() => insertOnes(y as tf.Tensor2D, -1), /^insertOnes: segmentEndMs must be/);
    y.dispose();
  });
});

describe('createTrainingExample', () => {
  const clips = fixtureClips();

  for (const example of fx.examples) {
    it(`reproduces the notebook's example for np.random.seed(${example.seed})`, () => {
      const { background, activates, negatives } = clips;
      const { x, y, wav, activateSegments } = createTrainingExample(
        background,
        activates,
        negatives,
        1375,
        {
          seed: new RandomState(example.seed),
        },
      );
      try {
        const v = y.dataSync();
        expect(Array.from(v.keys()).filter((i) => v[i] === 1)).toEqual(example.y_ones);
        const rms = Math.sqrt(wav.samples.reduce((s, a) => s + a * a, 0) / wav.samples.length);
        expect(rms).toBeCloseTo(example.audio_rms, 6);
        expectTensorsClose(x, fixtureTensor(example.x), { rtol: 1e-3, atol: 1e-12 });
        // The activates are the first segments the notebook's previous_segments received.
        const all = example.segments.map(([s, e]) => seg(s, e));
        expect(activateSegments).toEqual(all.slice(0, activateSegments.length));
      } finally {
        tf.dispose([x, y]);
      }
    });
  }

  it('returns two tensors and leaks nothing', async () => {
    const { background, activates, negatives } = clips;
    expect(
      await expectNoLeaks(() => {
        const r = createTrainingExample(background, activates, negatives, 1375, { seed: 1 });
        return [r.x, r.y];
      }),
    ).toBe(2);
  });

  it('rejects empty clip lists and clips at another rate', () => {
    const { background, activates } = clips;
    expectDlkitError(
      () => createTrainingExample(background, activates, [], 1375),
      'createTrainingExample: negatives must be a non-empty array of audio clips, got []',
    );
    expectDlkitError(
      () =>
        createTrainingExample(
          background,
          [{ rate: 8000, samples: new Float32Array(8) }],
          activates,
          1375,
        ),
      'createTrainingExample: activates[0].rate must equal background.rate = 200, got 8000',
    );
    expectDlkitError(
      () => createTrainingExample(background, activates, activates, 0),
      /^createTrainingExample: Ty must be/,
    );
  });
});

describe('modelf', () => {
  it("has the notebook's 523,329 parameters and 1375 output steps on (5511, 101)", () => {
    const model = modelf([5511, 101]);
    try {
      expect(model.countParams()).toBe(523_329);
      expect(model.outputs[0]!.shape).toEqual([null, 1375, 1]);
      const kinds = model.layers.map((l) => l.getClassName());
      expect(kinds).toEqual([
        'InputLayer',
        'Conv1D',
        'BatchNormalization',
        'Activation',
        'Dropout',
        'DlkitGRU',
        'Dropout',
        'BatchNormalization',
        'DlkitGRU',
        'Dropout',
        'BatchNormalization',
        'Dropout',
        'TimeDistributed',
      ]);
    } finally {
      model.dispose();
    }
  });

  it('predicts probabilities per output step, repeatably for a seed, and leaks nothing', async () => {
    const options = { filters: 8, units: 4, seed: 3 };
    const x = tf.randomNormal([2, 63, 5], 0, 1, 'float32', 1);
    const a = modelf([63, 5], options);
    const b = modelf([63, 5], options);
    try {
      tf.tidy(() => {
        const p = a.predict(x) as tf.Tensor;
        expect(p.shape).toEqual([2, 13, 1]);
        expect(p.min().dataSync()[0]).toBeGreaterThan(0);
        expect(p.max().dataSync()[0]).toBeLessThan(1);
        expectTensorsClose(p, b.predict(x) as tf.Tensor, { rtol: 0, atol: 0 });
      });
    } finally {
      a.dispose();
      b.dispose();
    }
    expect(await expectNoLeaks(() => modelf([63, 5], options).dispose())).toBe(0);
    x.dispose();
  });

  it('rejects an input shorter than the kernel', () => {
    expectDlkitError(
      () => modelf([10, 101]),
      'triggerWord.modelf: inputShape must be [Tx, nFreqs] with Tx >= kernelSize = 15 and nFreqs >= 1, got [10, 101]',
    );
    expectDlkitError(
      () => modelf([100, 101], { dropout: 1 }),
      /^triggerWord.modelf: options.dropout must be/,
    );
  });
});
