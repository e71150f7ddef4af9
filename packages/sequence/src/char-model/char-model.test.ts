import * as tf from '@tensorflow/tfjs';
import { RandomState } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import {
  expectBackwardMatchesAutodiff,
  expectDlkitError,
  expectFixtureDictClose,
  expectNoLeaks,
  expectTensorsClose,
  fixtureDict,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { characterModel, clip, optimize, sample, type CharParameters } from '../index.js';

type Dict = Record<string, FixtureTensor>;
interface Fixture {
  clip10: { maxValue: number; clipped: Dict; printed: Record<string, number> };
  clip5: { maxValue: number; clipped: Dict; printed: Record<string, number> };
  clipGlobalNorm: { maxValue: number; gradients: Dict; clipped: Dict; globalNorm: number };
  sample: { seed: number; indices: number[]; float32Agree: number };
  optimize: {
    X: number[];
    Y: number[];
    loss: number;
    gradients: Dict;
    aLast: FixtureTensor;
    updatedB: FixtureTensor;
    updatedBy: FixtureTensor;
    printed: Record<string, number>;
  };
  rnn: {
    X: (number | null)[];
    Y: number[];
    a0: FixtureTensor;
    parameters: Dict;
    loss: number;
    gradients: Dict;
    a: FixtureTensor[];
    yHat: FixtureTensor[];
  };
  model: {
    dataX: string[];
    numIterations: number;
    nA: number;
    dinoNames: number;
    vocabSize: number;
    initialParameters: Dict;
    initialLoss: number;
    losses: number[];
    samples: { iteration: number; names: string[] }[];
    lastDinoName: string;
    parameters: Dict;
  };
}
const fx = loadFixture<Fixture>('sequence_charlm');

const CHARS = ['\n', ...'abcdefghijklmnopqrstuvwxyz'];
const CHAR_TO_IX = Object.fromEntries(CHARS.map((c, i) => [c, i]));

/** `np.random.randn(rows, cols) * scale` on a seeded generator, rounded once to float32. */
function randn(rng: RandomState, rows: number, cols: number, scale = 1): tf.Tensor {
  return tf.tensor2d(
    Float32Array.from(rng.standardNormalArray(rows * cols), (v) => v * scale),
    [rows, cols],
  );
}

/** The notebook's clip_test gradients: np.random.seed(3), randn · 10. */
function clipTestGradients() {
  const rng = new RandomState(3);
  return {
    dWax: randn(rng, 5, 3, 10),
    dWaa: randn(rng, 5, 5, 10),
    dWya: randn(rng, 2, 5, 10),
    db: randn(rng, 5, 1, 10),
    dby: randn(rng, 2, 1, 10),
  };
}

/** The notebook's test parameters: Wax, Waa, Wya, b, by drawn in that order. */
function testParameters(rng: RandomState, nA: number, vocab: number): CharParameters {
  return {
    Wax: randn(rng, nA, vocab),
    Waa: randn(rng, nA, nA),
    Wya: randn(rng, vocab, nA),
    b: randn(rng, nA, 1),
    by: randn(rng, vocab, 1),
  };
}

const at = (t: tf.Tensor, ...index: number[]): number =>
  (t.arraySync() as number[][])[index[0] as number]![index[1] as number] as number;

describe('clip', () => {
  for (const key of ['clip10', 'clip5'] as const) {
    it(`gives the notebook's printed values for maxValue ${fx[key].maxValue}`, () => {
      const g = clipTestGradients();
      const clipped = clip(g, fx[key].maxValue);
      expectFixtureDictClose({ ...clipped }, fx[key].clipped, { rtol: 1e-6 });
      const p = fx[key].printed;
      expect(at(clipped.dWaa, 1, 2)).toBeCloseTo(p['dWaa[1][2]']!, 5);
      expect(at(clipped.dWax, 3, 1)).toBeCloseTo(p['dWax[3][1]']!, 5);
      expect(at(clipped.dWya, 1, 2)).toBeCloseTo(p['dWya[1][2]']!, 5);
      expect(at(clipped.db, 4, 0)).toBeCloseTo(p['db[4]']!, 5);
      expect(at(clipped.dby, 1, 0)).toBeCloseTo(p['dby[1]']!, 5);
      tf.dispose([...Object.values(g), ...Object.values(clipped)]);
    });
  }

  it('clips by global norm, keeping the direction', () => {
    const g = clipTestGradients();
    const clipped = clip(g, 5, { method: 'globalNorm' });
    expectFixtureDictClose({ ...clipped }, fx.clipGlobalNorm.clipped, { rtol: 1e-5 });
    const norm = Math.sqrt(
      Object.values(clipped).reduce((s, t) => s + (t.square().sum().dataSync()[0] as number), 0),
    );
    expect(norm).toBeCloseTo(5, 4);
    tf.dispose([...Object.values(g), ...Object.values(clipped)]);
  });

  it('returns five new tensors, drops da_next and leaks nothing', async () => {
    const g = { ...clipTestGradients(), daNext: tf.ones([5, 1]) };
    expect(await expectNoLeaks(() => clip(g, 5))).toBe(5);
    expect(await expectNoLeaks(() => clip(g, 5, { method: 'globalNorm' }))).toBe(5);
    expect(Object.keys(clip(g, 1))).toEqual(['dWax', 'dWaa', 'dWya', 'db', 'dby']);
    tf.dispose(Object.values(g));
  });

  it('rejects a bound <= 0, a bad method and a missing gradient', () => {
    const g = clipTestGradients();
    expectDlkitError(() => clip(g, 0), 'clip: maxValue must be a finite number > 0, got 0');
    expectDlkitError(
      () => clip(g, 5, { method: 'norm' as never }),
      "clip: options.method must be one of 'value', 'globalNorm', got norm",
    );
    const { db: _db, ...four } = g;
    expectDlkitError(
      () => clip(four as never, 5),
      'clip: gradients.db must be a tf.Tensor, got undefined',
    );
    tf.dispose(Object.values(g));
  });
});

describe('sample', () => {
  it("gives the notebook's indices for its np.random.seed(24) parameters", () => {
    const parameters = testParameters(new RandomState(24), 100, 27);
    const indices = sample(parameters, CHAR_TO_IX, fx.sample.seed);
    expect(indices.slice(0, 6)).toEqual([23, 16, 26, 26, 24, 3]); // the notebook's assertion
    // These unscaled randn weights make the RNN chaotic: float32 rounding grows until a draw
    // differs. NumPy itself in float32 keeps up with its float64 run for `float32Agree` (18) draws;
    // dlkit must do at least as well, and end its name with '\n' within 51 indices.
    const n = fx.sample.float32Agree;
    expect(indices.slice(0, n)).toEqual(fx.sample.indices.slice(0, n));
    expect(indices.at(-1)).toBe(0);
    expect(indices.length).toBeLessThanOrEqual(51);
    tf.dispose(Object.values(parameters));
  });

  it('at a temperature near 0 follows the arg max of each step (greedy decoding)', () => {
    const parameters = testParameters(new RandomState(5), 8, 27);
    const indices = sample(parameters, CHAR_TO_IX, 0, { temperature: 1e-3, maxLength: 12 });
    let a = tf.zeros([8, 1]);
    let x = tf.zeros([27, 1]);
    for (const ix of indices.slice(0, -1)) {
      const { aNext, pT } = characterModel.rnnStepForward(parameters, a, x);
      expect(ix).toBe(pT.argMax(0).dataSync()[0]);
      tf.dispose([a, x, pT]);
      a = aNext;
      x = tf.oneHot([ix], 27).reshape([27, 1]).toFloat();
    }
    tf.dispose([a, x, ...Object.values(parameters)]);
  });

  it('stops at 50 characters and appends a newline; leaks nothing', async () => {
    const rng = new RandomState(7);
    const parameters = testParameters(rng, 6, 27);
    // A huge newline bias of -1e3 means '\n' is never drawn.
    const by = tf.tidy(() => parameters.by.add(tf.oneHot([0], 27).reshape([27, 1]).mul(-1e3)));
    const noNewline = { ...parameters, by };
    const indices = sample(noNewline, CHAR_TO_IX, 3);
    expect(indices).toHaveLength(51);
    expect(indices.at(-1)).toBe(0);
    expect(indices.slice(0, -1)).not.toContain(0);
    expect(await expectNoLeaks(() => sample(parameters, CHAR_TO_IX, 0))).toBe(0);
    tf.dispose([by, ...Object.values(parameters)]);
  });

  it('rejects a temperature <= 0 and a charToIx without a newline', () => {
    const parameters = testParameters(new RandomState(1), 4, 27);
    for (const temperature of [0, -1]) {
      expectDlkitError(
        () => sample(parameters, CHAR_TO_IX, 0, { temperature }),
        `sample: options.temperature must be a finite number > 0 and <= 1000000, got ${temperature}`,
      );
    }
    expectDlkitError(
      () => sample(parameters, { a: 1 }, 0),
      'sample: charToIx["\\n"] must be an index in [0, 27), got undefined',
    );
    const { Wya } = parameters;
    expectDlkitError(
      () => sample({ ...parameters, Wya: Wya.slice([0, 0], [26, 4]) }, CHAR_TO_IX, 0),
      'sample: parameters.Wya must have shape [vocabSize, nA] with vocabSize = 27 (from parameters.Wax), got [26, 4]',
    );
    tf.dispose(Object.values(parameters));
  });
});

describe('optimize', () => {
  const notebookInputs = () => {
    const rng = new RandomState(1);
    const aPrev = randn(rng, 100, 1);
    return { aPrev, parameters: testParameters(rng, 100, 27) };
  };

  it("gives the notebook's printed values for its np.random.seed(1) test", () => {
    const { aPrev, parameters } = notebookInputs();
    const o = fx.optimize;
    const r = optimize(o.X, o.Y, aPrev, parameters, 0.01);
    expect(r.loss).toBeCloseTo(o.printed['Loss']!, 3);
    expect(r.loss / o.loss).toBeCloseTo(1, 6);
    // The hidden states saturate (a_last[4] = -1 + 1e-13), so 1 − a² loses float32's digits:
    // a few dWax entries differ from float64 by up to 7e-4.
    expectFixtureDictClose({ ...r.gradients }, o.gradients, { rtol: 1e-3, atol: 1e-3 });
    expect(at(r.gradients.dWaa, 1, 2)).toBeCloseTo(o.printed['dWaa[1][2]']!, 4);
    expect(r.gradients.dWax.flatten().argMax().dataSync()[0]).toBe(o.printed['argmax(dWax)']);
    expect(at(r.gradients.dWya, 1, 2)).toBeCloseTo(o.printed['dWya[1][2]']!, 5);
    expect(at(r.gradients.db, 4, 0)).toBeCloseTo(o.printed['db[4]']!, 5);
    expect(at(r.gradients.dby, 1, 0)).toBeCloseTo(o.printed['dby[1]']!, 5);
    // Pre-activations of ~10 (sums of 100 unscaled randn products): float32 keeps ~1e-5 of them.
    expectTensorsClose(r.aLast, fixtureTensor(o.aLast), { atol: 1e-4 });
    expectTensorsClose(r.parameters.b, fixtureTensor(o.updatedB), { atol: 1e-4 });
    expectTensorsClose(r.parameters.by, fixtureTensor(o.updatedBy), { atol: 1e-4 });
    tf.dispose([aPrev, r.aLast, ...Object.values(parameters)]);
    tf.dispose([...Object.values(r.gradients), ...Object.values(r.parameters)]);
  });

  it('returns 11 new tensors and leaks nothing', async () => {
    const { aPrev, parameters } = notebookInputs();
    expect(await expectNoLeaks(() => optimize([null, 3, 1], [3, 1, 0], aPrev, parameters))).toBe(
      11,
    );
    tf.dispose([aPrev, ...Object.values(parameters)]);
  });

  it('rejects an index outside the vocabulary and X, Y of different lengths', () => {
    const { aPrev, parameters } = notebookInputs();
    expectDlkitError(
      () => optimize([null, 27], [3, 0], aPrev, parameters),
      'optimize: X[1] must be an integer >= 0 and <= 26, got 27',
    );
    expectDlkitError(
      () => optimize([null, 2], [3], aPrev, parameters),
      'optimize: X and Y must have the same length, got 2 and 1',
    );
    tf.dispose([aPrev, ...Object.values(parameters)]);
  });
});

describe('rnnForward and rnnBackward (the notebook utils)', () => {
  it('equal the NumPy utils', () => {
    const r = fx.rnn;
    const parameters = fixtureDict(r.parameters) as unknown as CharParameters;
    const a0 = fixtureTensor(r.a0);
    const { loss, cache } = characterModel.rnnForward(r.X, r.Y, a0, parameters);
    expect(loss / r.loss).toBeCloseTo(1, 5);
    cache.a.forEach((a, t) => expectTensorsClose(a, fixtureTensor(r.a[t]!), { atol: 1e-5 }));
    cache.yHat.forEach((y, t) => expectTensorsClose(y, fixtureTensor(r.yHat[t]!), { atol: 1e-5 }));
    const { gradients, a } = characterModel.rnnBackward(r.X, r.Y, parameters, cache);
    expect(a).toBe(cache.a);
    expectFixtureDictClose({ ...gradients }, r.gradients, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([a0, ...Object.values(parameters), ...Object.values(gradients)]);
    tf.dispose(Object.values(cache).flat());
  });

  it('rnnBackward is tf.grad of the loss rnnStepForward computes', () => {
    const r = fx.rnn;
    const inputs = fixtureDict(r.parameters) as unknown as CharParameters;
    const a0 = fixtureTensor(r.a0);
    expectBackwardMatchesAutodiff({
      inputs: { ...inputs },
      forward: (p) => {
        let a = a0;
        let loss: tf.Tensor = tf.scalar(0);
        r.X.forEach((ix, t) => {
          const x = tf
            .oneHot([ix ?? 0], 27)
            .reshape([27, 1])
            .toFloat()
            .mul(ix === null ? 0 : 1);
          const step = characterModel.rnnStepForward(p as unknown as CharParameters, a, x);
          loss = loss.sub(step.pT.slice([r.Y[t]!, 0], [1, 1]).log().sum());
          a = step.aNext;
        });
        return loss;
      },
      backward: (p, dY) => {
        const { loss: _loss, cache } = characterModel.rnnForward(
          r.X,
          r.Y,
          a0,
          p as unknown as CharParameters,
        );
        const { gradients } = characterModel.rnnBackward(
          r.X,
          r.Y,
          p as unknown as CharParameters,
          cache,
        );
        return {
          Wax: gradients.dWax.mul(dY),
          Waa: gradients.dWaa.mul(dY),
          Wya: gradients.dWya.mul(dY),
          b: gradients.db.mul(dY),
          by: gradients.dby.mul(dY),
        };
      },
    });
    tf.dispose([a0, ...Object.values(inputs)]);
  });

  it('leak nothing: the cache and the gradients are the only new tensors', async () => {
    const r = fx.rnn;
    const parameters = fixtureDict(r.parameters) as unknown as CharParameters;
    const a0 = fixtureTensor(r.a0);
    // 4 steps × (yHat, a, x) + the copy of a0.
    expect(await expectNoLeaks(() => characterModel.rnnForward(r.X, r.Y, a0, parameters))).toBe(13);
    const { cache } = characterModel.rnnForward(r.X, r.Y, a0, parameters);
    const { gradients } = characterModel.rnnBackward(r.X, r.Y, parameters, cache);
    tf.dispose(Object.values(gradients));
    expect(
      await expectNoLeaks(() => characterModel.rnnBackward(r.X, r.Y, parameters, cache).gradients),
    ).toBe(6);
    const x = tf.zeros([27, 1]);
    const aPrev = tf.zeros([5, 1]);
    expect(await expectNoLeaks(() => characterModel.rnnStepForward(parameters, aPrev, x))).toBe(2);
    const sums = {
      dWax: tf.zeros([5, 27]),
      dWaa: tf.zeros([5, 5]),
      dWya: tf.zeros([27, 5]),
      db: tf.zeros([5, 1]),
      dby: tf.zeros([27, 1]),
      daNext: tf.zeros([5, 1]),
    };
    const dy = tf.ones([27, 1]);
    const wrong = tf.zeros([4, 1]);
    expect(
      await expectNoLeaks(() =>
        characterModel.rnnStepBackward(dy, sums, parameters, x, aPrev, aPrev),
      ),
    ).toBe(6);
    expectDlkitError(
      () =>
        characterModel.rnnStepBackward(dy, { ...sums, daNext: wrong }, parameters, x, aPrev, aPrev),
      'rnnStepBackward: gradients.daNext must have shape [nA, 1] with nA = 5 (from parameters.Wax), got [4, 1]',
    );
    tf.dispose([dy, wrong, ...Object.values(sums)]);
    tf.dispose([x, aPrev, a0, ...Object.values(parameters), ...Object.values(cache).flat()]);
  });

  it("rejects a vocabSize other than the parameters'", () => {
    const r = fx.rnn;
    const parameters = fixtureDict(r.parameters) as unknown as CharParameters;
    const a0 = fixtureTensor(r.a0);
    expectDlkitError(
      () => characterModel.rnnForward(r.X, r.Y, a0, parameters, 28),
      "rnnForward: vocabSize must be the parameters' 27, got 28",
    );
    tf.dispose([a0, ...Object.values(parameters)]);
  });
});

describe('model (the notebook utils and training loop)', () => {
  it('initializeParameters draws as np.random.seed(1) randn · 0.01', async () => {
    const m = fx.model;
    const p = characterModel.initializeParameters(m.nA, m.vocabSize, m.vocabSize);
    expectFixtureDictClose({ ...p }, m.initialParameters, { rtol: 1e-6 });
    tf.dispose(Object.values(p));
    expect(await expectNoLeaks(() => characterModel.initializeParameters(3, 4, 4))).toBe(5);
    expect(characterModel.getInitialLoss(m.vocabSize, m.dinoNames)).toBeCloseTo(m.initialLoss, 12);
  });

  it("reproduces a short NumPy run of the notebook's model: losses, samples, parameters", () => {
    const m = fx.model;
    const samples: { iteration: number; names: string[] }[] = [];
    const { parameters, lastDinoName, losses } = characterModel.model(
      m.dataX,
      CHARS,
      CHAR_TO_IX,
      m.numIterations,
      m.nA,
      m.dinoNames,
      m.vocabSize,
      false,
      { sampleEvery: 10, onSample: ({ iteration, names }) => samples.push({ iteration, names }) },
    );
    expect(losses).toHaveLength(m.numIterations);
    losses.forEach((l, j) => expect(l / m.losses[j]!).toBeCloseTo(1, 5));
    expect(samples).toEqual(m.samples);
    expect(lastDinoName).toBe(m.lastDinoName);
    expectFixtureDictClose({ ...parameters }, m.parameters, { rtol: 1e-3, atol: 1e-5 });
    tf.dispose(Object.values(parameters));
  });

  it('leaks nothing but the trained parameters', async () => {
    const names = ['rex', 'zby'];
    expect(
      await expectNoLeaks(
        () =>
          characterModel.model(names, CHARS, CHAR_TO_IX, 5, 4, 2, 27, false, { onSample: () => {} })
            .parameters,
      ),
    ).toBe(5);
  });

  it('rejects names with unknown characters and a bad iteration count', () => {
    expectDlkitError(
      () => characterModel.model(['Rex'], CHARS, CHAR_TO_IX, 5),
      'model: charToIx["R"] must be an index in [0, 27), got undefined',
    );
    expectDlkitError(
      () => characterModel.model(['rex'], CHARS, CHAR_TO_IX, -1),
      'model: numIterations must be an integer >= 0 and <= 1000000, got -1',
    );
  });

  it('smooth, getSample and updateParameters follow the utils', async () => {
    expect(characterModel.smooth(10, 20)).toBeCloseTo(10.01, 12);
    expect(characterModel.getSample([18, 5, 24, 0], CHARS)).toBe('rex\n');
    const p = characterModel.initializeParameters(3, 4, 4);
    const g = {
      dWax: tf.ones([3, 4]),
      dWaa: tf.ones([3, 3]),
      dWya: tf.ones([4, 3]),
      db: tf.ones([3, 1]),
      dby: tf.ones([4, 1]),
    };
    const next = characterModel.updateParameters(p, g, 0.5);
    expectTensorsClose(next.Wax, p.Wax.sub(0.5));
    expect(await expectNoLeaks(() => characterModel.updateParameters(p, g, 0.5))).toBe(5);
    expectDlkitError(
      () => characterModel.updateParameters(p, { ...g, db: tf.ones([4, 1]) }, 0.5),
      'updateParameters: gradients.db must have shape [nA, 1] with nA = 3 (from parameters.Wax), got [4, 1]',
    );
    tf.dispose([...Object.values(p), ...Object.values(g), ...Object.values(next)]);
  });
});
