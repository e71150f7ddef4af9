// The C5 W3 date-translation model: one step of attention against PyTorch
// (tests/fixtures/sequence_nmt.py), the notebook's parameter count, attention weights that sum
// to 1 over Tx, save/load through @dlkit/backend's fileSystem, leaks and bad input.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSystem } from '@dlkit/backend';
import { makeDatePairs } from '@dlkit/datasets';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { LSTM } from '../lstm/lstm-layer.js';
import { attentionMap } from './attention-map.js';
import { createAttentionLayers } from './attention-layers.js';
import { modelf } from './modelf.js';
import { oneStepAttention } from './one-step-attention.js';
import { RepeatSteps } from './repeat-vector.js';
import { SoftmaxOverTime } from './softmax-over-time.js';
import { stringToInt } from './string-to-int.js';

const fx = loadFixture<Record<string, FixtureTensor>>('sequence_nmt');
const { humanVocab } = makeDatePairs({ m: 200, seed: 3 });

/** The fixture's densor weights written into fresh shared layers (built by one call). */
function fixtureLayers(Tx: number) {
  const layers = createAttentionLayers(Tx);
  const a = fixtureTensor(fx['a']!);
  const s = fixtureTensor(fx['sPrev']!);
  tf.tidy(() => {
    oneStepAttention(a, s, layers);
  });
  layers.densor1.setWeights([fixtureTensor(fx['W1']!), fixtureTensor(fx['b1']!)]);
  layers.densor2.setWeights([fixtureTensor(fx['W2']!), fixtureTensor(fx['b2']!)]);
  return { layers, a, s };
}

describe('oneStepAttention', () => {
  it("equals PyTorch's context on the fixture's weights", () => {
    const { layers, a, s } = fixtureLayers(7);
    tf.tidy(() => {
      expectTensorsClose(oneStepAttention(a, s, layers), fixtureTensor(fx['context']!), {
        rtol: 1e-5,
        atol: 1e-6,
      });
    });
    tf.dispose([a, s, ...layers.densor1.getWeights(), ...layers.densor2.getWeights()]);
  });

  it('has attention weights that equal PyTorch and sum to 1 over the Tx input steps', () => {
    const { layers, a, s } = fixtureLayers(7);
    tf.tidy(() => {
      const energies = layers.densor2.apply(
        layers.densor1.apply(
          layers.concatenator.apply([a, layers.repeator.apply(s) as tf.Tensor]) as tf.Tensor,
        ),
      ) as tf.Tensor;
      const alphas = layers.activator.apply(energies) as tf.Tensor;
      expectTensorsClose(alphas, fixtureTensor(fx['alphas']!), { rtol: 1e-5, atol: 1e-6 });
      expectTensorsClose(tf.sum(alphas, 1), tf.ones([3, 1]), { atol: 1e-6 });
    });
    tf.dispose([a, s, ...layers.densor1.getWeights(), ...layers.densor2.getWeights()]);
  });

  it('returns one tensor and leaks nothing, with or without shared layers', async () => {
    const a = tf.randomNormal([2, 5, 6], 0, 1, 'float32', 1);
    const s = tf.randomNormal([2, 4], 0, 1, 'float32', 2);
    expect(await expectNoLeaks(() => oneStepAttention(a, s))).toBe(1);
    const context = oneStepAttention(a, s);
    expect(context.shape).toEqual([2, 1, 6]);
    tf.dispose([a, s, context]);
  });

  it('rejects bad input with a DlkitError naming oneStepAttention', () => {
    const a = tf.zeros([2, 5, 6]);
    const s = tf.zeros([2, 4]);
    const layers = createAttentionLayers(4);
    expectDlkitError(
      () => oneStepAttention(a, s, layers),
      'oneStepAttention: a must have shape [m, 4, nA2], got [2, 5, 6]',
    );
    expectDlkitError(
      () => oneStepAttention(a, tf.zeros([3, 4]), createAttentionLayers(5)),
      /^oneStepAttention: sPrev must have shape \[m, nS\] with m = 2 \(from a\), got \[3, 4\]/,
    );
    expectDlkitError(
      () => oneStepAttention(a, s, { repeator: 1 } as never),
      /^oneStepAttention: layers must be createAttentionLayers\(\)'s \{ repeator, concatenator, densor1, densor2, activator, dotor \}/,
    );
    tf.dispose([a, s]);
  });
});

describe('the attention layers', () => {
  it('repeat as tf.tile does and soft-max over axis 1', () => {
    tf.tidy(() => {
      const s = tf.randomNormal([2, 3], 0, 1, 'float32', 4);
      const repeated = new RepeatSteps({ n: 4 }).apply(s) as tf.Tensor;
      expectTensorsClose(repeated, tf.tile(tf.expandDims(s, 1), [1, 4, 1]), { atol: 0 });
      const e = tf.randomNormal([2, 5, 1], 0, 2, 'float32', 5);
      const ex = tf.exp(e);
      expectTensorsClose(
        new SoftmaxOverTime({}).apply(e) as tf.Tensor,
        tf.div(ex, tf.sum(ex, 1, true)),
        {
          rtol: 1e-5,
        },
      );
    });
  });

  it('reject bad sizes with a DlkitError naming createAttentionLayers', () => {
    expectDlkitError(
      () => createAttentionLayers(0),
      'createAttentionLayers: Tx must be an integer >= 1 and <= 1000, got 0',
    );
    expectDlkitError(
      () => createAttentionLayers(30, { seed: -1 }),
      /^createAttentionLayers: options.seed must be an integer >= 0/,
    );
  });
});

