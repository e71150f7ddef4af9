import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoLeaks,
  expectTensorsClose,
  registerReferenceLstmKernels,
} from '@dlkit/test-harness';
import { DlkitError } from '@dlkit/core';
import { LSTM, lstm } from './lstm-layer.js';
import { lstmFusedAvailable } from './lstm-sequence.js';

const TOL = { rtol: 1e-4, atol: 1e-5 };
const [m, Tx, nX, nA] = [3, 5, 4, 6];

/** Loss and gradients (input and the three weights) of sum(layer(x) * R) for a built layer. */
function lossAndGrads(
  layer: tf.layers.Layer,
  x: tf.Tensor,
  R: tf.Tensor,
): { value: tf.Tensor; dx: tf.Tensor; dWeights: tf.Tensor[] } {
  const loss = (input: tf.Tensor): tf.Scalar =>
    tf.sum(tf.mul(layer.apply(input) as tf.Tensor, R)) as tf.Scalar;
  const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => loss(x), vars);
  const dx = tf.grad(loss)(x);
  return { value, dx, dWeights: vars.map((v) => grads[v.name] as tf.Tensor) };
}

/** Builds a layer for inputs [*, *, nX] by applying it to a symbolic input (so it can be disposed). */
function buildFor<L extends tf.layers.Layer>(layer: L, nX: number): L {
  layer.apply(tf.input({ shape: [null, nX] }));
  return layer;
}

/** A config as JSON would keep it (undefined and null are the same after a save). */
function normalized(config: tf.serialization.ConfigDict): unknown {
  return JSON.parse(JSON.stringify(config, (_k, v: unknown) => (v === undefined ? null : v)));
}

function matchesTfLayersLstm(returnSequences: boolean): void {
  const theirs = tf.layers.lstm({ units: nA, recurrentActivation: 'sigmoid', returnSequences });
  const ours = lstm({ units: nA, returnSequences });
  const x = tf.randomNormal([m, Tx, nX], 0, 1, 'float32', 11);
  const R = tf.randomNormal(returnSequences ? [m, Tx, nA] : [m, nA], 0, 1, 'float32', 12);
  tf.dispose([theirs.apply(x) as tf.Tensor, ours.apply(x) as tf.Tensor]); // builds both
  // Give the bias non-zero values everywhere, then copy tfjs' weights into ours.
  const weights = theirs.getWeights();
  const bias = tf.randomNormal([4 * nA], 0, 0.5, 'float32', 13);
  theirs.setWeights([weights[0]!, weights[1]!, bias]);
  ours.setWeights(theirs.getWeights());
  const a = lossAndGrads(ours, x, R);
  const b = lossAndGrads(theirs, x, R);
  expectTensorsClose(a.value, b.value, { ...TOL, label: 'loss' });
  expectTensorsClose(a.dx, b.dx, { ...TOL, label: 'dx' });
  a.dWeights.forEach((g, i) =>
    expectTensorsClose(g, b.dWeights[i]!, { ...TOL, label: `weight ${i}` }),
  );
  const outOurs = ours.apply(x) as tf.Tensor;
  const outTheirs = theirs.apply(x) as tf.Tensor;
  expectTensorsClose(outOurs, outTheirs, { ...TOL, label: 'output' });
  tf.dispose([x, R, bias, outOurs, outTheirs, a.value, a.dx, b.value, b.dx]);
  tf.dispose([...a.dWeights, ...b.dWeights]);
  ours.dispose();
  theirs.dispose();
}

function data(): { xs: tf.Tensor; ys: tf.Tensor } {
  // Label: whether token 1 occurs in the sequence — needs memory across steps.
  const rows = [
    [1, 3, 4, 2, 0],
    [3, 4, 2, 2, 0],
    [2, 2, 1, 4, 3],
    [4, 3, 3, 2, 2],
    [0, 0, 0, 0, 1],
    [2, 0, 4, 3, 0],
  ];
  return {
    xs: tf.tensor2d(rows),
    ys: tf.tensor2d(rows.map((r) => [r.includes(1) ? 1 : 0])),
  };
}

