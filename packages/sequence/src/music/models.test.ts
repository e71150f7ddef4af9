import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  expectDlkitError,
  expectNoLeaks,
  expectTensorsClose,
  fixtureTensor,
  loadFixture,
  type FixtureTensor,
} from '@dlkit/test-harness';
import { lstm } from '../lstm/lstm-layer.js';
import { createJazzLayers, type JazzLayers } from './jazz-layers.js';
import { djmodel } from './djmodel.js';
import { musicInferenceModel } from './music-inference-model.js';
import { predictAndSample } from './predict-and-sample.js';
import { makeMelodyCorpus } from './melody-corpus.js';
import { orthogonalRows } from './orthogonal.js';

interface ModelsFixture {
  m: number;
  Tx: number;
  Ty: number;
  nValues: number;
  nA: number;
  kernel: FixtureTensor;
  recurrentKernel: FixtureTensor;
  bias: FixtureTensor;
  denseKernel: FixtureTensor;
  denseBias: FixtureTensor;
  X: FixtureTensor;
  Y: FixtureTensor;
  a0: FixtureTensor;
  c0: FixtureTensor;
  outputs: FixtureTensor;
  loss: number;
  inference: FixtureTensor;
  indices: number[][];
}
const fx = loadFixture<{ models: ModelsFixture }>('sequence_music').models;

/** Everything a test made, disposed after it: models first, then the shared layers. */
const made: { models: tf.LayersModel[]; layers: JazzLayers[]; tensors: tf.Tensor[] } = {
  models: [],
  layers: [],
  tensors: [],
};
afterEach(() => {
  made.models.splice(0).forEach((m) => m.dispose());
  made.layers.splice(0).forEach((l) => l.dispose());
  tf.dispose(made.tensors.splice(0));
});
const keep = <T extends tf.Tensor>(t: T): T => (made.tensors.push(t), t);
const t = (f: FixtureTensor): tf.Tensor => keep(fixtureTensor(f));

/** The shared layers with the fixture's weights. */
function fixtureLayers(): JazzLayers {
  const layers = createJazzLayers({ nA: fx.nA, nValues: fx.nValues, seed: 3 });
  made.layers.push(layers);
  layers.lstmCell.setWeights([t(fx.kernel), t(fx.recurrentKernel), t(fx.bias)]);
  layers.densor.setWeights([t(fx.denseKernel), t(fx.denseBias)]);
  return layers;
}

function model<M extends tf.LayersModel>(m: M): M {
  made.models.push(m);
  return m;
}

describe('createJazzLayers', () => {
  it('makes the notebook layers: Reshape((1, 90)), LSTM(64, return_state), Dense(90, softmax)', () => {
    const layers = createJazzLayers();
    made.layers.push(layers);
    expect(layers.reshaper.getConfig()['targetShape']).toEqual([1, 90]);
    expect(layers.lstmCell.units).toBe(64);
    expect(layers.lstmCell.returnState).toBe(true);
    expect(layers.lstmCell.weights.map((w) => w.shape)).toEqual([[90, 256], [64, 256], [256]]);
    expect(layers.densor.getConfig()).toMatchObject({ units: 90, activation: 'softmax' });
    expect(layers.densor.weights.map((w) => w.shape)).toEqual([[64, 90], [90]]);
  });

  it('is seeded: the same seed gives the same weights, another seed others', () => {
    const [a, b, c] = [7, 7, 8].map((seed) => createJazzLayers({ nA: 4, nValues: 6, seed }));
    made.layers.push(a!, b!, c!);
    const values = (l: JazzLayers) =>
      [...l.lstmCell.getWeights(), ...l.densor.getWeights()].map((w) => Array.from(w.dataSync()));
    expect(values(a!)).toEqual(values(b!));
    expect(values(c!)[0]).not.toEqual(values(a!)[0]);
  });

  it('starts the recurrent kernel [nA, 4nA] with orthonormal rows', () => {
    const layers = createJazzLayers({ nA: 8, nValues: 5 });
    made.layers.push(layers);
    tf.tidy(() => {
      const U = layers.lstmCell.weights[1]!.read();
      expectTensorsClose(tf.matMul(U, U, false, true), tf.eye(8), { atol: 1e-6 });
    });
    const rows = orthogonalRows(3, 5, 1);
    expect(rows).toHaveLength(15);
  });

  it('owns exactly its 5 weights, which dispose() frees (once, even if called twice)', () => {
    const before = tf.memory().numTensors;
    const layers = createJazzLayers({ nA: 4, nValues: 6 });
    expect(tf.memory().numTensors - before).toBe(5);
    layers.dispose();
    layers.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options naming createJazzLayers', () => {
    expectDlkitError(
      () => createJazzLayers({ nA: 0 }),
      'createJazzLayers: options.nA must be an integer >= 1 and <= 4096, got 0',
    );
    expectDlkitError(
      () => createJazzLayers({ nValues: 1e9 }),
      /options.nValues must be an integer >= 1 and <= 100000/,
    );
    expectDlkitError(
      () => createJazzLayers({ n_a: 4 } as never),
      /options has an unknown field n_a/,
    );
  });
});