describe('modelf', () => {
  it("has the notebook's 52,960 parameters and layer structure", () => {
    const model = modelf(30, 10, 32, 64, 37, 11);
    expect(model.countParams()).toBe(52960);
    // The recurrent kernels [nA, 4nA] have orthonormal rows (Keras' Orthogonal initializer).
    tf.tidy(() => {
      const U = model.layers.find((l) => l instanceof LSTM)!.getWeights()[1]!;
      expectTensorsClose(tf.matMul(U, U, false, true), tf.eye(32), { atol: 1e-5 });
    });
    expect(model.inputs.map((i) => i.shape)).toEqual([
      [null, 30, 37],
      [null, 64],
      [null, 64],
    ]);
    expect(model.outputs.map((o) => o.shape)).toEqual(Array(10).fill([null, 11]));
    const counts = (name: string) => model.layers.filter((l) => l.getClassName() === name).length;
    // Two LSTMs make the Bi-LSTM, one is the post-attention LSTM; the two attention Dense layers
    // and the output layer are shared by the 10 steps.
    expect(model.layers.filter((l) => l instanceof LSTM)).toHaveLength(3);
    expect([counts('Dense'), counts('DlkitSoftmaxOverTime')]).toEqual([3, 1]);
    model.dispose();
  });

  it('leaks nothing once the model is disposed', async () => {
    expect(
      await expectNoLeaks(() => {
        modelf(6, 3, 4, 5, 8, 4).dispose();
      }),
    ).toBe(0);
  });

  it('rejects bad sizes and options with a DlkitError naming modelf', () => {
    expectDlkitError(
      () => modelf(30, 0, 32, 64, 37, 11),
      'nmt.modelf: Ty must be an integer >= 1 and <= 1000, got 0',
    );
    expectDlkitError(
      () => modelf(30, 10, 32, 64, 37, 11, { layers: {} as never }),
      /^nmt.modelf: layers must be createAttentionLayers\(\)'s/,
    );
    expectDlkitError(
      () => modelf(30, 10, 32, 64, 37, 11, { units: 3 } as never),
      /^nmt.modelf: options has an unknown field units/,
    );
  });
});

describe('a small modelf model, saved and loaded', () => {
  const Tx = 12;
  let model: tf.LayersModel;
  let dir: string;
  beforeAll(() => {
    model = modelf(Tx, 4, 4, 6, humanVocab.size, 11, { seed: 3 });
    dir = mkdtempSync(join(tmpdir(), 'dlkit-nmt-'));
  });
  afterAll(() => {
    model.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives equal predictions after a round trip through fileSystem', async () => {
    await model.save(fileSystem(join(dir, 'nmt')));
    const loaded = await tf.loadLayersModel(fileSystem(join(dir, 'nmt')));
    tf.tidy(() => {
      const X = tf.oneHot(
        tf.tensor2d([stringToInt('3 may 1979', Tx, humanVocab)], undefined, 'int32'),
        humanVocab.size,
      );
      const z = tf.zeros([1, 6]);
      const before = model.predict([X, z, z]) as tf.Tensor[];
      const after = loaded.predict([X, z, z]) as tf.Tensor[];
      expect(after).toHaveLength(4);
      before.forEach((b, t) => expectTensorsClose(after[t]!, b, { atol: 1e-6 }));
    });
    expect(attentionMap(loaded, '3 may 1979', humanVocab)).toEqual(
      attentionMap(model, '3 may 1979', humanVocab),
    );
    loaded.dispose();
  });

  it('has an attention map of Ty rows over Tx characters, each summing to 1', async () => {
    let map: ReturnType<typeof attentionMap> | undefined;
    expect(
      await expectNoLeaks(() => {
        map = attentionMap(model, 'Tuesday 9, May 1978', humanVocab);
      }),
    ).toBe(0);
    expect(map!.attention).toHaveLength(4);
    for (const row of map!.attention) {
      expect(row).toHaveLength(Tx);
      expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
    }
    expect(map!.inputs.join('')).toBe('tuesday 9 ma');
    expect(map!.prediction.every((i) => Number.isInteger(i) && i >= 0 && i < 11)).toBe(true);
  });

  it('rejects what is not a modelf model, and a bad vocabulary', () => {
    const other = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    expectDlkitError(
      () => attentionMap(other, 'x', humanVocab),
      /^attentionMap: model must be a modelf model \(inputs \[X, s0, c0\], an attention softmax\), got /,
    );
    expectDlkitError(
      () => attentionMap(model, 'x', {} as never),
      /^attentionMap: humanVocab must be a vocabulary with size and indexOf/,
    );
    other.dispose();
  });
});

describe('stringToInt', () => {
  it("encodes as the notebook's string_to_int: lower case, no commas, cut and padded", () => {
    const ints = stringToInt('3 May, 1979', 12, humanVocab);
    const pad = humanVocab.indexOf('<pad>');
    expect(ints).toEqual([...'3 may 1979'].map((c) => humanVocab.indexOf(c)).concat([pad, pad]));
    expect(stringToInt('tuesday 9 may 1978', 4, humanVocab)).toEqual(
      [...'tues'].map((c) => humanVocab.indexOf(c)),
    );
    expectDlkitError(
      () => stringToInt('x', 0, humanVocab),
      'stringToInt: length must be an integer >= 1 and <= 1000, got 0',
    );
  });
});