/** model.fit on a task that needs memory across steps lowers the loss by half. */
async function fitLowersTheLoss(): Promise<void> {
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({
        inputDim: 5,
        outputDim: 4,
        inputLength: 5,
        embeddingsInitializer: tf.initializers.randomUniform({
          minval: -0.05,
          maxval: 0.05,
          seed: 2,
        }),
      }),
      lstm({ units: 8, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({
        units: 1,
        activation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
  const { xs, ys } = data();
  const history = await model.fit(xs, ys, { epochs: 30, batchSize: 6, verbose: 0 });
  const losses = history.history['loss'] as number[];
  expect(losses.at(-1)!).toBeLessThan(0.5 * losses[0]!);
  tf.dispose([xs, ys]);
  model.dispose();
}

/** Applying a built layer returns its three outputs and leaves nothing else behind. */
async function layerApplyLeaksNothing(): Promise<void> {
  const layer = lstm({ units: 3, returnState: true });
  const x = tf.randomNormal([2, 4, 5], 0, 1, 'float32', 14);
  buildFor(layer, 5);
  expect(await expectNoLeaks(() => layer.apply(x))).toBe(3);
  tf.dispose(x);
  layer.dispose();
}

/** One optimizer.minimize step on a model with an LSTM layer leaves no tensor behind. */
async function trainingStepLeaksNothing(): Promise<void> {
  const model = tf.sequential({
    layers: [lstm({ units: 3, inputShape: [4, 2] }), tf.layers.dense({ units: 1 })],
  });
  const x = tf.randomNormal([2, 4, 2], 0, 1, 'float32', 15);
  const y = tf.zeros([2, 1]);
  const optimizer = tf.train.sgd(0.1);
  const loss = (): tf.Scalar =>
    tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
  const step = (): void => {
    const value = optimizer.minimize(loss, true);
    if (value !== null) value.dispose();
  };
  step(); // the first step may create optimizer state
  expect(await expectNoLeaks(step)).toBe(0);
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
}

describe('LSTM layer vs tf.layers.lstm (recurrentActivation sigmoid), composite path', () => {
  it('same outputs and gradients, returnSequences false', () => matchesTfLayersLstm(false));
  it('same outputs and gradients, returnSequences true', () => matchesTfLayersLstm(true));
  it('a layer apply returns its outputs and leaks nothing', layerApplyLeaksNothing);
});

describe('LSTM layer vs tf.layers.lstm, fused path (reference kernels on cpu)', () => {
  let unregister: () => void = () => undefined;
  beforeAll(() => {
    unregister = registerReferenceLstmKernels();
  });
  afterAll(() => unregister());
  it('runs fused', () => expect(lstmFusedAvailable()).toBe(true));
  it('same outputs and gradients, returnSequences false', () => matchesTfLayersLstm(false));
  it('same outputs and gradients, returnSequences true', () => matchesTfLayersLstm(true));
  it('a training step with optimizer.minimize leaks nothing', trainingStepLeaksNothing);
  it('model.fit lowers the loss (embedding, LSTM, dense)', fitLowersTheLoss);
  it('a layer apply returns its outputs and leaks nothing', layerApplyLeaksNothing);
});

describe('LSTM layer weights', () => {
  it('are named and shaped like Keras: kernel, recurrent_kernel, bias', () => {
    const layer = lstm({ units: 3 });
    buildFor(layer, 5);
    expect(layer.weights.map((w) => w.originalName.split('/').pop())).toEqual([
      'kernel',
      'recurrent_kernel',
      'bias',
    ]);
    expect(layer.weights.map((w) => w.shape)).toEqual([[5, 12], [3, 12], [12]]);
    layer.dispose();
  });

  it('start the forget bias at 1 (unitForgetBias, the default) and the rest at 0', () => {
    const layer = lstm({ units: 2 });
    buildFor(layer, 3);
    const [bias] = layer.getWeights().slice(2);
    expectTensorsClose(bias!, [0, 0, 1, 1, 0, 0, 0, 0]);
    const plain = lstm({ units: 2, unitForgetBias: false });
    buildFor(plain, 3);
    const [zeros] = plain.getWeights().slice(2);
    expectTensorsClose(zeros!, [0, 0, 0, 0, 0, 0, 0, 0]);
    layer.dispose();
    plain.dispose();
  });

  it('use the given initializers (objects, names and { className, config })', () => {
    const a = lstm({
      units: 2,
      kernelInitializer: tf.initializers.ones(),
      recurrentInitializer: 'zeros',
      biasInitializer: { className: 'Constant', config: { value: 0.5 } },
      unitForgetBias: false,
    });
    buildFor(a, 1);
    const [k, u, b] = a.getWeights();
    expectTensorsClose(k!, [[1, 1, 1, 1, 1, 1, 1, 1]]);
    expectTensorsClose(u!, tf.zeros([2, 8]).arraySync() as number[][]);
    expectTensorsClose(b!, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    a.dispose();
  });

  it('recurrent kernel defaults to orthogonal: U^T U = I for a square block', () => {
    const layer = lstm({ units: 3 });
    buildFor(layer, 2);
    const U = layer.getWeights()[1]!;
    const gram = tf.matMul(U, U, false, true); // [nA, 4nA] rows are orthonormal
    expectTensorsClose(gram, tf.eye(3).arraySync() as number[][], { atol: 1e-5 });
    tf.dispose(gram);
    layer.dispose();
  });
});

describe('LSTM layer shapes and returnState', () => {
  it('computes output shapes for every combination', () => {
    const shape = [null, 7, 3];
    expect(lstm({ units: 4 }).computeOutputShape(shape)).toEqual([null, 4]);
    expect(lstm({ units: 4, returnSequences: true }).computeOutputShape(shape)).toEqual([
      null,
      7,
      4,
    ]);
    expect(lstm({ units: 4, returnState: true }).computeOutputShape(shape)).toEqual([
      [null, 4],
      [null, 4],
      [null, 4],
    ]);
    expect(
      lstm({ units: 4, returnSequences: true, returnState: true }).computeOutputShape(shape),
    ).toEqual([
      [null, 7, 4],
      [null, 4],
      [null, 4],
    ]);
  });

  it('returnState gives [output, lastH, lastC], consistent with returnSequences', () => {
    const x = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 21);
    const all = lstm({ units: 5, returnSequences: true, returnState: true });
    const last = lstm({ units: 5, returnState: true });
    buildFor(all, 3);
    buildFor(last, 3);
    last.setWeights(all.getWeights());
    const [sequence, h, c] = all.apply(x) as tf.Tensor[];
    const [output, h2, c2] = last.apply(x) as tf.Tensor[];
    expect(sequence!.shape).toEqual([2, 4, 5]);
    const lastStep = tf.squeeze(tf.slice(sequence!, [0, 3, 0], [2, 1, 5]), [1]);
    expectTensorsClose(h!, lastStep);
    expectTensorsClose(output!, lastStep);
    expectTensorsClose(h2!, lastStep);
    expectTensorsClose(c2!, c!);
    // |h| = |o * tanh(c)| <= |tanh(c)|: the cell state is a different tensor from h.
    expect(tf.all(tf.lessEqual(tf.abs(h!), tf.add(tf.abs(tf.tanh(c!)), 1e-6))).dataSync()[0]).toBe(
      1,
    );
    tf.dispose([x, sequence!, h!, c!, output!, h2!, c2!, lastStep]);
    all.dispose();
    last.dispose();
  });

  it('works symbolically in a functional model with three outputs', () => {
    const input = tf.input({ shape: [6, 2] });
    const outs = lstm({ units: 3, returnState: true }).apply(input) as tf.SymbolicTensor[];
    expect(outs.map((o) => o.shape)).toEqual([
      [null, 3],
      [null, 3],
      [null, 3],
    ]);
    const model = tf.model({ inputs: input, outputs: outs });
    const x = tf.ones([2, 6, 2]);
    const ys = model.predict(x) as tf.Tensor[];
    expect(ys.map((y) => y.shape)).toEqual([
      [2, 3],
      [2, 3],
      [2, 3],
    ]);
    tf.dispose([x, ...ys]);
    model.dispose();
  });
});

describe('LSTM layer initial state: inputs [x, h0, c0]', () => {
  it('equals tf.layers.lstm with initialState, and lstmSequence with initialState', () => {
    const theirs = tf.layers.lstm({
      units: 3,
      recurrentActivation: 'sigmoid',
      returnSequences: true,
    });
    const ours = lstm({ units: 3, returnSequences: true });
    const x = tf.randomNormal([2, 4, 5], 0, 1, 'float32', 41);
    const h0 = tf.randomNormal([2, 3], 0, 1, 'float32', 42);
    const c0 = tf.randomNormal([2, 3], 0, 1, 'float32', 43);
    tf.dispose([theirs.apply(x) as tf.Tensor, ours.apply(x) as tf.Tensor]);
    ours.setWeights(theirs.getWeights());
    const a = ours.apply([x, h0, c0]) as tf.Tensor;
    const b = theirs.apply(x, { initialState: [h0, c0] }) as tf.Tensor;
    const zeroState = ours.apply(x) as tf.Tensor;
    expectTensorsClose(a, b, TOL);
    expect(tf.max(tf.abs(tf.sub(a, zeroState))).dataSync()[0]!).toBeGreaterThan(1e-3);
    tf.dispose([x, h0, c0, a, b, zeroState]);
    ours.dispose();
    theirs.dispose();
  });

  it('an encoder-decoder model trains through the states and saves and loads', async () => {
    const encoderInput = tf.input({ shape: [4, 2] });
    const decoderInput = tf.input({ shape: [3, 2] });
    const encoder = lstm({ units: 4, returnState: true });
    const [, h, c] = encoder.apply(encoderInput) as tf.SymbolicTensor[];
    const decoded = lstm({ units: 4, returnSequences: true }).apply([
      decoderInput,
      h!,
      c!,
    ]) as tf.SymbolicTensor;
    const output = tf.layers.dense({ units: 1 }).apply(decoded) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [encoderInput, decoderInput], outputs: output });
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
    // The target depends on the encoder's input only: the decoder must read it from the state.
    const xe = tf.randomNormal([8, 4, 2], 0, 1, 'float32', 51);
    const xd = tf.zeros([8, 3, 2]);
    const y = tf.tile(tf.reshape(tf.sum(xe, [1, 2]), [8, 1, 1]), [1, 3, 1]);
    const encoderBefore = encoder.getWeights().map((w) => w.clone());
    const history = await model.fit([xe, xd], y, { epochs: 25, batchSize: 8, verbose: 0 });
    const losses = history.history['loss'] as number[];
    expect(losses.at(-1)!).toBeLessThan(0.5 * losses[0]!);
    encoder.getWeights().forEach((w, i) => {
      expect(tf.max(tf.abs(tf.sub(w, encoderBefore[i]!))).dataSync()[0]!).toBeGreaterThan(0);
    });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const p1 = model.predict([xe, xd]) as tf.Tensor;
    const p2 = loaded.predict([xe, xd]) as tf.Tensor;
    expectTensorsClose(p2, p1, { rtol: 0, atol: 0 });
    tf.dispose([xe, xd, y, p1, p2, ...encoderBefore]);
    model.dispose();
    loaded.dispose();
  });

  it('rejects lists of 2 tensors and states of the wrong shape', () => {
    const layer = lstm({ units: 3 });
    const x = tf.zeros([2, 4, 5]);
    const h = tf.zeros([2, 3]);
    const wide = tf.zeros([2, 4]);
    expect(() => layer.apply([x, h])).toThrow(
      'LSTM.call: inputs must be x or [x] or [x, h0, c0], got a list of 2 tensors',
    );
    expect(() => layer.apply([x, h, wide])).toThrow(
      'LSTM.call: c0 must have shape [m, 3], got [2, 4]',
    );
    tf.dispose([x, h, wide]);
    layer.dispose();
  });
});

describe('LSTM layer serialization', () => {
  it('getConfig / fromConfig round-trip', () => {
    const layer = lstm({
      units: 4,
      returnSequences: true,
      returnState: true,
      unitForgetBias: false,
      kernelInitializer: tf.initializers.heNormal({ seed: 3 }),
      name: 'my_lstm',
    });
    const config = layer.getConfig();
    const copy = LSTM.fromConfig(LSTM, config);
    expect(copy).toBeInstanceOf(LSTM);
    expect(copy.getConfig()).toEqual(config);
    expect(config).toMatchObject({
      units: 4,
      returnSequences: true,
      returnState: true,
      unitForgetBias: false,
      name: 'my_lstm',
      kernelInitializer: { className: 'VarianceScaling', config: { scale: 2, seed: 3 } },
      recurrentInitializer: { className: 'Orthogonal' },
      biasInitializer: { className: 'Zeros' },
    });
  });

  it('a model with embedding, LSTM and dense saves and loads with the same predictions', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 5 }),
        lstm({ units: 6, returnSequences: true }),
        lstm({ units: 3 }),
        tf.layers.dense({ units: 2 }),
      ],
    });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(JSON.stringify(saved!.modelTopology)).toContain('"class_name":"DlkitLSTM"');
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    expect(loaded.layers[1]).toBeInstanceOf(LSTM);
    expect(normalized(loaded.layers[1]!.getConfig())).toEqual(
      normalized(model.layers[1]!.getConfig()),
    );
    const x = tf.tensor2d([
      [1, 2, 3, 4, 5],
      [9, 0, 0, 1, 2],
    ]);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expectTensorsClose(b, a, { rtol: 0, atol: 0 });
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });
});