describe('djmodel', () => {
  it('has the notebook 45,530 parameters for Tx 30, 90 values, 64 units: one set of weights for all steps', () => {
    const layers = createJazzLayers({ nA: 64, nValues: 90 });
    made.layers.push(layers);
    const m = model(djmodel(30, layers.lstmCell, layers.densor, layers.reshaper));
    expect(m.countParams()).toBe(45_530);
    expect(m.inputs.map((i) => i.shape)).toEqual([
      [null, 30, 90],
      [null, 64],
      [null, 64],
    ]);
    expect(m.outputs).toHaveLength(30);
    expect(m.outputs.every((o) => o.shape.join() === ',90')).toBe(true);
    expect(new Set(m.weights)).toEqual(
      new Set([...layers.lstmCell.weights, ...layers.densor.weights]),
    );
  });

  it('computes the outputs and the loss of the PyTorch step-by-step loop', async () => {
    const { lstmCell, densor, reshaper } = fixtureLayers();
    const m = model(djmodel(fx.Tx, lstmCell, densor, reshaper));
    const inputs = [t(fx.X), t(fx.a0), t(fx.c0)];
    const outputs = (m.predict(inputs) as tf.Tensor[]).map(keep);
    tf.tidy(() => expectTensorsClose(tf.stack(outputs), t(fx.outputs), { rtol: 1e-5, atol: 1e-6 }));
    // Keras' loss for list(Y): the sum over steps of the batch-mean cross-entropy. (tfjs'
    // evaluate lists running partial sums for many outputs, so read it from a fit at rate 0.)
    const optimizer = tf.train.sgd(0);
    m.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const ys = tf.unstack(t(fx.Y)).map(keep);
    const history = await m.fit(inputs, ys, { epochs: 1, batchSize: fx.m, verbose: 0 });
    expect(history.history['loss']![0]).toBeCloseTo(fx.loss, 4);
    optimizer.dispose();
  });

  it('trains on a generated corpus: the loss falls (Adam, list(Y) as the notebook fits it)', async () => {
    const c = makeMelodyCorpus({ sequences: 16, Tx: 8, seed: 1 });
    keep(c.X);
    keep(c.Y);
    const layers = createJazzLayers({ nA: 16, nValues: 90, seed: 1 });
    made.layers.push(layers);
    const m = model(djmodel(8, layers.lstmCell, layers.densor, layers.reshaper));
    const optimizer = tf.train.adam(0.01);
    m.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const states = [keep(tf.zeros([16, 16])), keep(tf.zeros([16, 16]))];
    const ys = tf.unstack(c.Y).map(keep);
    const history = await m.fit([c.X, ...states], ys, { epochs: 12, batchSize: 16, verbose: 0 });
    const loss = history.history['loss'] as number[];
    // 8 steps of ln 90 = 36 at the start; measured (cpu) 35.98 → 31.25 in 12 epochs, falling
    // every epoch.
    expect(loss[0]).toBeGreaterThan(8 * Math.log(90) - 1);
    loss.slice(1).forEach((l, i) => expect(l).toBeLessThan(loss[i]!));
    expect(loss.at(-1)!).toBeLessThan(loss[0]! - 3);
    optimizer.dispose();
  });

  it('makes no tensor (the layers own the weights)', async () => {
    const layers = createJazzLayers({ nA: 4, nValues: 6 });
    made.layers.push(layers);
    expect(
      await expectNoLeaks(
        () => void model(djmodel(3, layers.lstmCell, layers.densor, layers.reshaper)),
      ),
    ).toBe(0);
  });

  it('rejects bad Tx and layers naming djmodel', () => {
    const { lstmCell, densor, reshaper } = fixtureLayers();
    expectDlkitError(
      () => djmodel(0, lstmCell, densor, reshaper),
      'djmodel: Tx must be an integer >= 1 and <= 1000, got 0',
    );
    expectDlkitError(
      () => djmodel(4, lstm({ units: 3 }), densor, reshaper),
      'djmodel: lstmCell must be made with returnState: true',
    );
    expectDlkitError(
      () => djmodel(4, tf.layers.dense({ units: 3 }) as never, densor, reshaper),
      /^djmodel: lstmCell must be a dlkit LSTM layer/,
    );
    expectDlkitError(
      () => djmodel(4, lstmCell, reshaper, reshaper),
      /^djmodel: densor must be a tf.layers.dense layer/,
    );
    expectDlkitError(
      () => djmodel(4, lstmCell, densor, tf.layers.reshape({ targetShape: [5, 1] })),
      /^djmodel: reshaper must be tf.layers.reshape\(\{ targetShape: \[1, 5\] \}\)/,
    );
    const other = createJazzLayers({ nA: 4, nValues: 5 });
    made.layers.push(other);
    expectDlkitError(
      () => djmodel(4, lstmCell, other.densor, reshaper),
      'djmodel: densor takes inputs of 4 features, but lstmCell has nA = 3 units',
    );
  });
});