describe('LSTM layer training (composite path)', () => {
  it('model.fit lowers the loss (embedding, LSTM, dense)', fitLowersTheLoss);

  it('optimizer.minimize on model.apply(x, { training: true }) updates all three weights', () => {
    const model = tf.sequential({
      layers: [lstm({ units: 3, inputShape: [5, 2] }), tf.layers.dense({ units: 1 })],
    });
    const x = tf.randomNormal([4, 5, 2], 0, 1, 'float32', 31);
    const y = tf.randomNormal([4, 1], 0, 1, 'float32', 32);
    const before = model.layers[0]!.getWeights().map((w) => w.clone());
    const optimizer = tf.train.sgd(0.1);
    const loss = (): tf.Scalar =>
      tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
    const first = loss();
    for (let i = 0; i < 20; i++) optimizer.minimize(loss);
    const last = loss();
    expect(last.dataSync()[0]!).toBeLessThan(first.dataSync()[0]!);
    const after = model.layers[0]!.getWeights();
    after.forEach((w, i) => {
      const moved = tf.max(tf.abs(tf.sub(w, before[i]!))).dataSync()[0]!;
      expect(moved).toBeGreaterThan(0);
    });
    tf.dispose([x, y, first, last, ...before]);
    optimizer.dispose();
    model.dispose();
  });

  it('a training step with optimizer.minimize leaks nothing', trainingStepLeaksNothing);
});

describe('LSTM layer input checks', () => {
  it('rejects units that are not positive integers', () => {
    expect(() => lstm({ units: 0 })).toThrow(
      'lstm: args.units must be an integer >= 1 and <= 67108864, got 0',
    );
    expect(() => lstm({ units: 2.5 })).toThrow(DlkitError);
  });

  it('rejects unknown initializers', () => {
    expect(() => lstm({ units: 2, kernelInitializer: 'noSuchInit' })).toThrow(
      'lstm: kernelInitializer names no tfjs initializer: NoSuchInit',
    );
  });

  it('rejects inputs that are not [m, Tx, nX] at build and after', () => {
    const layer = lstm({ units: 2 });
    const flat = tf.zeros([2, 3]);
    expect(() => layer.apply(flat)).toThrow(
      'LSTM.build: input must have shape [m, Tx, nX] with a known nX, got [2, 3]',
    );
    const x = tf.zeros([2, 3, 4]);
    tf.dispose(layer.apply(x) as tf.Tensor);
    const wrongWidth = tf.zeros([2, 3, 5]);
    expect(() => layer.apply(wrongWidth)).toThrow(
      'LSTM.call: inputs must have shape [m, Tx, 4], got [2, 3, 5]',
    );
    expect(() => layer.apply(flat)).toThrow(
      'LSTM.call: inputs must have shape [m, Tx, 4], got [2, 3]',
    );
    tf.dispose([flat, x, wrongWidth]);
    layer.dispose();
  });
});

describe('LSTM bad input (issue 11)', () => {
  it('checks args before tfjs reads them, and the shapes given to build and computeOutputShape', () => {
    expect(() => lstm(undefined as never)).toThrow('lstm: args must be an object, got undefined');
    expect(() => new LSTM(null as never)).toThrow('LSTM: args must be an object, got null');
    expect(() => lstm({ units: 2, returnState: 'yes' as never })).toThrow(
      'lstm: args.returnState must be a boolean, got string yes',
    );
    const layer = lstm({ units: 2 });
    expect(() => layer.build(undefined as never)).toThrow(
      'LSTM.build: input must have shape [m, Tx, nX] with a known nX, got undefined',
    );
    expect(() => layer.computeOutputShape([1e9, 1e9, 1e9])).toThrow(
      'LSTM.computeOutputShape: input must have shape [m, Tx, nX] with a known nX, got [1000000000, 1000000000, 1000000000]',
    );
    expect(layer.computeOutputShape([null, 3, 4])).toEqual([null, 2]);
    expect(() => layer.call(undefined as never)).toThrow(
      'LSTM.call: inputs must be x or [x] or [x, h0, c0], got a list of 1 tensors',
    );
  });
});