describe('musicInferenceModel and predictAndSample', () => {
  it('generate the values of the PyTorch loop that feeds back one_hot(argmax(out))', () => {
    const { lstmCell, densor } = fixtureLayers();
    const inference = model(musicInferenceModel(lstmCell, densor, fx.Ty));
    const x0 = keep(tf.zeros([fx.m, 1, fx.nValues]));
    const [a0, c0] = [t(fx.a0), t(fx.c0)];
    const outputs = (inference.predict([x0, a0, c0]) as tf.Tensor[]).map(keep);
    tf.tidy(() =>
      expectTensorsClose(tf.stack(outputs), t(fx.inference), { rtol: 1e-5, atol: 1e-6 }),
    );
    const { results, indices } = predictAndSample(inference, x0, a0, c0);
    keep(results);
    keep(indices);
    expect(indices.dtype).toBe('int32');
    expect(indices.arraySync()).toEqual(fx.indices);
    expect(results.shape).toEqual([fx.Ty, fx.m, fx.nValues]);
    tf.tidy(() => expectTensorsClose(results.argMax(-1), indices));
    expect(results.sum().dataSync()[0]).toBe(fx.Ty * fx.m);
  });

  it('share the trained weights with djmodel: the same variables, and what fit changes, inference uses', async () => {
    const layers = createJazzLayers({ nA: 8, nValues: 90, seed: 2 });
    made.layers.push(layers);
    const train = model(djmodel(6, layers.lstmCell, layers.densor, layers.reshaper));
    const inference = model(musicInferenceModel(layers.lstmCell, layers.densor, 10));
    expect(inference.weights).toHaveLength(5);
    for (const w of inference.weights) expect(train.weights).toContain(w);
    const x0 = keep(tf.zeros([1, 1, 90]));
    const s = keep(tf.zeros([1, 8]));
    const before = (inference.predict([x0, s, s]) as tf.Tensor[]).map(keep);
    const c = makeMelodyCorpus({ sequences: 4, Tx: 6, seed: 3 });
    keep(c.X);
    keep(c.Y);
    const optimizer = tf.train.adam(0.05);
    train.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const states = keep(tf.zeros([4, 8]));
    await train.fit([c.X, states, states], tf.unstack(c.Y).map(keep), { epochs: 2, verbose: 0 });
    optimizer.dispose();
    const after = (inference.predict([x0, s, s]) as tf.Tensor[]).map(keep);
    const fresh = model(musicInferenceModel(layers.lstmCell, layers.densor, 10));
    const rebuilt = (fresh.predict([x0, s, s]) as tf.Tensor[]).map(keep);
    const maxChange = tf.tidy(
      () => tf.stack(after).sub(tf.stack(before)).abs().max().dataSync()[0]!,
    );
    expect(maxChange).toBeGreaterThan(1e-3);
    tf.tidy(() => expectTensorsClose(tf.stack(after), tf.stack(rebuilt)));
  });

  it('save and load (DlkitLSTM, DlkitOneHotArgmax and RepeatVector are serializable) with the same samples', async () => {
    const { lstmCell, densor } = fixtureLayers();
    const inference = model(musicInferenceModel(lstmCell, densor, fx.Ty));
    let artifacts: tf.io.ModelArtifacts | undefined;
    await inference.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = model(await tf.loadLayersModel(tf.io.fromMemory(artifacts!)));
    const x0 = keep(tf.zeros([fx.m, 1, fx.nValues]));
    const r = predictAndSample(loaded, x0, t(fx.a0), t(fx.c0));
    keep(r.results);
    expect(keep(r.indices).arraySync()).toEqual(fx.indices);
  });

  it('make no tensor, and predictAndSample returns exactly results and indices', async () => {
    const layers = createJazzLayers({ nA: 4, nValues: 6 });
    made.layers.push(layers);
    const inference = model(musicInferenceModel(layers.lstmCell, layers.densor, 5));
    expect(
      await expectNoLeaks(() => void model(musicInferenceModel(layers.lstmCell, layers.densor, 3))),
    ).toBe(0);
    const [x0, a0] = [keep(tf.zeros([2, 1, 6])), keep(tf.zeros([2, 4]))];
    expect(
      await expectNoLeaks(() => {
        const r = predictAndSample(inference, x0, a0, a0);
        return [r.results, r.indices];
      }),
    ).toBe(2);
  });

  it('reject bad arguments naming the function called', () => {
    const { lstmCell, densor } = fixtureLayers();
    expectDlkitError(
      () => musicInferenceModel(lstmCell, densor, 0),
      'musicInferenceModel: Ty must be an integer >= 1 and <= 1000, got 0',
    );
    expectDlkitError(
      () => musicInferenceModel(lstmCell, null as never),
      /^musicInferenceModel: densor must be a tf.layers.dense layer/,
    );
    const inference = model(musicInferenceModel(lstmCell, densor, 2));
    const [x0, a0] = [keep(tf.zeros([2, 1, 5])), keep(tf.zeros([2, 3]))];
    const wrong = keep(tf.zeros([1, 3]));
    expectDlkitError(
      () => predictAndSample(inference, x0, a0, wrong),
      /^predictAndSample: cInitializer must have shape \[m, 3\]/,
    );
    expectDlkitError(
      () => predictAndSample(inference, keep(tf.zeros([2, 1, 4])), a0, a0),
      /^predictAndSample: xInitializer must have shape \[m, 1, 5\]/,
    );
    expectDlkitError(
      () => predictAndSample(inference, x0, keep(tf.fill([2, 3], NaN)), a0),
      /^predictAndSample: aInitializer must be finite/,
    );
    expectDlkitError(
      () => predictAndSample({} as never, x0, a0, a0),
      /^predictAndSample: inferenceModel must be a tf.LayersModel with inputs \[x0, a0, c0\]/,
    );
  });
});
